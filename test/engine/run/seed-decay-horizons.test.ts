import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { oneAgentDailyData } from '../../helpers/one-agent-daily-data.js';

/** One agent on one daily symbol: 3 findings with a 24 h horizon, then 30 with 72 h. */
function mixedHorizons(): RunData {
  const t0 = Date.UTC(2021, 0, 4);
  const n = 33;
  return oneAgentDailyData(t0, Float64Array.from({ length: 50 }, (_, d) => 100 * (1 + 0.002 * Math.sin(d * 1.7))), {
    tsMs: Float64Array.from({ length: n }, (_, i) => t0 + i * MS.day),
    confidence: new Float64Array(n).fill(0.9),
    direction: Int8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1)),
    horizonHours: Float64Array.from({ length: n }, (_, i) => (i < 3 ? 24 : 72)),
  });
}

describe('runBacktest seed-mode decay', () => {
  it('filters outcomes on the decay horizon before taking the last limit_rows (seed 003 order)', () => {
    // Only 3 outcomes ever have the 24 h horizon, so limit_rows = 5 must read the same 3 rows
    // as limit_rows = 8000 at every tick; keeping the last 5 of any horizon first would let
    // the 72 h rows push them out from the 8th tick on.
    const data = mixedHorizons();
    const base = syntheticRunConfig(data);
    const plug = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    const series = (limitRows: number): number[] => {
      const out: number[] = [];
      runBacktest(data, syntheticRunConfig(data, { mode: 'seed', decay: { ...base.decay, limitRows } }), plug, {}, { onTick: (v) => out.push(v.multipliers[0] as number) });
      return out;
    };
    const wide = series(8000);
    expect(new Set(wide).size).toBeGreaterThan(5); // seed compounding: it moves every tick
    expect(series(5)).toEqual(wide);
  });

  it('reads only outcomes of the decay horizon in seed mode and outcomes of every horizon in default mode', () => {
    // Every call at 72 h, the decay's horizon (reconcile.horizon_hours) 24 h: seed 003 keeps no
    // row, so seed mode never moves the multiplier; default mode decays on the 72 h outcomes.
    const mixed = mixedHorizons();
    const data: RunData = { ...mixed, findings: { ...mixed.findings, horizonHours: new Float64Array(mixed.findings.n).fill(72) } };
    const plug = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    const last = (mode: 'seed' | 'default'): number => {
      let m = Number.NaN;
      runBacktest(data, syntheticRunConfig(data, { mode }), plug, {}, { onTick: (v) => (m = v.multipliers[0] as number) });
      return m;
    };
    expect(last('seed')).toBe(1);
    expect(last('default')).toBeLessThan(0.99);
  });
});
