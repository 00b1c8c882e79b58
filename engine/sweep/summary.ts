import { bestConfig, metricOf } from './best-config.js';
import type { JournalHeader, JournalResult } from './journal.js';
import { isNeverTraded } from './never-traded.js';
import type { NoiseReport } from './noise-vs-best.js';
import { deflatedSharpeRatio, probabilisticSharpeRatio } from './overfitting.js';
import { periodsPerYearMix, type PeriodsPerYearMix } from './periods-per-year-mix.js';
import { inertSweptParams, type InertParam } from './inert-params.js';
import { rankSweep, type SweepRanking } from './rank-sweep.js';

/** The overfitting guard of the best configuration (per-period Sharpe ratios; docs/sweeps.md). */
export interface OverfittingReport {
  readonly psr: number | null;
  readonly dsr: number | null;
  readonly sharpe_per_period: number;
  readonly expected_max_sharpe_per_period: number | null;
  readonly trial_sharpe_variance: number | null;
  readonly n_trials: number;
  readonly n_returns: number;
  readonly skewness: number;
  readonly excess_kurtosis: number;
}

/** Returns a result's per-period Sharpe ratio (annualized Sharpe / sqrt(periods per year)), or null. */
export function perPeriodSharpe(r: JournalResult): number | null {
  const s = metricOf(r, 'sharpe');
  const ppy = metricOf(r, 'periods_per_year');
  return s === null || ppy === null || !(ppy > 0) ? null : s / Math.sqrt(ppy);
}

/** Returns a result's PSR against a Sharpe of 0 (per-period Sharpe, n, skewness, excess kurtosis), or null when one is undefined. */
export function configPsr(r: JournalResult): number | null {
  const sr = perPeriodSharpe(r);
  const n = metricOf(r, 'n');
  const skew = metricOf(r, 'skewness');
  const exk = metricOf(r, 'excess_kurtosis');
  return sr === null || n === null || skew === null || exk === null ? null : probabilisticSharpeRatio(sr, n, skew, exk, 0);
}

/**
 * Returns PSR (against a Sharpe of 0) and DSR (against the expected maximum Sharpe of the
 * sweep's trials) of `best`; null when its Sharpe, skewness or kurtosis is undefined.
 * `rows` are every configuration tried (all shards).
 */
export function overfittingReport(best: JournalResult, rows: readonly JournalResult[]): OverfittingReport | null {
  const sr = perPeriodSharpe(best);
  const n = metricOf(best, 'n');
  const skew = metricOf(best, 'skewness');
  const exk = metricOf(best, 'excess_kurtosis');
  if (sr === null || n === null || skew === null || exk === null) return null;
  const trials: number[] = [];
  for (const r of rows) {
    const s = perPeriodSharpe(r);
    if (s !== null) trials.push(s);
  }
  const d = deflatedSharpeRatio(sr, n, skew, exk, trials);
  return {
    psr: probabilisticSharpeRatio(sr, n, skew, exk, 0),
    dsr: d.dsr,
    sharpe_per_period: sr,
    expected_max_sharpe_per_period: d.expectedMaxSharpe,
    trial_sharpe_variance: d.trialSharpeVariance,
    n_trials: d.nTrials,
    n_returns: n,
    skewness: skew,
    excess_kurtosis: exk,
  };
}

/** summary.json of a sweep (before gates): the best configuration and its overfitting guard. */
export interface SweepSummary {
  readonly sweep: string;
  readonly sweep_id: string;
  readonly n_configs: number;
  readonly n_total: number;
  readonly duplicates: number;
  readonly shard: string | null;
  /**
   * True in a shard's summary: its ranks, best, noise, PSR/DSR and walk-forward cover the shard's
   * configurations only (bt merge of all shards ranks the whole sweep); false for a whole sweep.
   */
  readonly partial_ranking: boolean;
  readonly params: readonly string[];
  /** The base scenario's own config id when the sweep holds its settings (what --check-on base gates), else null. */
  readonly base_config_id: string | null;
  readonly objective: { readonly metric: string; readonly direction: string };
  readonly best: { readonly config_id: string; readonly params: JournalResult['params']; readonly metrics: JournalResult['metrics'] } | null;
  readonly overfitting: OverfittingReport | null;
  /** Which ranks are within noise of the best (noise-vs-best.ts); null when nothing is ranked. */
  readonly noise: NoiseReport | null;
  /** Configurations that never traded (never-traded.ts), by id: not ranked, never the best. */
  readonly never_traded: readonly string[];
  /** Set when the ranked configurations annualize with different periods per year (periods-per-year-mix.ts), else null. */
  readonly periods_per_year_mixed: PeriodsPerYearMix | null;
  /** Swept paths whose values gave the same equity curve wherever the other paths were fixed (inert-params.ts); empty when none. */
  readonly inert_params: readonly InertParam[];
}

/** Returns the summary of the results `rows` (sorted by id) of the sweep described by `header`; `ranking`: rankSweep of the rows (computed here when not given). */
export function buildSummary(header: JournalHeader, rows: readonly JournalResult[], ranking?: SweepRanking): SweepSummary {
  const best = bestConfig(rows, header.objective, header.direction);
  const whole = header.shard.count === 1;
  const ranked = ranking ?? rankSweep(rows, header.objective, header.direction);
  return {
    sweep: header.sweep,
    sweep_id: header.sweep_id,
    n_configs: rows.length,
    n_total: header.n_total,
    duplicates: header.duplicates,
    shard: whole ? null : `${header.shard.index}/${header.shard.count}`,
    partial_ranking: !whole,
    params: header.params,
    base_config_id: header.base_config_id,
    objective: { metric: header.objective, direction: header.direction },
    best: best === null ? null : { config_id: best.config_id, params: best.params, metrics: best.metrics },
    overfitting: best === null ? null : overfittingReport(best, rows),
    noise: ranked.noise,
    never_traded: rows.filter(isNeverTraded).map((r) => r.config_id),
    periods_per_year_mixed: periodsPerYearMix(rows.filter((r) => ranked.ranks.has(r.config_id)), header.objective),
    inert_params: inertSweptParams(header.params, rows),
  };
}
