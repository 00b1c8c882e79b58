import type { Rng } from '../../core/rng.js';

/**
 * Returns one stationary-bootstrap resample of the indices 0..n-1 (Politis & Romano 1994):
 * blocks start at a uniform index and continue (wrapping around) with probability
 * 1 - 1/meanBlock per step, so block lengths are geometric with mean `meanBlock`.
 */
export function stationaryBootstrapIndices(n: number, meanBlock: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  const pNew = 1 / Math.max(1, meanBlock);
  let j = Math.floor(rng() * n);
  for (let i = 0; i < n; i++) {
    if (i > 0) j = rng() < pNew ? Math.floor(rng() * n) : (j + 1) % n;
    out[i] = j;
  }
  return out;
}

/** Returns the default mean block length: round(n^(1/3)), at least 1 (a common rule of thumb for the stationary bootstrap). */
export function defaultMeanBlock(n: number): number {
  return Math.max(1, Math.round(Math.cbrt(n)));
}
