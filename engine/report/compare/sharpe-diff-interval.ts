import { createRng } from '../../core/rng.js';
import { blockSharpe, blockSumsOf } from './block-sharpe.js';
import { createBootstrapBlocks, drawStationaryBlocks } from './stationary-bootstrap.js';

/** Settings of the Sharpe-difference bootstrap. */
export interface BootstrapSettings {
  readonly seed: number;
  readonly resamples: number;
  readonly meanBlock: number;
  /** Two-sided confidence level in (0, 1), e.g. 0.95. */
  readonly level: number;
  readonly periodsPerYear: number;
}

/** A confidence interval for Sharpe(b) - Sharpe(a) on paired returns; null bounds when too few resamples had a defined difference. */
export interface SharpeDiffInterval {
  readonly estimate: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** Resamples whose difference was defined (both standard deviations > 0). */
  readonly valid: number;
}

/** A Sharpe-difference interval with what it was computed on: the pair's aligned periods, its mean block length and the periods per year that annualize it. */
export interface PairedSharpeDiff extends SharpeDiffInterval {
  readonly aligned_periods: number;
  readonly mean_block: number;
  readonly periods_per_year: number;
}

/** Returns the annualized Sharpe mean / sd (ddof 1) * sqrt(N) of x (two passes), NaN when undefined. */
export function sharpeAt(x: Float64Array, periodsPerYear: number): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i] as number;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mean;
    ss += d * d;
  }
  const sd = Math.sqrt(ss / (n - 1));
  return sd > 0 ? (mean / sd) * Math.sqrt(periodsPerYear) : Number.NaN;
}

/** Returns the q-quantile of sorted values with linear interpolation between order statistics (numpy's default, R type 7). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * How many blocks the scratch holds (512 KB): resamples are drawn this many blocks at a time, then
 * each series takes them all in turn, so its prefix sums stay in cache while it does.
 */
const BLOCKS_PER_CHUNK = 65_536;

/**
 * Returns, for each series b of `bs` (each as long as `a`), the bootstrap replicates of
 * Sharpe(b) - Sharpe(a): each resample draws one stationary-bootstrap sequence of blocks and
 * applies it to a and to every b (paired, so their correlation is kept; each b gets the draws it
 * would get alone, for one draw of the stream). Stream: createRng(seed,
 * `compare-bootstrap:${label}`). NaN = undefined. Each
 * series' sums are prepared once (O(n)); a resample then costs O(blocks) per series (blockSharpe).
 */
export function sharpeDiffReplicatesEach(a: Float64Array, bs: readonly Float64Array[], s: BootstrapSettings, label: string): Float64Array[] {
  const n = a.length;
  const rng = createRng(s.seed, `compare-bootstrap:${label}`);
  const out = bs.map(() => new Float64Array(s.resamples));
  const sumsA = blockSumsOf(a);
  const sumsB = bs.map(blockSumsOf);
  const blocks = createBootstrapBlocks(Math.max(n, BLOCKS_PER_CHUNK));
  const first = new Int32Array(s.resamples + 1); // resample r's blocks: first[r]..first[r + 1] - 1 of its chunk
  const sharpeA = new Float64Array(s.resamples);
  for (let r0 = 0; r0 < s.resamples; ) {
    // draw resamples, in stream order, while the scratch surely has room for one more (n blocks)
    blocks.count = 0;
    let r1 = r0;
    for (; r1 < s.resamples && blocks.starts.length - blocks.count >= n; r1++) {
      first[r1] = blocks.count;
      drawStationaryBlocks(n, s.meanBlock, rng, blocks);
    }
    first[r1] = blocks.count;
    for (let r = r0; r < r1; r++) sharpeA[r] = blockSharpe(sumsA, blocks, first[r] as number, first[r + 1] as number, s.periodsPerYear);
    sumsB.forEach((sb, k) => {
      const o = out[k] as Float64Array;
      for (let r = r0; r < r1; r++) o[r] = blockSharpe(sb, blocks, first[r] as number, first[r + 1] as number, s.periodsPerYear) - (sharpeA[r] as number);
    });
    r0 = r1;
  }
  return out;
}

/** Returns the point estimate and the percentile interval of Sharpe(b) - Sharpe(a) over aligned per-period returns (a, b of equal length). */
export function sharpeDiffInterval(a: Float64Array, b: Float64Array, s: BootstrapSettings, label: string): SharpeDiffInterval {
  return sharpeDiffIntervals(a, [b], s, label)[0] as SharpeDiffInterval;
}

/** Returns sharpeDiffInterval(a, b) for each b of `bs` (each as long as `a`), from one draw of the stream (sharpeDiffReplicatesEach). */
export function sharpeDiffIntervals(a: Float64Array, bs: readonly Float64Array[], s: BootstrapSettings, label: string): SharpeDiffInterval[] {
  const sa = sharpeAt(a, s.periodsPerYear);
  const alpha = (1 - s.level) / 2;
  return sharpeDiffReplicatesEach(a, bs, s, label).map((all, k) => {
    const est = sharpeAt(bs[k] as Float64Array, s.periodsPerYear) - sa;
    const sorted = all.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
    const enough = sorted.length >= Math.max(2, Math.ceil(s.resamples / 2));
    return {
      estimate: Number.isFinite(est) ? est : null,
      low: enough ? quantileSorted(sorted, alpha) : null,
      high: enough ? quantileSorted(sorted, 1 - alpha) : null,
      valid: sorted.length,
    };
  });
}
