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
  const top = raw.reduce((m, w) => (w > m ? w : m), 0);
  const weights = top > 0 && Number.isFinite(top) ? raw.map((w) => w / top) : raw;
  assert(cap >= 0 && total >= 0, 'waterFill: cap and total must be >= 0');
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? 0;
    assert(Number.isFinite(w) && w >= 0, `waterFill: weights[${i}] must be finite and >= 0`);
    if (w > 0) order.push(i);
  }
  order.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || a - b);
  // suffix[k] = sum of the k-th largest weight and all smaller ones, summed smallest first
  const suffix = new Float64Array(order.length + 1);
  for (let k = order.length - 1; k >= 0; k--) suffix[k] = (suffix[k + 1] ?? 0) + (weights[order[k] ?? 0] ?? 0);

  const out = new Float64Array(n);
  let left = total;
  let k = 0;
  for (; k < order.length; k++) {
    const i = order[k] ?? 0;
    const share = ((weights[i] ?? 0) * left) / (suffix[k] ?? 1);
    if (share <= cap) break;
    out[i] = cap;
    left -= cap;
  }
  if (left < 0) left = 0;
  const rest = suffix[k] ?? 0;
  for (let j = k; j < order.length; j++) {
    const i = order[j] ?? 0;
    // min() guards the last ulp: the break test above used the same expression
    out[i] = Math.min(cap, ((weights[i] ?? 0) * left) / rest);
  }
  return out;
}
