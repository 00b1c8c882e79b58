import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { runMetrics } from '../../../engine/run/run-metrics.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';

describe("metrics.json's note on buys cut for cash", () => {
  it('counts a buy waiting for cash once at each close that cuts it, and says it counts cuts, not buys', () => {
    // By hand: X closes on days 0, 7 and 14, Y every day. One agent, static weight 1, no costs,
    // no buffer. A call on X (day 0, 8 days) buys X with all the cash at its day-7 close; from
    // day 8 X's target is 0, but X sells only at its day-14 close. A call on Y (day 9) sets Y's
    // target to 1 from the day-9 tick: Y's buy finds no cash at Y's closes on days 10, 11, 12 and
    // 13 (cut to nothing at each: 4 cuts of one buy) and fills whole on day 14 with X's sale.
    const t0 = Date.UTC(2021, 0, 4);
    const day = (d: number): number => t0 + d * MS.day;
    const closes = [...[0, 7, 14].map((d) => ({ t: day(d), s: 0, c: 100 })), ...Array.from({ length: 15 }, (_, d) => ({ t: day(d), s: 1, c: 50 }))].sort((a, b) => a.t - b.t || a.s - b.s);
    const data: RunData = {
      agents: ['a'],
      symbols: ['X', 'Y'],
      strategies: [],
      agentStrategy: Int32Array.of(-1),
      scheduleWeight: Float64Array.of(1),
      agentEnabled: Uint8Array.of(1),
      prices: { n: closes.length, tsMs: Float64Array.from(closes, (r) => r.t), symbolId: Int32Array.from(closes, (r) => r.s), close: Float64Array.from(closes, (r) => r.c) },
      findings: {
        n: 2,
        tsMs: Float64Array.of(day(0), day(9)),
        agentId: Int32Array.of(0, 0),
        symbolId: Int32Array.of(0, 1),
        confidence: Float64Array.of(1, 1),
        severityMult: Float64Array.of(1, 1),
        direction: Int8Array.of(1, 1),
        horizonHours: Float64Array.of(8 * 24, 10 * 24),
      },
      killList: null,
      regime: null,
    };
    const base = syntheticRunConfig(data);
    const cfg = syntheticRunConfig(data, {
      startMs: day(0),
      endMs: day(14),
      costs: { bpsPerTurnover: 0, slippageBps: 0 },
      targets: { maxAgentWeight: 1, maxSymbolWeight: 1, cashBuffer: 0 },
      decay: { ...base.decay, enabled: false },
      promotion: { ...base.promotion, enabled: false },
      kill: { ...base.kill, enabled: false },
    });
    const r = runBacktest(data, cfg, ALLOCATORS['static-schedule'] as AllocatorPlugin, {});
    // three fills: X bought on day 7, X sold on day 14, Y bought once, whole, on day 14 (1e6 / 50)
    expect(r.counters.fills).toBe(3);
    expect(Array.from(r.state.portfolio.qty)).toEqual([0, 20_000]);
    const note = runMetrics(r.state, cfg.initialCapital, null, null).notes.filter((n) => n.includes('cut short'));
    expect(note).toEqual([
      `4 times a buy was cut short (or to nothing) at its symbol's close because cash after the close's fills and costs would have gone below 0: the book never borrows. The rest of a cut buy waits for cash at the symbol's later closes, and each close that cuts it again counts once more (README, "How a run works")`,
    ]);
  });
});
