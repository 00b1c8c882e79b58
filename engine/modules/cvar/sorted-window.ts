/**
 * An order-statistics structure over a sliding window of a value sequence: the window's values
 * kept sorted, moved forward in batches (the values that left are removed and the values that
 * arrived merged in, in one linear pass), so a quantile is a lookup instead of a selection.
 * Exact: the sorted multiset is unique under the total order of numbers with -0 before +0
 * (the order of a native typed-array sort), so it holds the very values a sort would.
 * Sorting the batches is the cost (an own quicksort: the native one is several times slower
 * here), so it pays only while batches are small next to the window; selection over the window's
 * low values (window-candidates.ts) is the path for windows that turn over (sliding-cvar.ts picks).
 */

/** The sorted values of the absolute positions lo .. end - 1 of a sequence. A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class SortedWindow {
  sorted: Float64Array;
  n: number;
  lo: number;
  end: number;

  constructor() {
    this.sorted = new Float64Array(64);
    this.n = 0;
    this.lo = 0;
    this.end = 0;
  }
}

/** Buffers shared by every window's moves (sized once, grown by doubling). A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class SortedWindowScratch {
  left: Float64Array;
  arrived: Float64Array;
  merged: Float64Array;

  constructor() {
    this.left = new Float64Array(64);
    this.arrived = new Float64Array(64);
    this.merged = new Float64Array(64);
  }
}

/** Returns an empty window at position 0. */
export function newSortedWindow(): SortedWindow {
  return new SortedWindow();
}

/** Returns empty scratch. */
export function newSortedWindowScratch(): SortedWindowScratch {
  return new SortedWindowScratch();
}

/** Returns `a` when it holds n values, else a fresh array of at least n (doubling): scratch growth. */
function room(a: Float64Array, n: number): Float64Array {
  if (a.length >= n) return a;
  let cap = a.length;
  while (cap < n) cap *= 2;
  return new Float64Array(cap);
}

/** Returns true when a comes before b (numbers, -0 before +0; no NaN). */
export function before(a: number, b: number): boolean {
  return a < b || (a === 0 && b === 0 && 1 / a < 1 / b);
}

/**
 * Sorts a[0 .. n) in place in the order of `before` (the native typed-array order, which is
 * several times slower here): a three-way quicksort (ties stay cheap), insertion sort on short
 * ranges, heapsort past a depth limit so no input is quadratic. No allocation.
 */
function sortPrefix(a: Float64Array, n: number): void {
  if (n > 1) quickSort(a, 0, n, 2 * Math.ceil(Math.log2(n)));
}

function quickSort(a: Float64Array, lo: number, hi: number, depth: number): void {
  while (hi - lo > 24) {
    if (depth-- === 0) {
      heapSort(a, lo, hi);
      return;
    }
    const p = median3(a[lo] as number, a[(lo + hi) >> 1] as number, a[hi - 1] as number);
    partition3(a, lo, hi, p);
    const lt = partLt;
    const gt = partGt;
    // Recurse into the smaller side, loop on the larger: the stack stays O(log n).
    if (lt - lo < hi - gt) {
      quickSort(a, lo, lt, depth);
      lo = gt;
    } else {
      quickSort(a, gt, hi, depth);
      hi = lt;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const x = a[i] as number;
    let j = i - 1;
    while (j >= lo && before(x, a[j] as number)) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = x;
  }
}

/** Where partition3 left the equal run [partLt, partGt): module scratch, so the hot loops allocate nothing. */
let partLt = 0;
let partGt = 0;

/** Three-way partition of a[lo .. hi) around p (in `before` order): smaller, equal, larger. */
function partition3(a: Float64Array, lo: number, hi: number, p: number): void {
  let lt = lo;
  let i = lo;
  let gt = hi;
  while (i < gt) {
    const x = a[i] as number;
    if (before(x, p)) {
      a[i++] = a[lt] as number;
      a[lt++] = x;
    } else if (before(p, x)) {
      a[i] = a[--gt] as number;
      a[gt] = x;
    } else i++;
  }
  partLt = lt;
  partGt = gt;
}

function median3(x: number, y: number, z: number): number {
  if (before(x, y)) return before(y, z) ? y : before(x, z) ? z : x;
  return before(x, z) ? x : before(y, z) ? z : y;
}

function heapSort(a: Float64Array, lo: number, hi: number): void {
  const n = hi - lo;
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(a, lo, i, n);
  for (let end = n - 1; end > 0; end--) {
    const x = a[lo] as number;
    a[lo] = a[lo + end] as number;
    a[lo + end] = x;
    siftDown(a, lo, 0, end);
  }
}

function siftDown(a: Float64Array, lo: number, i: number, n: number): void {
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) return;
    if (c + 1 < n && before(a[lo + c] as number, a[lo + c + 1] as number)) c++;
    if (!before(a[lo + i] as number, a[lo + c] as number)) return;
    const x = a[lo + i] as number;
    a[lo + i] = a[lo + c] as number;
    a[lo + c] = x;
    i = c;
  }
}

