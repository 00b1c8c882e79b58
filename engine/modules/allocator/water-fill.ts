/**
 * Capped proportional allocation ("water-filling"): the exact fix for seed 001's
 * single-pass cap redistribution (Q001-1..3) and seed 000's unredistributed symbol cap (Q000-2).
 */
import { assert } from '../../core/errors.js';

/**
 * Returns x with x[i] = min(cap, lambda * weights[i]) and sum(x) = min(total, cap * #{w > 0}):
 * `total` (a fraction of capital) shared in proportion to the non-negative `weights`, no element
 * above `cap`; what cannot be placed under the caps is left out (the caller's cash).
 * Exact in O(n log n): sorted by weight (ties by index), the capped elements are a prefix.
 */
export function waterFill(raw: Float64Array, cap: number, total: number): Float64Array {
  const n = raw.length;
  // the result is invariant to scaling the weights: scale to max 1 so w * left cannot underflow
  let top = 0;
  for (let i = 0; i < n; i++) {
    const w = raw[i] as number;
    if (w > top) top = w;
  }
  const weights = top > 0 && Number.isFinite(top) ? raw.map((w) => w / top) : raw;
  assert(cap >= 0 && total >= 0, 'waterFill: cap and total must be >= 0');
  const order = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    // the message is built only when the check fails (it runs every tick for every agent)
    if (!(Number.isFinite(w) && w >= 0)) assert(false, `waterFill: weights[${i}] must be finite and >= 0`);
    if (w > 0) order[m++] = i;
  }
  sortByWeightDesc(order, m, weights);
  // suffix[k] = sum of the k-th largest weight and all smaller ones, summed smallest first
  const suffix = new Float64Array(m + 1);
  for (let k = m - 1; k >= 0; k--) suffix[k] = (suffix[k + 1] as number) + (weights[order[k] as number] as number);

  const out = new Float64Array(n);
  let left = total;
  let k = 0;
  for (; k < m; k++) {
    const i = order[k] as number;
    const share = ((weights[i] as number) * left) / (suffix[k] as number);
    if (share <= cap) break;
    out[i] = cap;
    left -= cap;
  }
  if (left < 0) left = 0;
  const rest = suffix[k] as number;
  for (let j = k; j < m; j++) {
    const i = order[j] as number;
    // min() guards the last ulp: the break test above used the same expression
    out[i] = Math.min(cap, ((weights[i] as number) * left) / rest);
  }
  return out;
}

/** True when index a comes before index b: larger weight first, ties by index (a total order). */
function comesFirst(w: Float64Array, a: number, b: number): boolean {
  const wa = w[a] as number;
  const wb = w[b] as number;
  return wa > wb || (wa === wb && a < b);
}

/**
 * Sorts order[0 .. m) by weight, largest first, ties by index: bottom-up merge sort over typed
 * arrays (the order is total, so the result is the one any sort gives; a comparator passed to
 * Array.prototype.sort was a call per comparison, every tick).
 */
function sortByWeightDesc(order: Int32Array, m: number, w: Float64Array): void {
  // runs of 8 by insertion sort
  for (let lo = 0; lo < m; lo += 8) {
    const hi = Math.min(m, lo + 8);
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i] as number;
      let j = i - 1;
      while (j >= lo && comesFirst(w, x, order[j] as number)) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = x;
    }
  }
  if (m <= 8) return;
  let src: Int32Array = order;
  let dst: Int32Array = new Int32Array(m);
  for (let width = 8; width < m; width *= 2) {
    for (let lo = 0; lo < m; lo += 2 * width) {
      const mid = Math.min(m, lo + width);
      const hi = Math.min(m, lo + 2 * width);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) dst[o++] = comesFirst(w, src[j] as number, src[i] as number) ? (src[j++] as number) : (src[i++] as number);
      while (i < mid) dst[o++] = src[i++] as number;
      while (j < hi) dst[o++] = src[j++] as number;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== order) order.set(src.subarray(0, m));
}
