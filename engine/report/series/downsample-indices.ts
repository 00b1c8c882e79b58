/**
 * Returns the row indices a chart keeps of a series of `n` points: all of them when
 * n <= maxPoints, else an even stride over [0, n - 1] that always keeps the first and last
 * point (index i * (n - 1) / (maxPoints - 1), rounded down), with each index of `keep` put in
 * place of the nearest stride point (not the first or last, nor another kept one), so that a
 * chart shows the points a table quotes (the deepest drawdown's peak and trough: a stride alone
 * can step over the trough and draw a shallower drawdown than the table's). Deterministic:
 * depends on n and keep only.
 */
export function downsampleIndices(n: number, maxPoints: number, keep: readonly number[] = []): Int32Array {
  if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) throw new RangeError(`downsampleIndices: maxPoints must be an integer >= 2, found ${maxPoints}`);
  if (n <= maxPoints) return Int32Array.from({ length: Math.max(0, n) }, (_, i) => i);
  const out = new Int32Array(maxPoints);
  for (let i = 0; i < maxPoints; i++) out[i] = Math.floor((i * (n - 1)) / (maxPoints - 1));
  const kept = new Set<number>();
  for (const k of keep) {
    if (!Number.isInteger(k) || k <= 0 || k >= n - 1 || kept.has(k) || kept.size >= maxPoints - 2) continue; // the first and last are kept
    kept.add(k);
    let at = -1;
    for (let i = 1; i < maxPoints - 1; i++) {
      const v = out[i] as number;
      if (v === k) {
        at = -2; // already a stride point
        break;
      }
      if (!kept.has(v) && (at < 0 || Math.abs(v - k) < Math.abs((out[at] as number) - k))) at = i;
    }
    if (at >= 0) out[at] = k;
  }
  // a kept index may have replaced a stride point on the far side of an earlier one: restore the order (typed arrays sort numerically)
  return out.sort();
}
