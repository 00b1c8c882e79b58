import { alignedReturns, type EquityCurve } from './aligned-returns.js';
import { rankCompare, type CompareEntry, type CompareRowOut } from './compare-table.js';
import { sharpeDiffInterval } from './sharpe-diff-interval.js';
import { defaultMeanBlock } from './stationary-bootstrap.js';

/** One run to compare: label, content key, metrics (metrics.json fields) and equity curve. */
export interface CompareInput {
  /** What the table shows (a run folder as typed, or a variant name). */
  readonly label: string;
  /**
   * What the run is, independent of how it was named on the command line (the sha256 of its
   * manifest.json, or the variant name): it labels the bootstrap stream, so `runA`, `./runA`
   * and `/abs/runA` draw the same resamples.
   */
  readonly contentKey: string;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly curve: EquityCurve;
}

/** Comparison settings: the ranking metric and the bootstrap's seed, resamples, mean block length (null = round(n^(1/3))) and level. */
export interface CompareSettings {
  readonly rankBy: string;
  readonly seed: number;
  readonly resamples: number;
  readonly meanBlock: number | null;
  readonly level: number;
}

/** The least integer each bootstrap setting takes (`bt compare`'s flags and the library's compare() check the same ranges; the level lies in (0, 1)). */
export const COMPARE_SETTING_MIN = { seed: 0, resamples: 10, meanBlock: 1 } as const;

/** The result of `bt compare` (what --json prints and compare.json holds). */
export interface Comparison {
  readonly rank_by: string;
  readonly first: string;
  readonly runs: readonly CompareRowOut[];
  readonly bootstrap: {
    readonly method: string;
    readonly seed: number;
    readonly resamples: number;
    readonly mean_block: number;
    readonly level: number;
    readonly periods_per_year: number;
    readonly aligned_periods: number;
  };
}

/**
 * Returns the ranked comparison: each run's metrics, and for every run after the first a
 * paired stationary-bootstrap interval of Sharpe(run) - Sharpe(first) over the per-period
 * returns the two share (periods per year of the first run). Pure and seeded: the stream of
 * the pair is named by the two runs' content keys, never by their labels.
 */
export function buildComparison(inputs: readonly CompareInput[], s: CompareSettings): Comparison {
  const first = inputs[0];
  const ppyRaw = first?.metrics['periods_per_year'];
  const ppy = typeof ppyRaw === 'number' && ppyRaw > 0 ? ppyRaw : 252;
  let aligned = first?.curve.tsMs.length ?? 0;
  let meanBlock = s.meanBlock ?? defaultMeanBlock(aligned);
  const entries: CompareEntry[] = inputs.map((inp, i) => {
    if (i === 0 || first === undefined) return { label: inp.label, metrics: inp.metrics, sharpeDiff: null };
    const r = alignedReturns(first.curve, inp.curve);
    aligned = Math.min(aligned, r.a.length);
    meanBlock = s.meanBlock ?? defaultMeanBlock(r.a.length);
    const settings = { seed: s.seed, resamples: s.resamples, meanBlock, level: s.level, periodsPerYear: ppy };
    return { label: inp.label, metrics: inp.metrics, sharpeDiff: sharpeDiffInterval(r.a, r.b, settings, `${first.contentKey}:${inp.contentKey}`) };
  });
  return {
    rank_by: s.rankBy,
    first: first?.label ?? '',
    runs: rankCompare(entries, s.rankBy),
    bootstrap: { method: 'paired stationary bootstrap (Politis-Romano), percentile interval', seed: s.seed, resamples: s.resamples, mean_block: meanBlock, level: s.level, periods_per_year: ppy, aligned_periods: aligned },
  };
}
