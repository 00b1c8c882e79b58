/**
 * Points a single-series chart keeps per pixel column and series, past its bound: the column's
 * first and last point, and its lowest and highest value (M4, Jugel et al., VLDB 2014: a line
 * drawn through them covers the pixels the whole series' line covers).
 */
export const POINTS_PER_COLUMN = 4;

/**
 * Returns the indices of a time series a chart `widthPx` wide keeps (sorted, distinct): every
 * point while there are at most POINTS_PER_COLUMN + 2 x (series - 1) per pixel column on average
 * (so a chart that fits keeps its bytes); past that, in each pixel column (the chart's time span
 * [tsMs[0], tsMs[n - 1]] cut into widthPx equal parts, by time) its first and last point and, for
 * each of `series`, the point of its lowest and of its highest finite value (the first on ties),
 * plus the indices of `keep`. So the deepest drawdown's trough, a curve's high and its dates are
 * exact, whatever the stride would have stepped over. One pass per series, memory O(n) bytes.
 * `tsMs` ascending; deterministic: depends on its arguments only.
 */
export function pixelBoundedIndices(tsMs: Float64Array, series: readonly Float64Array[], widthPx: number, keep: readonly number[] = []): Int32Array {
  if (!(Number.isInteger(widthPx) && widthPx >= 1)) throw new RangeError(`pixelBoundedIndices: widthPx must be an integer >= 1, found ${widthPx}`);
  const n = tsMs.length;
  const bound = (POINTS_PER_COLUMN + 2 * Math.max(0, series.length - 1)) * widthPx;
  if (n <= bound) return Int32Array.from({ length: n }, (_, i) => i);
  const t0 = tsMs[0] as number;
  const span = (tsMs[n - 1] as number) - t0;
  const columnOf = (i: number): number => (span > 0 ? Math.min(widthPx - 1, Math.floor((((tsMs[i] as number) - t0) / span) * widthPx)) : 0);
  const kept = new Uint8Array(n);
  let from = 0;
  while (from < n) {
    const col = columnOf(from);
    let to = from;
    while (to + 1 < n && columnOf(to + 1) === col) to += 1;
    kept[from] = 1;
    kept[to] = 1;
    for (const s of series) {
      let lo = -1;
      let hi = -1;
      for (let i = from; i <= to; i++) {
        const v = s[i] as number;
        if (!Number.isFinite(v)) continue;
        if (lo < 0 || v < (s[lo] as number)) lo = i;
        if (hi < 0 || v > (s[hi] as number)) hi = i;
      }
      if (lo >= 0) kept[lo] = 1;
      if (hi >= 0) kept[hi] = 1;
    }
    from = to + 1;
  }
  for (const k of keep) if (Number.isInteger(k) && k >= 0 && k < n) kept[k] = 1;
  let count = 0;
  for (let i = 0; i < n; i++) count += kept[i] as number;
  const out = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < n; i++) if (kept[i] === 1) out[j++] = i;
  return out;
}
