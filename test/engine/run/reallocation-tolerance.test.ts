import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { oneAgentDailyData } from '../../helpers/one-agent-daily-data.js';
import { expandedLog } from '../../helpers/expanded-log.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';

const T0 = Date.UTC(2021, 0, 4);
const DAYS = 20;
const REGIME_STEP_DAY = 10;

/** One agent always holding a live long finding on one symbol; the regime steps from 0.5 to 0.7 on day 10. */
function oneHolding(): RunData {
  const days = Float64Array.from({ length: DAYS }, (_, d) => T0 + d * MS.day);
  return oneAgentDailyData(
    T0,
    Float64Array.from({ length: DAYS }, (_, d) => 100 * (1 + 0.001 * d)),
    { tsMs: days, confidence: new Float64Array(DAYS).fill(0.8), direction: new Int8Array(DAYS).fill(1), horizonHours: new Float64Array(DAYS).fill(72) },
    { tsMs: Float64Array.of(T0, T0 + REGIME_STEP_DAY * MS.day), multiplier: Float64Array.of(0.5, 0.7) },
  );
}

describe('runBacktest reallocation threshold', () => {
  it('counts a target move of 0.35 - 0.25 = 0.09999999999999998 as a 10% change in default mode only (docs/modules/governor.md)', () => {
    const data = oneHolding();
    const plug = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    const stepMs = T0 + REGIME_STEP_DAY * MS.day;
    const atStep = (mode: 'seed' | 'default') => {
      const base = syntheticRunConfig(data);
      // the symbol cap holds the proposal at 0.5 in both modes (seed 000 and progressive filling agree)
      const cfg = syntheticRunConfig(data, {
        mode,
        targets: { maxAgentWeight: 1, maxSymbolWeight: 0.5, cashBuffer: 0 },
        decay: { ...base.decay, enabled: false },
        promotion: { ...base.promotion, enabled: false },
        kill: { ...base.kill, enabled: false },
        governor: { ...base.governor, reallocationThreshold: 0.1 },
      });
      const r = runBacktest(data, cfg, plug, {});
      const log = expandedLog(r.state.log, data);
      const out: string[] = [];
      for (let i = 0; i < log.length; i++) {
        if (log.tsMs[i] !== stepMs) continue;
        const kind = LOGGED_EVENT_KINDS[log.kind[i] as number] as string;
        if (kind === 'targets_set' || kind === 'rebalance_skipped') out.push(`${kind} ${log.v1[i]}`);
      }
      return out;
    };
    expect(atStep('default')).toEqual(['targets_set 0.35']);
    expect(atStep('seed')).toEqual(['rebalance_skipped 0.09999999999999998']);
  });
});
