/**
 * Bounded proportional allocation: x_i = clamp(lambda * w_i, lower, upper) with sum x = total,
 * solved exactly (water-filling with lower AND upper bounds). Used by the governor's default
 * mode (seed 002 min/max allocation) and pnlWeights' default floor (seed 004 min_weight).
 */
import { assert } from '../../core/errors.js';

const FREE = 1;
const AT_UPPER = 2;

/**
 * Returns lambda on the current linear piece, from sums recomputed over the element states
 * (the running sums of the sweep cancel: b = w1 + w2 + w3 - w1 - w2 loses w3's digits).
 */
function solveSegment(weights: Float64Array, state: Uint8Array, lower: number, upper: number, total: number): number {
  let a = 0;
  let b = 0;
  for (let i = 0; i < weights.length; i++) {
    if (state[i] === FREE) b += weights[i] ?? 0;
    else a += state[i] === AT_UPPER ? upper : lower;
  }
  return (total - a) / b;
}

/**
 * Returns x with x_i = clamp(lambda * weights[i], lower, upper) and sum(x) = total, or null when
 * the bounds are infeasible (n * lower > total or n * upper < total). Zero weights sit at
 * `lower` unless every positive weight is at `upper`; then they share the rest equally.
 * f(lambda) = sum clamp(lambda w_i, lo, hi) is continuous, non-decreasing and piecewise linear
 * with breakpoints lo/w_i and hi/w_i: sweep them in order and solve the linear piece.
 * O(n log n) plus O(n) per element that reaches `upper`.
 */
export function boundedFill(
  raw: Float64Array,
  lower: number,
  upper: number,
  total: number,
): Float64Array | null {
  const n = raw.length;
  assert(lower >= 0 && lower <= upper, 'boundedFill: need 0 <= lower <= upper');
  // the solution is invariant to scaling the weights: scale to max 1 so breakpoints stay finite
  const top = raw.reduce((m, w) => (w > m ? w : m), 0);
  const weights = top > 0 ? raw.map((w) => w / top) : raw;
  if (n * lower > total || n * upper < total) return null;
  const events: { lambda: number; i: number; toFree: boolean }[] = [];
  let a = 0; // sum of the clamped values at the current lambda
  let b = 0; // sum of the weights of the free (unclamped) elements
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? 0;
    assert(Number.isFinite(raw[i] ?? 0) && w >= 0, `boundedFill: weights[${i}] must be finite and >= 0`);
    a += lower;
    if (w > 0) {
      events.push({ lambda: lower / w, i, toFree: true });
      events.push({ lambda: upper / w, i, toFree: false });
    }
  }
  // total order: lambda, then leaving-lower before reaching-upper, then id
  events.sort((x, y) => x.lambda - y.lambda || Number(y.toFree) - Number(x.toFree) || x.i - y.i);
  const state = new Uint8Array(n); // AT_LOWER until its lower breakpoint
  let lambda = Infinity;
  let nFree = 0;
  for (const ev of events) {
    if (nFree > 0 && a + ev.lambda * b >= total) {
      lambda = solveSegment(weights, state, lower, upper, total);
      break;
    }
    const w = weights[ev.i] ?? 0;
    if (ev.toFree) {
      a -= lower;
      b += w;
      nFree += 1;
      state[ev.i] = FREE;
    } else {
      a += upper;
      nFree -= 1;
      state[ev.i] = AT_UPPER;
      // re-sum instead of b -= w: the running difference cancels (1 + 1e-16 - 1 = 0) and could
      // miss the solving piece; O(n) per element reaching upper, O(n^2) worst case
      b = 0;
      for (let j = 0; j < n; j++) if (state[j] === FREE) b += weights[j] ?? 0;
    }
  }
  const out = new Float64Array(n);
  if (lambda === Infinity) {
    // every positive weight is at `upper` and the sum is still short of total: the zero
    // weights share the rest equally (each stays <= upper because n * upper >= total)
    let nZero = 0;
    for (let i = 0; i < n; i++) if ((weights[i] ?? 0) === 0) nZero += 1;
    const rest = nZero > 0 ? Math.min(upper, Math.max(lower, (total - (n - nZero) * upper) / nZero)) : lower;
    for (let i = 0; i < n; i++) out[i] = (weights[i] ?? 0) > 0 ? upper : rest;
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = Math.min(upper, Math.max(lower, lambda * (weights[i] ?? 0)));
  return out;
}
