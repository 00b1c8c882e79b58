/**
 * How many times each value was seen, for an exact median in memory bounded by the distinct
 * values (a run's horizons and fill lags take a handful). Runs of one value, the usual input,
 * are counted in locals and folded into the map when the value changes.
 */
export interface ValueCounts {
  readonly counts: Map<number, number>;
  last: number;
  lastN: number;
}

/** Returns an empty count. */
export function newValueCounts(): ValueCounts {
  return { counts: new Map(), last: Number.NaN, lastN: 0 };
}

/** Counts x (finite) `times` times (once by default; none when times is 0, whatever x). */
export function countValue(vc: ValueCounts, x: number, times = 1): void {
  if (times === 0) return;
  if (x === vc.last) {
    vc.lastN += times;
    return;
  }
  foldLast(vc);
  vc.last = x;
  vc.lastN = times;
}

function foldLast(vc: ValueCounts): void {
  if (vc.lastN > 0) vc.counts.set(vc.last, (vc.counts.get(vc.last) ?? 0) + vc.lastN);
  vc.lastN = 0;
  vc.last = Number.NaN;
}

/** Returns the median of the values counted (the mean of the two middle ones for an even count); NaN when none. */
export function medianOfCounts(vc: ValueCounts): number {
  foldLast(vc);
  const keys = [...vc.counts.keys()].sort((a, b) => a - b); // distinct finite keys: a total order
  let total = 0;
  for (const k of keys) total += vc.counts.get(k) as number;
  if (total === 0) return Number.NaN;
  // the values at ranks lo and hi (0-based) of the sorted multiset
  const lo = Math.floor((total - 1) / 2);
  const hi = Math.floor(total / 2);
  let seen = 0;
  let atLo = Number.NaN;
  for (const k of keys) {
    seen += vc.counts.get(k) as number;
    if (Number.isNaN(atLo) && seen > lo) atLo = k;
    if (seen > hi) return (atLo + k) / 2;
  }
  return atLo; // not reached: seen ends at total > hi
}
