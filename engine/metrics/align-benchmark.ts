/** Two return series over the periods they share. */
export interface AlignedPair {
  readonly tsMs: Float64Array;
  readonly returns: Float64Array;
  readonly benchmark: Float64Array;
}

/**
 * Returns the periods present in both series (equal end times; both sorted ascending), as
 * PerformanceAnalytics aligns with `na.omit(merge(Ra, Rb))`.
 */
export function alignByTime(aTs: Float64Array, a: Float64Array, bTs: Float64Array, b: Float64Array): AlignedPair {
  const ts: number[] = [];
  const ra: number[] = [];
  const rb: number[] = [];
  let j = 0;
  for (let i = 0; i < aTs.length; i++) {
    const t = aTs[i] as number;
    while (j < bTs.length && (bTs[j] as number) < t) j++;
    if (j < bTs.length && bTs[j] === t) {
      ts.push(t);
      ra.push(a[i] as number);
      rb.push(b[j] as number);
    }
  }
  return { tsMs: Float64Array.from(ts), returns: Float64Array.from(ra), benchmark: Float64Array.from(rb) };
}

/**
 * Returns the benchmark's simple return over each period (tsMs[i-1], tsMs[i]]: L(tsMs[i]) /
 * L(tsMs[i-1]) - 1, L(t) its last close at or before t (as the portfolio is marked); NaN for
 * the first period, wherever no close precedes the period's start, and wherever none follows
 * it: past the benchmark's last close its level is unknown, and a 0 there would be a made-up
 * flat benchmark. Closes sorted by time.
 */
export function benchmarkReturnsAt(tsMs: Float64Array, closeTsMs: Float64Array, close: Float64Array): Float64Array {
  const out = new Float64Array(tsMs.length).fill(NaN);
  const lastCloseMs = closeTsMs.length > 0 ? (closeTsMs[closeTsMs.length - 1] as number) : Number.NEGATIVE_INFINITY;
  let j = -1;
  let prev = NaN;
  for (let i = 0; i < tsMs.length; i++) {
    const t = tsMs[i] as number;
    while (j + 1 < closeTsMs.length && (closeTsMs[j + 1] as number) <= t) j++;
    const level = j >= 0 ? (close[j] as number) : NaN;
    if (i > 0 && (tsMs[i - 1] as number) < lastCloseMs) out[i] = level / prev - 1;
    prev = level;
  }
  return out;
}
