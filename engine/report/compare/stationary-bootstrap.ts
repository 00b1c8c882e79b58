import type { Rng } from '../../core/rng.js';

/**
 * Stationary-bootstrap resamples as blocks, one resample after another: block k covers the
 * `lengths[k]` indices from `starts[k]` on, wrapping from n - 1 to 0; a resample's blocks cover n
 * indices. Scratch: allocated once, `count` blocks in use (drawStationaryBlocks appends).
 */
export interface BootstrapBlocks {
  readonly starts: Int32Array;
  readonly lengths: Int32Array;
  count: number;
}

/** Returns empty scratch blocks with room for `capacity` blocks (a resample of n periods has at most n). */
export function createBootstrapBlocks(capacity: number): BootstrapBlocks {
  return { starts: new Int32Array(capacity), lengths: new Int32Array(capacity), count: 0 };
}

/**
 * Draws one stationary-bootstrap resample of the indices 0..n-1 (Politis & Romano 1994) and
 * appends its blocks to `into` (room for n more needed), two draws of the stream per block, in
 * this order (test/reference/stationary_bootstrap.py reproduces it):
 *   start  = floor(u() * n)                                uniform in [0, n)
 *   length = 1 + floor(log(1 - u()) / log(1 - p))          geometric, P(k) = (1-p)^(k-1) p, p = 1/max(1, meanBlock); 1 when p = 1
 * until the lengths reach n; the last block is cut so that they sum to n. Blocks wrap around
 * (circular). The same distribution as continuing each block with probability 1 - p per index,
 * for 2 draws a block instead of about 1 an index. Mutates `into` only (a hot-path scratch).
 */
export function drawStationaryBlocks(n: number, meanBlock: number, rng: Rng, into: BootstrapBlocks): void {
  const p = 1 / Math.max(1, meanBlock);
  const logKeep = Math.log(1 - p);
  let filled = 0;
  let count = into.count;
  while (filled < n) {
    const start = Math.floor(rng() * n);
    const u = 1 - rng(); // in (0, 1]: log(u) is finite
    const length = p >= 1 ? 1 : 1 + Math.floor(Math.log(u) / logKeep);
    const cut = Math.min(length, n - filled);
    into.starts[count] = start;
    into.lengths[count] = cut;
    filled += cut;
    count += 1;
  }
  into.count = count;
}

/** Returns the default mean block length: round(n^(1/3)), at least 1 (a common rule of thumb for the stationary bootstrap). */
export function defaultMeanBlock(n: number): number {
  return Math.max(1, Math.round(Math.cbrt(n)));
}
