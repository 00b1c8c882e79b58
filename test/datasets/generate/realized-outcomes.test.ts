import { describe, expect, it } from 'vitest';
import { measureOutcomes } from '../../../datasets/generate/realized-outcomes.js';
import type { FindingsColumns } from '../../../datasets/schemas/columns.js';

const TOL = 1e-9;

function findingsAt(ts: number[]): FindingsColumns {
  const n = ts.length;
  const dict = { dictionary: ['x'], codes: new Int32Array(n) };
  return {
    length: n, tsMs: Float64Array.from(ts), agent: dict, symbol: dict, severity: dict, strategy: dict,
    confidence: new Float64Array(n), direction: new Int8Array(n).fill(1), horizonHours: new Float64Array(n),
  };
}

describe('measureOutcomes', () => {
  // group 0: pnl +10, -30, +5, -20, +50 at t = 1..5; cumulative 10, -20, -15, -35, 15; peak 10
  // drawdowns 0, -30, -25, -45, 0 -> max drawdown -45; hits 3 of 5. Group 1: one loss of -7 at t = 2.
  const f = findingsAt([1, 2, 2, 3, 4, 5]);
  const pnl = Float64Array.from([10, -30, -7, 5, -20, 50]);
  const group = Int32Array.from([0, 0, 1, 0, 0, 0]);
  const out = measureOutcomes(f, pnl, group, 2, 3, Float64Array.from([-40, Number.NaN]));

  it('sums pnl, counts hits and finds the deepest drawdown from a running peak starting at 0', () => {
    const g0 = out[0]?.all;
    expect(g0?.findings).toBe(5);
    expect(Math.abs((g0?.hitRate ?? 0) - 0.6)).toBeLessThan(TOL);
    expect(Math.abs((g0?.pnlSumBps ?? 0) - 15)).toBeLessThan(TOL);
    expect(Math.abs((g0?.maxDrawdownBps ?? 0) - -45)).toBeLessThan(TOL);
    expect(out[1]?.all.maxDrawdownBps).toBe(-7);
  });

  it('splits at the break: before t < 3, after t >= 3', () => {
    // before: +10, -30 -> hit 0.5, drawdown -30; after: +5, -20, +50 -> cum 5, -15, 35, drawdown -20
    expect(out[0]?.beforeBreak.hitRate).toBe(0.5);
    expect(out[0]?.beforeBreak.maxDrawdownBps).toBe(-30);
    expect(out[0]?.afterBreak.findings).toBe(3);
    expect(out[0]?.afterBreak.maxDrawdownBps).toBe(-20);
  });

  it('dates the first drawdown below the threshold and none without one', () => {
    expect(out[0]?.breachMs).toBe(4);
    expect(out[1]?.breachMs).toBe(null);
  });
});
