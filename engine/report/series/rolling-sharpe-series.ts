/**
 * Returns the rolling annualized Sharpe ratio of simple returns over the trailing `window`
 * periods ending at each index of `ends`: mean * N / (sd * sqrt(N)) with the sample sd (ddof 1),
 * as engine/metrics/sharpe.ts for the whole series. NaN where fewer than `window` returns are
 * available or the window's returns are all equal (the chart drops those points). Only the
 * chart's points are computed: a chart keeps at most a few thousand, while the window is a year
 * of periods (over a million minute closes, window 250,000, the whole series took 265 s of a
 * `bt run`, these 5,000 points 3 s).
 */
export function rollingSharpeAt(returns: Float64Array, window: number, periodsPerYear: number, ends: Int32Array): Float64Array {
  if (!(Number.isInteger(window) && window >= 2)) throw new RangeError(`rollingSharpeAt: window must be an integer >= 2, found ${window}`);
  const n = returns.length;
  const out = new Float64Array(ends.length).fill(Number.NaN);
  for (let k = 0; k < ends.length; k++) {
    const end = ends[k] as number;
    if (end < window - 1 || end >= n) continue;
    // Two passes per window: exact, no running-sum drift.
    let sum = 0;
    for (let i = end - window + 1; i <= end; i++) sum += returns[i] as number;
    const mean = sum / window;
    let ss = 0;
    for (let i = end - window + 1; i <= end; i++) {
      const d = (returns[i] as number) - mean;
      ss += d * d;
    }
    const sd = Math.sqrt(ss / (window - 1));
    if (sd > 0) out[k] = (mean * periodsPerYear) / (sd * Math.sqrt(periodsPerYear));
  }
  return out;
}

/** Returns the rolling window a report uses: one year of periods, but at least 3 and at most a quarter of the series (>= 2). */
export function defaultRollingWindow(nReturns: number, periodsPerYear: number): number {
  const year = Math.max(3, Math.round(periodsPerYear));
  return Math.max(2, Math.min(year, Math.floor(nReturns / 4)));
}
