import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';

/**
 * The cash buffer bounds the targets, not the book (README, "How a run works"): each symbol
 * fills at its own next close, so a rotation out of a symbol whose closes pause buys the new
 * symbol first, on equity that still holds the old one.
 */
describe('runBacktest gross exposure on asynchronous closes', () => {
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
  const grossByDay = (cashBuffer: number): Map<number, number> => {
    const cfg = syntheticRunConfig(data, {
      costs: { bpsPerTurnover: 0, slippageBps: 0 },
      targets: { maxAgentWeight: 1, maxSymbolWeight: 1, cashBuffer },
      decay: { ...base.decay, enabled: false },
      promotion: { ...base.promotion, enabled: false },
      kill: { ...base.kill, enabled: false },
    });
    const out = runBacktest(data, cfg, ALLOCATORS['static-schedule'] as AllocatorPlugin, {}).state.out;
    return new Map(Array.from(out.equityTs.data.subarray(0, out.equityTs.length), (t, k) => [(t - t0) / MS.day, out.gross.data[k] as number]));
  };

  it('holds the old symbol while its sale waits for its next close and the new one from its own: gross passes 1 - cash_buffer', () => {
    // Targets: X 1 - b from day 0 (filled day 1), X 0 and then Y 1 - b from days 1 and 2. Y fills
    // at day 3 on equity 1e6 that still holds X (its next close is day 10): gross 2(1 - b) on days
    // 3..9, cash -(1 - 2b) x 1e6; the sale of X at day 10 brings it back to 1 - b.
    for (const b of [0.5, 0]) {
      const g = grossByDay(b);
      expect([1, 2, 3, 9, 10, 12].map((k) => g.get(k))).toEqual([1 - b, 1 - b, 2 * (1 - b), 2 * (1 - b), 1 - b, 1 - b]);
    }
  });
});
