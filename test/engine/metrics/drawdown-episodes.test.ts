import { describe, expect, it } from 'vitest';
import { drawdownEpisodes, longestDrawdownPeriods, worstDrawdowns } from '../../../engine/metrics/drawdown-episodes.js';

// Hand calculation (wealth W from 1):
// r:  +0.10  -0.10  -0.10  +0.30  -0.05  +0.10  -0.20
// W:   1.10  0.99   0.891  1.1583 1.100385 1.2104235 0.9683388
// dd:  0    -0.1   -0.19    0     -0.05     0       -0.2
// episodes: periods 1-2 (trough 2, depth -0.19, recovered at 3), period 4 (-0.05,
// recovered at 5), period 6 (open, -0.2).
const r = Float64Array.from([0.1, -0.1, -0.1, 0.3, -0.05, 0.1, -0.2]);

describe('drawdownEpisodes', () => {
  it('finds each run under water with PerformanceAnalytics findDrawdowns counts', () => {
    const e = drawdownEpisodes(r);
    expect(e.map((x) => [x.fromIndex, x.troughIndex, x.toIndex, x.length, x.toTrough, x.recovery])).toEqual([
      [1, 2, 3, 3, 2, 1],
      [4, 4, 5, 2, 1, 1],
      [6, 6, null, 2, 1, null],
    ]);
    expect(e[0]?.depth).toBeCloseTo(0.891 / 1.1 - 1, 15);
    expect(e[2]?.depth).toBeCloseTo(-0.2, 15);
  });

  it('returns no episode when wealth never falls', () => {
    expect(drawdownEpisodes(Float64Array.from([0.01, 0, 0.02]))).toEqual([]);
  });
});

describe('worstDrawdowns', () => {
  it('orders episodes deepest first and keeps series order for equal depths', () => {
    const e = drawdownEpisodes(Float64Array.from([-0.1, 0.2, -0.1, 0.2, -0.3]));
    // depths: -0.1 (period 0), -0.1 (period 2; peak 1.08), -0.3 (period 4; open)
    expect(worstDrawdowns(e, 5).map((x) => x.fromIndex)).toEqual([4, 0, 2]);
    expect(worstDrawdowns(e, 2).map((x) => x.fromIndex)).toEqual([4, 0]);
  });
});

describe('longestDrawdownPeriods', () => {
  it('is the longest peak-to-recovery length, 0 without a drawdown', () => {
    expect(longestDrawdownPeriods(drawdownEpisodes(r))).toBe(3);
    expect(longestDrawdownPeriods([])).toBe(0);
  });
});
