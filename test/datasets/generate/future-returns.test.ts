import { describe, expect, it } from 'vitest';
import { computeFutureReturns } from '../../../datasets/generate/future-returns.js';
import type { PriceGrid } from '../../../datasets/generate/price-grid.js';

const TOL = 1e-9;
const H = 3_600_000;

describe('computeFutureReturns', () => {
  // bars at 0h, 1h, 2h, 3h; symbol A: 100, 110, 121, 99; symbol B: 50, 40, (none), 60
  const grid: PriceGrid = {
    tsMs: Float64Array.from([0, H, 2 * H, 3 * H]),
    symbols: ['A', 'B'],
    close: Float64Array.from([100, 50, 110, 40, 121, Number.NaN, 99, 60]),
  };
  const f = computeFutureReturns(grid, 2 * H);

  it('reads the close at or before t + horizon, skipping a missing bar', () => {
    // bar 0: A 121/100 - 1 = 0.21; B has no bar at 2h, so its close at or before 2h is 40 (1h): 40/50 - 1 = -0.2
    expect(f.ret[0]).toBeCloseTo(0.21, 9);
    expect(f.ret[1]).toBeCloseTo(-0.2, 9);
    // bar 1: due 3h = last bar: A 99/110 - 1 = -0.1; B 60/40 - 1 = 0.5
    expect(Math.abs((f.ret[2] ?? 0) - -0.1)).toBeLessThan(TOL);
    expect(Math.abs((f.ret[3] ?? 0) - 0.5)).toBeLessThan(TOL);
  });

  it('leaves NaN where the horizon runs past the last bar or the symbol has no close at t', () => {
    for (const k of [4, 5, 6, 7]) expect(Number.isNaN(f.ret[k] ?? 0)).toBe(true);
  });

  it('scales each symbol by the root mean square of its returns', () => {
    // A: sqrt((0.21^2 + 0.1^2) / 2) = sqrt(0.0541 / 2); B: sqrt((0.04 + 0.25) / 2) = sqrt(0.145)
    expect(Math.abs((f.rms[0] ?? 0) - Math.sqrt(0.0541 / 2))).toBeLessThan(TOL);
    expect(Math.abs((f.rms[1] ?? 0) - Math.sqrt(0.145))).toBeLessThan(TOL);
  });
});
