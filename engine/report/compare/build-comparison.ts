import { inferPeriodsPerYear } from '../../metrics/infer-periods-per-year.js';
import { alignedReturns, type EquityCurve } from './aligned-returns.js';
import { comparabilityNotes } from './comparability-notes.js';
import { rankCompare, type CompareEntry, type CompareRowOut } from './compare-table.js';
import { sharpeDiffInterval, type PairedSharpeDiff } from './sharpe-diff-interval.js';
import { defaultMeanBlock } from './stationary-bootstrap.js';

/** One run to compare: label, metrics (metrics.json fields) and equity curve. */
export interface CompareInput {
  /** What the table shows (a run folder as typed, or a variant name). */
  readonly label: string;
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

/** The bootstrap's seed, resamples and level when none is given (`bt compare`'s flags, the library's compare(), and bt sweep's noise test of its ranks). */
export const COMPARE_BOOTSTRAP_DEFAULTS = { seed: 42, resamples: 2000, level: 0.95 } as const;

/** The result of `bt compare` (what --json prints and compare.json holds). */
export interface Comparison {
  readonly rank_by: string;
  readonly first: string;
  readonly runs: readonly CompareRowOut[];
  readonly bootstrap: {
    readonly method: string;
    readonly seed: number;
    readonly resamples: number;
    /** The largest mean block length of the pairs (each pair's own is in its sharpe_diff_vs_first). */
    readonly mean_block: number;
    readonly level: number;
    /** The first run's periods per year (a pair on another calendar says its own). */
    readonly periods_per_year: number;
    /** The fewest aligned periods of any pair. */
    readonly aligned_periods: number;
  };
  /** How the runs' figures are not like for like (other spans, periods per year, benchmarks): comparabilityNotes; empty for one scenario's variants. */
  readonly notes: readonly string[];
}

/**
 * The bootstrap stream every pair draws from: one stream, so every run is resampled at the same
 * indices against the first (common random numbers, as White's reality check and Hansen's SPA
 * test draw), and an interval depends on the returns and the seed alone, not on how a run was
 * named or whether it came from a folder, a scenario's variants or the library's compare()
 * (bt sweep tests its ranks against the best with the same stream: engine/sweep/noise-vs-best.ts).
 */
export const BOOTSTRAP_STREAM = 'paired';

/**
 * Returns the ranked comparison: each run's metrics, and for every run after the first a
 * paired stationary-bootstrap interval of Sharpe(run) - Sharpe(first) over the per-period
 * returns of the periods the two share (alignedReturns), annualized by the first run's periods
 * per year, unless the shared time stamps are of another calendar than the first run's own
 * (inferPeriodsPerYear): then by theirs (a daily run against a monthly one compares monthly
 * returns, 12 a year).
 */
export function buildComparison(inputs: readonly CompareInput[], s: CompareSettings): Comparison {
  const first = inputs[0];
  const ppyRaw = first?.metrics['periods_per_year'];
  const ppy = typeof ppyRaw === 'number' && ppyRaw > 0 ? ppyRaw : 252;
  const ownCalendar = first === undefined ? null : inferPeriodsPerYear(first.curve.tsMs).periodsPerYear;
  const pairs: PairedSharpeDiff[] = [];
  const entries: CompareEntry[] = inputs.map((inp, i) => {
    if (i === 0 || first === undefined) return { label: inp.label, metrics: inp.metrics, sharpeDiff: null };
    const r = alignedReturns(first.curve, inp.curve);
    // another calendar (fewer periods a year than the first run's own) annualizes by its own count; a shorter span of the same one keeps the first's setting
    const shared = r.a.length === first.curve.tsMs.length ? ownCalendar : inferPeriodsPerYear(r.tsMs).periodsPerYear;
    const periodsPerYear = shared === null || shared === ownCalendar ? ppy : shared;
    const meanBlock = s.meanBlock ?? defaultMeanBlock(r.a.length);
    const settings = { seed: s.seed, resamples: s.resamples, meanBlock, level: s.level, periodsPerYear };
    const pair = { ...sharpeDiffInterval(r.a, r.b, settings, BOOTSTRAP_STREAM), aligned_periods: r.a.length, mean_block: meanBlock, periods_per_year: periodsPerYear };
    pairs.push(pair);
    return { label: inp.label, metrics: inp.metrics, sharpeDiff: pair };
  });
  return {
    rank_by: s.rankBy,
    first: first?.label ?? '',
    runs: rankCompare(entries, s.rankBy),
    bootstrap: {
      method: 'paired stationary bootstrap (Politis-Romano), percentile interval',
      seed: s.seed,
      resamples: s.resamples,
      mean_block: pairs.reduce((m, p) => Math.max(m, p.mean_block), s.meanBlock ?? 1),
      level: s.level,
      periods_per_year: ppy,
      aligned_periods: pairs.reduce((m, p) => Math.min(m, p.aligned_periods), first?.curve.tsMs.length ?? 0),
    },
    notes: comparabilityNotes(inputs),
  };
}
