/**
 * Partially orders `work` in place so that `work[k]` holds the k-th smallest value (0-based),
 * everything before it is <= and everything after is >= (Hoare's quickselect with a
 * median-of-three pivot, deterministic; falls back to sorting the remaining range after
 * 64 rounds so adversarial inputs stay O(n log n)). `work` must be a scratch copy and NaN-free.
 */
export function selectKth(work: Float64Array, k: number): number {
  let lo = 0;
  let hi = work.length - 1;
  let rounds = 0;
  while (hi > lo) {
    if (++rounds > 64) {
      work.subarray(lo, hi + 1).sort();
      break;
    }
    const mid = lo + ((hi - lo) >> 1);
    const pivot = medianOfThree(work[lo] as number, work[mid] as number, work[hi] as number);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((work[i] as number) < pivot) i++;
      while ((work[j] as number) > pivot) j--;
      if (i <= j) {
        const t = work[i] as number;
        work[i] = work[j] as number;
        work[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return work[k] as number;
}

/** Returns the smallest value in `work[from..]`. */
export function minFrom(work: Float64Array, from: number): number {
  let m = Infinity;
  for (let i = from; i < work.length; i++) {
    const x = work[i] as number;
    if (x < m) m = x;
  }
  return m;
}

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}
