/** The close columns of in-memory prices, in stream order (a RunData's `prices`). */
export interface PriceCloses {
  readonly n: number;
  readonly tsMs: Float64Array;
  readonly symbolId: Int32Array;
  readonly close: Float64Array;
}

/**
 * Every symbol's last close as of a time, from the prices walked forward: what the run's
 * `lastClose` held when it reached that time (prices come first at equal times, so a close at
 * the time counts; NaN: no close yet). The times asked must not decrease.
 */
export interface ClosesAsOf {
  readonly close: Float64Array;
  /** The first price row not walked yet. */
  next: number;
}

/** Returns a walk from the first price row, no close known yet. */
export function newClosesAsOf(nSymbols: number): ClosesAsOf {
  return { close: new Float64Array(nSymbols).fill(Number.NaN), next: 0 };
}

/** Walks the prices up to and including time t and returns the closes by symbol (the walk's own array). */
export function closesAsOf(c: ClosesAsOf, prices: PriceCloses, t: number): Float64Array {
  const { n, tsMs, symbolId, close } = prices;
  const last = c.close;
  let i = c.next;
  for (; i < n && (tsMs[i] as number) <= t; i++) last[symbolId[i] as number] = close[i] as number;
  c.next = i;
  return last;
}