/**
 * Moves the window to positions lo .. end - 1 (lo >= w.lo, end >= w.end): position i's value
 * is values[i - shift] (`values` must still hold every position from w.lo on).
 */
export function slideSortedWindow(w: SortedWindow, values: Float64Array, shift: number, lo: number, end: number, sc: SortedWindowScratch): void {
  const n = end - lo;
  if (lo >= w.end || w.n === 0) {
    // Nothing stays: sort the new window whole.
    w.sorted = room(w.sorted, n);
    for (let i = 0; i < n; i++) w.sorted[i] = values[lo + i - shift] as number;
    sortPrefix(w.sorted, n);
  } else {
    const nLeft = lo - w.lo;
    const nArrived = end - w.end;
    sc.left = room(sc.left, nLeft);
    sc.arrived = room(sc.arrived, nArrived);
    sc.merged = room(sc.merged, n);
    for (let i = 0; i < nLeft; i++) sc.left[i] = values[w.lo + i - shift] as number;
    for (let i = 0; i < nArrived; i++) sc.arrived[i] = values[w.end + i - shift] as number;
    sortPrefix(sc.left, nLeft);
    sortPrefix(sc.arrived, nArrived);
    const out = mergeWindow(w.sorted, w.n, sc.left, nLeft, sc.arrived, nArrived, sc.merged);
    // Swap: the old sorted array becomes the next merge's buffer.
    sc.merged = w.sorted;
    w.sorted = out;
  }
  w.n = n;
  w.lo = lo;
  w.end = end;
}

/** Returns `out` holding (s minus left) merged with arrived, all sorted; `left` is a sub-multiset of s. */
function mergeWindow(s: Float64Array, nS: number, left: Float64Array, nL: number, arrived: Float64Array, nA: number, out: Float64Array): Float64Array {
  let i = 0;
  let j = 0;
  let k = 0;
  let o = 0;
  while (i < nS) {
    const x = s[i] as number;
    if (j < nL) {
      const y = left[j] as number;
      // Same value and same zero sign: this copy left the window.
      if (x === y && (x !== 0 || 1 / x === 1 / y)) {
        i++;
        j++;
        continue;
      }
    }
    if (k < nA && before(arrived[k] as number, x)) out[o++] = arrived[k++] as number;
    else {
      out[o++] = x;
      i++;
    }
  }
  while (k < nA) out[o++] = arrived[k++] as number;
  return out;
}

/**
 * Returns R's type-7 quantile at p of the window (NaN when empty), with the expressions of
 * engine/metrics/var-cvar.ts quantileType7: the same order statistics, the same interpolation.
 */
export function sortedQuantileType7(w: SortedWindow, p: number): number {
  const n = w.n;
  if (n === 0) return Number.NaN;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const xLo = w.sorted[lo - 1] as number;
  if (!(index > lo)) return xLo;
  const xHi = w.sorted[lo] as number;
  if (xHi === xLo) return xLo;
  const h = index - lo;
  return (1 - h) * xLo + h * xHi; // R's exact expression
}

/** Places the k-th value (in `before` order) of a[lo .. hi) at k, the ones before it before, the ones after after; returns it. */
export function selectKth(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi - lo > 1) {
    const p = median3(a[lo] as number, a[(lo + hi) >> 1] as number, a[hi - 1] as number);
    partition3(a, lo, hi, p);
    const lt = partLt;
    const gt = partGt;
    if (k < lt) hi = lt;
    else if (k >= gt) lo = gt;
    else return p;
  }
  return a[k] as number;
}
