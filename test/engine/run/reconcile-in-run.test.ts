import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { generatedRunData } from '../../helpers/generated-run.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { spillEventLog } from '../../../engine/events/log.js';
import { expandedLog, logRows, type LogRow } from '../../helpers/expanded-log.js';

/** The last close of symbol s at or before t (a close at t itself counts: prices come first at equal times). */
function closeAtOrBefore(data: RunData, s: number, t: number): number {
  let c = Number.NaN;
  for (let i = 0; i < data.prices.n && (data.prices.tsMs[i] as number) <= t; i++) if (data.prices.symbolId[i] === s) c = data.prices.close[i] as number;
  return c;
}

describe('runBacktest reconciliation', () => {
  it('reconciles each finding at t + h on the close at or before it: direction x (exit / entry - 1) x 1e4 bps', () => {
    // Daily closes and 24 h / 72 h horizons: most due times fall exactly on a close, which
    // must be used (prices at t precede reconciliations at t); weekly closes test "before".
    const data = generatedRunData({ seed: 13, days: 40, priceStepHours: [24, 168, 24], agentClasses: [0, 1, -1], findingsPerDay: 1, horizonsHours: [24, 72, 100], shortFraction: 0.4 });
    const t0 = data.prices.tsMs[0] as number;
    const cfg = syntheticRunConfig(data, { startMs: t0, endMs: t0 + 39 * MS.day });
    const plug = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    const log = expandedLog(runBacktest(data, cfg, plug, {}).state.log, data);
    let n = 0;
    let shorts = 0;
    for (let i = 0; i < log.length; i++) {
      if (LOGGED_EVENT_KINDS[log.kind[i] as number] !== 'outcome_reconciled') continue;
      const row = log.v3[i] as number;
      const f = data.findings;
      const t = f.tsMs[row] as number;
      const s = f.symbolId[row] as number;
      const due = t + (f.horizonHours[row] as number) * MS.hour;
      expect(log.tsMs[i]).toBe(due);
      const entry = closeAtOrBefore(data, s, t);
      const exit = closeAtOrBefore(data, s, due);
      const expected = (f.direction[row] as number) * (exit / entry - 1) * 1e4;
      expect(Math.abs((log.v1[i] as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
      if ((f.direction[row] as number) < 0) shorts++;
      n++;
    }
    expect(n).toBeGreaterThan(50);
    expect(shorts).toBeGreaterThan(10);
  });

  it('logs in memory (realized pnl of in-order outcomes not stored, recomputed from the closes) the rows a spilled run writes, before and after the pending ring turns to its heap', () => {
    // 24 h horizons (outcomes leave in counter order) until day 20, then some 100 h ones among them (due out of order)
    const base = generatedRunData({ seed: 29, days: 40, priceStepHours: [24, 168, 6, 24], agentClasses: [0, 1, -1, 2], findingsPerDay: 3, horizonsHours: [24], shortFraction: 0.3 });
    const t0 = base.prices.tsMs[0] as number;
    const f = base.findings;
    const horizonHours = Float64Array.from(f.horizonHours, (h, r) => ((f.tsMs[r] as number) >= t0 + 20 * MS.day && r % 3 === 0 ? 100 : h));
    const data: RunData = { ...base, findings: { ...f, horizonHours } };
    const cfg = syntheticRunConfig(data, { startMs: t0, endMs: t0 + 39 * MS.day });
    const plug = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    const st = runBacktest(data, cfg, plug, {}).state;
    const spilled: LogRow[] = [];
    spillEventLog(runBacktest(data, cfg, plug, {}, { spill: { sink: { append: (b) => spilled.push(...logRows(b)) }, batchRows: 97 } }).state.log);
    const table = st.log.outcomes;
    expect(st.pending.useHeap).toBe(true);
    // both kinds of block: pnl left to the reader for the first outcomes, stored from the heap's
    expect(table.pnlStoredFrom).toBeGreaterThan(100);
    expect(table.pnlStoredFrom).toBeLessThan(table.length - 100);
    expect(table.pnl.subarray(0, table.pnlStoredFrom).every((x) => x === 0)).toBe(true);
    expect(logRows(expandedLog(st.log, data))).toEqual(spilled);
  });

  it('logs in memory exactly the rows a spilled run writes, over generated calendars (closes sparser and denser than ticks), one or mixed horizons, every variant and both modes', () => {
    const calendars = [
      { steps: [168, 168, 24], cadence: MS.day },
      { steps: [1, 6, 24], cadence: MS.day },
      { steps: [24, 24, 48], cadence: 6 * MS.hour },
      { steps: [72, 24, 168], cadence: 7 * MS.day },
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...calendars),
        fc.constantFrom([24], [24, 72, 24 * 7], [6, Number.NaN]),
        fc.constantFrom(...Object.keys(ALLOCATORS)),
        fc.constantFrom('seed' as const, 'default' as const),
        (seed, cal, horizonsHours, variant, mode) => {
          const data = generatedRunData({ seed, days: 40, priceStepHours: cal.steps, agentClasses: [0, 0, 1, 2, -1], findingsPerDay: 1.5, horizonsHours, joinDay: [0, 5, 0, 12, 0], shortFraction: 0.4 });
          const t0 = data.prices.tsMs[0] as number;
          const cfg = syntheticRunConfig(data, { mode, startMs: t0, endMs: t0 + 39 * MS.day, cadenceMs: cal.cadence });
          const plug = ALLOCATORS[variant] as AllocatorPlugin;
          const params = defaultsOf(plug);
          const held = runBacktest(data, cfg, plug, params).state.log;
          const spilled: LogRow[] = [];
          spillEventLog(runBacktest(data, cfg, plug, params, { spill: { sink: { append: (b) => spilled.push(...logRows(b)) }, batchRows: 61 } }).state.log);
          expect(held.outcomes.length).toBeGreaterThan(0);
          expect(logRows(expandedLog(held, data))).toEqual(spilled);
        },
      ),
      { numRuns: 30, seed: 17 },
    );
  });
});

