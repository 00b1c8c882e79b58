import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { runMetrics } from '../../../engine/run/run-metrics.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { expandedLog } from '../../helpers/expanded-log.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';

/**
 * The book never borrows (README, "How a run works"; engine/portfolio/portfolio.ts): each symbol
 * fills at its own next close, so a rotation out of a symbol whose closes pause asks to buy the
 * new symbol before the old one is sold; the buy spends only the cash there is, and the rest
 * waits, pending, for the symbol's closes after the sale.
 */
describe('runBacktest on asynchronous closes: the book never borrows', () => {
  const t0 = Date.UTC(2021, 0, 4);
  const day = (k: number): number => t0 + k * MS.day;
  // X closes on days 0, 1 and 10 (a gap), Y every day 0..12, both at 100 throughout. One agent,
  // weight 1: a 24 h call on X at day 0, a 20-day call on Y at day 2.
  const rows: [number, number][] = [...[0, 1, 10].map((k): [number, number] => [day(k), 0]), ...Array.from({ length: 13 }, (_, k): [number, number] => [day(k), 1])];
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const data: RunData = {
    agents: ['a'],
    symbols: ['X', 'Y'],
    strategies: [],
    agentStrategy: Int32Array.of(-1),
    scheduleWeight: Float64Array.of(1),
    agentEnabled: Uint8Array.of(1),
    prices: { n: rows.length, tsMs: Float64Array.from(rows, (r) => r[0]), symbolId: Int32Array.from(rows, (r) => r[1]), close: new Float64Array(rows.length).fill(100) },
    findings: {
      n: 2,
      tsMs: Float64Array.of(day(0), day(2)),
      agentId: Int32Array.of(0, 0),
      symbolId: Int32Array.of(0, 1),
      confidence: Float64Array.of(1, 1),
      severityMult: Float64Array.of(1, 1),
      direction: Int8Array.of(1, 1),
      horizonHours: Float64Array.of(24, 20 * 24),
    },
    killList: null,
    regime: null,
  };
  const base = syntheticRunConfig(data);
  const runWith = (cashBuffer: number): { gross: Map<number, number>; cash: Map<number, number>; ySharesByDay: Map<number, number>; notes: readonly string[] } => {
    const cfg = syntheticRunConfig(data, {
      costs: { bpsPerTurnover: 0, slippageBps: 0 },
      targets: { maxAgentWeight: 1, maxSymbolWeight: 1, cashBuffer },
      decay: { ...base.decay, enabled: false },
      promotion: { ...base.promotion, enabled: false },
      kill: { ...base.kill, enabled: false },
    });
    const st = runBacktest(data, cfg, ALLOCATORS['static-schedule'] as AllocatorPlugin, {}).state;
    const notes = runMetrics(st, cfg.initialCapital, null, null).notes;
    const out = st.out;
    const days = Array.from(out.equityTs.data.subarray(0, out.equityTs.length), (t) => (t - t0) / MS.day);
    const gross = new Map(days.map((d, k) => [d, out.gross.data[k] as number]));
    // cash = equity x (1 - gross) on a long book
    const cash = new Map(days.map((d, k) => [d, (out.equity.data[k] as number) * (1 - (out.gross.data[k] as number))]));
    const ySharesByDay = new Map<number, number>();
    const log = expandedLog(st.log, data);
    for (let i = 0; i < log.length; i++) {
      if (LOGGED_EVENT_KINDS[log.kind[i] as number] === 'fill' && log.symbol[i] === 1) ySharesByDay.set(((log.tsMs[i] as number) - t0) / MS.day, log.v1[i] as number);
    }
    for (let d = 4; d <= 9; d++) if (!ySharesByDay.has(d)) ySharesByDay.set(d, ySharesByDay.get(d - 1) ?? 0);
    return { gross, cash, ySharesByDay, notes };
  };

  it('buys the new symbol with the cash there is while the sale of the old one waits for its next close, the rest once it is sold: gross never above 1', () => {
    // Targets: X 1 - b from day 0 (filled day 1), X 0 and then Y 1 - b from days 1 and 2. Y's
    // close on day 3 asks 1 - b of equity 1e6 while X (next close day 10) still holds 1 - b:
    // cash b pays for b of it. b = 0.5 buys it whole (gross 1), b = 0.25 a third of it (gross 1),
    // b = 0 none (gross 1, X alone); the sale of X on day 10 brings the rest, at 1 - b.
    // (Before the book stopped borrowing: 2 x (1 - b) on days 3..9.)
    for (const b of [0.5, 0.25, 0]) {
      const { gross, cash, ySharesByDay } = runWith(b);
      expect([1, 2, 3, 9, 10, 12].map((k) => gross.get(k)), `cash_buffer ${b}`).toEqual([1 - b, 1 - b, 1, 1, 1 - b, 1 - b]);
      expect(Math.min(...cash.values()), `cash_buffer ${b}`).toBeGreaterThanOrEqual(0);
      // Y's shares (close 100): b x 1e6 / 100 on day 3, then (1 - b) x 1e6 / 100 from day 10
      expect([3, 9, 10].map((k) => ySharesByDay.get(k) ?? 0), `cash_buffer ${b}`).toEqual([(b * 1e6) / 100, (b * 1e6) / 100, ((1 - b) * 1e6) / 100]);
    }
  });

  it("counts the waiting buy once at each close that cuts it in metrics.json's note, and says it counts cuts, not buys", () => {
    // cash_buffer 0: Y's one buy (target 1 from the day-2 tick) finds no cash at its closes on days
    // 3 to 9 (cut to nothing at each: 7 cuts) and fills whole on day 10 with X's sale
    expect(runWith(0).notes.filter((n) => n.includes('cut short'))).toEqual([
      `7 times a buy was cut short (or to nothing) at its symbol's close because cash after the close's fills and costs would have gone below 0: the book never borrows. The rest of a cut buy waits for cash at the symbol's later closes, and each close that cuts it again counts once more (README, "How a run works")`,
    ]);
  });
});
