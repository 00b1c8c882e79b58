/**
 * Order statistics of a few hundred doubles without data-dependent branches in the hot loop:
 * the CVaR selection path's kernel (window-candidates.ts). A quickselect whose partition writes
 * every value to both ends of a second buffer and moves one end by the comparison's result
 * (Number(condition): a set-on-compare), so the CPU mispredicts nothing per value; the
 * branchy three-way partition it replaces mispredicted about every other value. Values are
 * compared as numbers (no division per value to tell -0 from +0); only a zero result looks at signs.
 * The order is sorted-window.ts's `before` (-0 before +0); the k-th value in it is unique, so
 * any partition order returns the same double, sign of a zero included.
 */
import { before, selectKth } from './sorted-window.js';

/** Scratch of the selection: two ping-pong buffers (grown by doubling, never shrunk). */
export interface OrderStatisticScratch {
  a: Float64Array;
  b: Float64Array;
  /** nextValue's two-way pick (+Infinity, the value): a load instead of a branch. */
  readonly pick: Float64Array;
}

/** Returns empty scratch. */
export function newOrderStatisticScratch(): OrderStatisticScratch {
  return { a: new Float64Array(64), b: new Float64Array(64), pick: new Float64Array(2) };
}

function median3(x: number, y: number, z: number): number {
  if (before(x, y)) return before(y, z) ? y : before(x, z) ? z : x;
  return before(x, z) ? x : before(y, z) ? z : y;
}

/** The k-th value when it is a zero: -0 while k falls among the range's -0s (they come first), else +0. */
function zeroAt(input: Float64Array, from: number, to: number, l: number, k: number): number {
  let negative = 0;
  for (let i = from; i < to; i++) {
    const x = input[i] as number;
    if (x === 0 && 1 / x < 0) negative++;
  }
  return k < l + negative ? -0 : 0;
}

/**
 * Returns the k-th value (0-based, `before` order) of src[from .. to) (0 <= k < to - from);
 * src is read, not changed. Values are finite (the CVaR stage's pnl errors).
 */
export function kthValue(src: Float64Array, from: number, to: number, k: number, sc: OrderStatisticScratch): number {
  const n = to - from;
  if (sc.a.length < n) {
    let cap = sc.a.length;
    while (cap < n) cap *= 2;
    sc.a = new Float64Array(cap);
    sc.b = new Float64Array(cap);
  }
  let input = src;
  let base = from; // input[base + i] is element i of the current range
  let lo = 0;
  let hi = n;
  let out = sc.a;
  let rounds = 0;
  while (hi - lo > 24) {
    if (++rounds > 48) {
      // Pathological pivots: finish with the three-way quickselect (copy the range first).
      for (let i = lo; i < hi; i++) out[i] = input[base + i] as number;
      return selectKth(out, lo, hi, k);
    }
    const p = median3(input[base + lo] as number, input[base + ((lo + hi) >> 1)] as number, input[base + hi - 1] as number);
    let l = lo;
    let r = hi;
    for (let i = lo; i < hi; i++) {
      const x = input[base + i] as number;
      // Written at both ends; only the end whose bound moves keeps it.
      out[l] = x;
      out[r - 1] = x;
      l += Number(x < p);
      r -= Number(p < x);
    }
    // [lo, l): below p; [r, hi): above p; [l, r): equal to p (not written: they are p, or
    // when p is a zero, -0s then +0s: the numeric order ties them, `before` does not).
    if (k >= l && k < r) return p === 0 ? zeroAt(input, base + lo, base + hi, l, k) : p;
    if (k < l) hi = l;
    else lo = r;
    input = out;
    base = 0;
    out = out === sc.a ? sc.b : sc.a;
  }
  // A short range: insertion sort in `out`.
  for (let i = lo; i < hi; i++) {
    const x = input[base + i] as number;
    let j = i - 1;
    while (j >= lo && before(x, out[j] as number)) {
      out[j + 1] = out[j] as number;
      j--;
    }
    out[j + 1] = x;
  }
  return out[k] as number;
}

/**
 * Returns the value right after x in `before` order among src[from .. to), given that x is the
 * k-th (0-based) and k + 1 < to - from: x itself when another copy of it sits at k + 1, else the
 * smallest value after x. One pass without a branch on the values (Math.min orders -0 before +0,
 * as `before` does; values are finite); a zero x takes a plain loop (`before` tells the zeros apart).
 */
export function nextValue(src: Float64Array, from: number, to: number, k: number, x: number, sc: OrderStatisticScratch): number {
  let notAfter = 0;
  let best = Number.POSITIVE_INFINITY;
  if (x === 0) {
    for (let i = from; i < to; i++) {
      const y = src[i] as number;
      if (!before(x, y)) notAfter++;
      else if (before(y, best)) best = y;
    }
    return notAfter >= k + 2 ? x : best;
  }
  const pick = sc.pick;
  pick[0] = Number.POSITIVE_INFINITY;
  for (let i = from; i < to; i++) {
    const y = src[i] as number;
    const after = Number(x < y); // x is not a zero: `before` is the numeric order here
    notAfter += 1 - after;
    pick[1] = y;
    best = Math.min(best, pick[after] as number);
  }
  return notAfter >= k + 2 ? x : best;
}

/**
 * Returns the mean of values[from .. to) strictly below q, summed in index order (the
 * reference's window order, so the same double), or q when none is: CVaR's tail mean.
 */
export function meanBelow(values: Float64Array, from: number, to: number, q: number): number {
  let sum = 0;
  let cnt = 0;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x < q) {
      sum += x;
      cnt += 1;
    }
  }
  return cnt === 0 ? q : sum / cnt;
}
