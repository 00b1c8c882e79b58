import type { BootstrapBlocks } from './stationary-bootstrap.js';

/**
 * What a series' Sharpe over any resample of blocks needs, computed once in O(n): its mean m and
 * the prefix sums of y = x - m and of y^2 over x[0..i-1], each as an unevaluated sum hi + lo (lo
 * keeps what rounding hi dropped, so a block's sum after a huge value loses nothing to it).
 * `prefix` holds them interleaved, [S1 hi, S1 lo, S2 hi, S2 lo] at 4i: a block end is one cache line.
 */
export interface BlockSums {
  readonly x: Float64Array;
  readonly mean: number;
  readonly prefix: Float64Array;
}

/**
 * Past this ratio of the resample's sum of squares about m to its sum of squares about its own
 * mean, S2 - S1^2/n has lost more than ~4 of 16 digits (the resample's mean lies far from m
 * against its spread, e.g. it leaves out a huge return of a short series): blockSharpe then sums
 * the resample in two passes instead, rare and O(n).
 */
const CANCELLATION_LIMIT = 1e4;

/** Returns the BlockSums of x (values finite). */
export function blockSumsOf(x: Float64Array): BlockSums {
  const n = x.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += x[i] as number;
  const mean = n === 0 ? 0 : total / n;
  const prefix = new Float64Array(4 * (n + 1));
  for (let i = 0; i < n; i++) {
    const y = (x[i] as number) - mean;
    addExact(prefix, 4 * i, y);
    addExact(prefix, 4 * i + 2, y * y);
  }
  return { x, mean, prefix };
}

/** Sets the hi, lo pair at at + 4 to the pair at `at` plus v: hi the rounded sum, lo its rounding errors added up (Knuth's TwoSum). */
function addExact(prefix: Float64Array, at: number, v: number): void {
  const h = prefix[at] as number;
  const sum = h + v;
  const vPart = sum - h;
  prefix[at + 4] = sum;
  prefix[at + 5] = (prefix[at + 1] as number) + (h - (sum - vPart)) + (v - vPart);
}

/**
 * Returns the annualized Sharpe mean / sd (ddof 1) * sqrt(N) of x's resample made of blocks
 * from..to-1 of `blocks` (their lengths sum to n), NaN when undefined, in O(blocks): S1, S2 = the sums of y and y^2 over the blocks (a wrapping block
 * in two pieces), then mean = S1/n + m, var = (S2 - S1^2/n) / (n - 1). Centering on m keeps S1
 * small, so the subtraction loses almost nothing (test: equal to sharpeAt's two-pass gather of
 * the same indices to 1e-10 relative); where it would lose more (CANCELLATION_LIMIT), and for an
 * exactly constant resample, the two passes are done, as sharpeAt does them.
 */
export function blockSharpe(s: BlockSums, blocks: BootstrapBlocks, from: number, to: number, periodsPerYear: number): number {
  const { x, mean, prefix } = s;
  const n = x.length;
  if (n < 2) return Number.NaN;
  // per block, prefix at its end minus prefix at its start (hi and lo apart); a wrapping block
  // is two pieces, [start, n) and [0, end - n)
  let s1 = 0;
  let s2 = 0;
  for (let k = from; k < to; k++) {
    const start = blocks.starts[k] as number;
    const end = start + (blocks.lengths[k] as number);
    let b = 4 * start;
    let e = 4 * end;
    if (end > n) {
      const t = 4 * n;
      s1 += (prefix[t] as number) - (prefix[b] as number) + ((prefix[t + 1] as number) - (prefix[b + 1] as number));
      s2 += (prefix[t + 2] as number) - (prefix[b + 2] as number) + ((prefix[t + 3] as number) - (prefix[b + 3] as number));
      b = 0;
      e -= t;
    }
    s1 += (prefix[e] as number) - (prefix[b] as number) + ((prefix[e + 1] as number) - (prefix[b + 1] as number));
    s2 += (prefix[e + 2] as number) - (prefix[b + 2] as number) + ((prefix[e + 3] as number) - (prefix[b + 3] as number));
  }
  const meanY = s1 / n;
  const spread = s2 - s1 * meanY;
  if (!(spread * CANCELLATION_LIMIT > s2)) return twoPassSharpe(x, blocks, from, to, periodsPerYear);
  return ((meanY + mean) / Math.sqrt(spread / (n - 1))) * Math.sqrt(periodsPerYear);
}

/** Returns sharpeAt(x, the index sequence of blocks from..to-1): the mean, then the squared deviations from it, in index order. */
function twoPassSharpe(x: Float64Array, blocks: BootstrapBlocks, from: number, to: number, periodsPerYear: number): number {
  const n = x.length;
  let sum = 0;
  for (let k = from; k < to; k++) for (let i = 0, j = blocks.starts[k] as number; i < (blocks.lengths[k] as number); i++, j = j + 1 === n ? 0 : j + 1) sum += x[j] as number;
  const mean = sum / n;
  let ss = 0;
  for (let k = from; k < to; k++) {
    for (let i = 0, j = blocks.starts[k] as number; i < (blocks.lengths[k] as number); i++, j = j + 1 === n ? 0 : j + 1) {
      const d = (x[j] as number) - mean;
      ss += d * d;
    }
  }
  const sd = Math.sqrt(ss / (n - 1));
  return sd > 0 ? (mean / sd) * Math.sqrt(periodsPerYear) : Number.NaN;
}
