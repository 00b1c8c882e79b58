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
    let flat = true;
    const first = returns[end - window + 1] as number;
    for (let i = end - window + 1; i <= end; i++) {
      sum += returns[i] as number;
      if (returns[i] !== first) flat = false;
    }
    // all equal: no Sharpe. Tested, not left to sd: the mean of 250 returns of 0.001 is not exactly 0.001, and sd ~1e-19 gave a Sharpe of 2e16
    if (flat) continue;
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

/** Adds x to the compensated sum (sum, comp) in place (Neumaier): a sliding sum over a million steps keeps ~1e-16 relative error, not ~1e-10. */
function addCompensated(acc: Float64Array, x: number): void {
  const sum = acc[0] as number;
  const t = sum + x;
  acc[1] = (acc[1] as number) + (Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum);
  acc[0] = t;
}

/**
 * Returns the rolling annualized Sharpe ratio (as rollingSharpeAt) at every index, in O(n) with
 * sliding compensated sums of the returns less the first window's mean (fixed order, so
 * deterministic): NaN before a full window and where the window's returns are all equal (found
 * exactly, from the last change). Its values agree with rollingSharpeAt to ~1e-12 relative; a
 * chart uses them to choose which points to draw (the extremes of each pixel column) and draws
 * rollingSharpeAt's at those.
 */
export function rollingSharpeAll(returns: Float64Array, window: number, periodsPerYear: number): Float64Array {
  if (!(Number.isInteger(window) && window >= 2)) throw new RangeError(`rollingSharpeAll: window must be an integer >= 2, found ${window}`);
  const n = returns.length;
  const out = new Float64Array(n).fill(Number.NaN);
  if (n < window) return out;
  let shift = 0;
  for (let i = 0; i < window; i++) shift += returns[i] as number;
  shift /= window;
  const s1 = new Float64Array(2);
  const s2 = new Float64Array(2);
  let lastChange = 0; // the last index whose return differs from the one before
  for (let i = 0; i < n; i++) {
    const d = (returns[i] as number) - shift;
    addCompensated(s1, d);
    addCompensated(s2, d * d);
    if (i > 0 && returns[i] !== returns[i - 1]) lastChange = i;
    if (i >= window) {
      const o = (returns[i - window] as number) - shift;
      addCompensated(s1, -o);
      addCompensated(s2, -o * o);
    }
    if (i < window - 1 || lastChange <= i - window + 1) continue;
    const sum = (s1[0] as number) + (s1[1] as number);
    const ss = (s2[0] as number) + (s2[1] as number) - (sum * sum) / window;
    const sd = Math.sqrt(Math.max(0, ss) / (window - 1));
    const mean = sum / window + shift;
    if (sd > 0) out[i] = (mean * periodsPerYear) / (sd * Math.sqrt(periodsPerYear));
  }
  return out;
}
