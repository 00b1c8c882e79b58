/**
 * Capital Governor reallocation threshold (seed 002, "Reallocation Logic"): new allocations
 * are applied only when some weight moves by at least the threshold.
 */
import { assert } from '../../core/errors.js';

/** Float slack of the default mode's threshold test: 0.3 - 0.2 = 0.09999999999999998 still counts as 0.1. */
export const REALLOCATION_TOLERANCE = 1e-12;

/**
 * Returns true when max_i |next_i - prev_i| reaches `threshold` (fractions of capital), or when
 * there is no previous allocation. The seed says both "change > 10%" (workflow) and
 * "max change >= 10%" (step 4, log): seed mode uses `>=` exactly; default mode uses
 * `>= threshold - 1e-12`, so a change equal to the threshold up to float noise reallocates.
 */
export function shouldReallocate(
  prev: Float64Array | null,
  next: Float64Array,
  threshold: number,
  mode: 'seed' | 'default',
): boolean {
  if (prev === null) return true;
  assert(prev.length === next.length, 'shouldReallocate: prev and next must have the same length');
  let maxChange = 0;
  for (let i = 0; i < next.length; i++) {
    const d = Math.abs((next[i] ?? 0) - (prev[i] ?? 0));
    if (d > maxChange || Number.isNaN(d)) maxChange = d;
  }
  if (Number.isNaN(maxChange)) return true;
  return mode === 'seed' ? maxChange >= threshold : maxChange >= threshold - REALLOCATION_TOLERANCE;
}
