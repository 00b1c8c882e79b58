import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { generatedRunData } from '../../helpers/generated-run.js';
import { expandedLog } from '../../helpers/expanded-log.js';

/** CVaR the textbook way: sort, R type-7 quantile at 1 - level, mean of the values strictly below it. */
function cvarByHand(xs: readonly number[], level: number, minN: number): number {
  if (xs.length === 0 || xs.length < minN) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * (1 - level);
  const lo = Math.floor(h);
  const q = (s[lo] as number) + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] as number) - (s[lo] as number));
  const below = xs.filter((x) => x < q);
  return below.length === 0 ? q : below.reduce((a, b) => a + b, 0) / below.length;
}

const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
const PARAMS = { max_weight: 0.25, cvar_penalty_k: 0.015, dd_penalty_k: 0.01, max_error_rate: 0.15 };

/**
 * Runs `data` twice per max_outcomes: the first run's outcome rows are what each tick may know;
 * the second run's tick views must hold CVaR of each class over (t - window, t], at most
 * max_outcomes of the newest, computed by hand. Returns how many values were checked.
 */
function checkCvarWindows(data: ReturnType<typeof generatedRunData>, windowMs: number, caps: readonly number[], days: number, cadenceMs: number = MS.day): number {
  const t0 = data.prices.tsMs[0] as number;
  const nK = data.strategies.length;
  let checked = 0;
  for (const maxOutcomes of caps) {
    const cvar = { windowMs, level: 0.9, minN: 5, maxOutcomes };
    const cfg = syntheticRunConfig(data, { startMs: t0, endMs: t0 + days * MS.day, cadenceMs, cvar });
    const log = expandedLog(runBacktest(data, cfg, plug, PARAMS).state.log, data);
    const outcomes: { t: number; cls: number; err: number }[] = [];
    let li = 0;
    runBacktest(data, cfg, plug, PARAMS, {
      onTick: (v) => {
        for (; li < log.length && (log.tsMs[li] as number) <= v.tMs; li++) {
          if (LOGGED_EVENT_KINDS[log.kind[li] as number] !== 'outcome_reconciled') continue;
          outcomes.push({ t: log.tsMs[li] as number, cls: log.strategy[li] as number, err: (log.v1[li] as number) - (log.v2[li] as number) });
        }
        for (let k = 0; k <= nK; k++) {
          const cls = k === nK ? -1 : k;
          const xs = outcomes.filter((o) => o.cls === cls && o.t > v.tMs - cvar.windowMs).map((o) => o.err);
          const expected = cvarByHand(xs.slice(Math.max(0, xs.length - maxOutcomes)), cvar.level, cvar.minN);
          const got = k === nK ? v.cvarUnclassified : (v.cvarByClass[k] as number);
          if (Number.isNaN(expected)) {
            expect(got).toBeNaN();
            continue;
          }
          expect(Math.abs(got - expected), `class ${cls} at ${new Date(v.tMs).toISOString()}, max_outcomes ${maxOutcomes}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
          checked++;
        }
      },
    });
  }
  return checked;
}

describe('runBacktest strategy CVaR', () => {
  it('reads exactly the outcomes of each class in (t - window, t], at most max_outcomes of the newest, at every tick', () => {
    const data = generatedRunData({ seed: 5, days: 80, priceStepHours: [24, 24, 168], agentClasses: [0, 0, 1, 1, -1], findingsPerDay: 2, horizonsHours: [24, 72] });
    expect(checkCvarWindows(data, 10 * MS.day, [5000, 12], 79)).toBeGreaterThan(200);
  });

  it('reads the same once each class buffer has dropped what max_outcomes excludes (thousands of outcomes per class)', () => {
    // ~60 outcomes a day per class over 30-day windows: far more than max_outcomes in the window,
    // and past 4,096 per class, where the buffers compact down to what can still be read
    const data = generatedRunData({ seed: 9, days: 120, priceStepHours: [24, 24], agentClasses: [0, 0, 1, 1, -1], findingsPerDay: 30, horizonsHours: [24] });
    // 4-hour ticks: a window of 300 moves by ~10 a tick, so the sorted window re-reads the values that left
    expect(checkCvarWindows(data, 30 * MS.day, [12, 300], 119, 4 * MS.hour)).toBeGreaterThan(400);
  });
});
