/**
 * Returns the first index in [lo, hi) at which `holds(i)` is true, else hi, for a predicate that
 * is false and then true over the range (a sorted column asked "at or after t?"): a binary search.
 */
export function firstIndexWhere(lo: number, hi: number, holds: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
