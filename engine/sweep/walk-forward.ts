import { computeMetrics, type MetricField, type MetricsRecord } from '../metrics/compute-metrics.js';
import type { JournalResult } from './journal.js';
import { isNeverTraded } from './never-traded.js';
import { distinctPeriodsPerYear } from './periods-per-year-mix.js';

/** One walk-forward step: chosen on `in_sample`, scored on the following `out_of_sample` window. */
export interface WalkForwardFold {
  readonly in_sample: { readonly start_ts: number; readonly end_ts: number };
  readonly out_of_sample: { readonly start_ts: number; readonly end_ts: number };
  readonly chosen: string;
  readonly in_sample_value: number;
  readonly out_of_sample_value: number | null;
  /**
   * Rank of the chosen configuration among the configurations with a defined objective on the
   * out-of-sample window (1 = best; equal values by the smaller config id, as the rank column
   * ranks); null when its own value is undefined: no rank, not first.
   */
  readonly out_of_sample_rank: number | null;
  /** Configurations with a defined objective on the out-of-sample window: what out_of_sample_rank is out of. */
  readonly out_of_sample_ranked: number;
  /** Why out_of_sample_value is null (the metrics module's note, e.g. a flat window), else null. */
  readonly out_of_sample_note: string | null;
}

/** An in-sample window where no configuration could be chosen, so no fold follows it. */
export interface WalkForwardUnchosen {
  readonly in_sample: { readonly start_ts: number; readonly end_ts: number };
  /** Why none: how many configurations never traded, were flat there, or had the objective undefined there. */
  readonly reason: string;
}

/** Walk-forward evaluation of a sweep (null fields when undefined). */
export interface WalkForwardReport {
  readonly windows: number;
  readonly objective: string;
  readonly folds: readonly WalkForwardFold[];
  /** In-sample windows with no eligible configuration (in time order): their folds are left out. */
  readonly unchosen: readonly WalkForwardUnchosen[];
  /** Metrics of the chosen configurations' out-of-sample returns, stitched in time order. */
  readonly stitched: { readonly sharpe: number | null; readonly total_return: number | null; readonly max_drawdown: number | null };
  /** Why the evaluation could not run (e.g. curves on different time grids), else null. */
  readonly skipped: string | null;
}

function returnsOf(r: JournalResult): Float64Array {
  const e = r.curve.equity;
  const out = new Float64Array(e.length);
  let prev = r.metrics.initial_equity;
  for (let i = 0; i < e.length; i++) {
    out[i] = (e[i] as number) / prev - 1;
    prev = e[i] as number;
  }
  return out;
}

/** Returns why `objective` is null in `m`: the metrics module's own note, or a generic one. */
function undefinedNote(m: MetricsRecord | undefined, objective: MetricField): string {
  const own = m?.notes.find((n) => n.startsWith(`${objective}:`));
  return `${objective} is undefined on the out-of-sample window${own === undefined ? '' : ` (${own})`}, so the choice has no rank there`;
}

/**
 * Returns why one walk-forward cannot score the configurations with one periods per year, or
 * null when they share one: a window's objective would rank annualizations (the same returns
 * times another sqrt(N)), not returns, and the stitched out-of-sample Sharpe has one N.
 */
function mixedPeriodsPerYear(rows: readonly JournalResult[]): string | null {
  const values = distinctPeriodsPerYear(rows);
  if (values.length <= 1) return null;
  return `the configurations annualize with different periods per year (metrics.periods_per_year: ${values.join(', ')}), so each window's objective would compare annualizations, not returns; set metrics.periods_per_year in the base scenario rather than in the space`;
}

/**
 * Returns true when every return of the window is exactly 0: the equity never moved, so the book
 * held cash (or nothing it held was re-marked). As a configuration that never traded over the
 * run (never-traded.ts), it has a max drawdown, volatility and turnover of 0 there: a
 * scale-blind objective would choose it for doing nothing. Not "no fill in the window": a book
 * that holds its positions through a window without trading (a high reallocation threshold)
 * is exposed, and its figures there are real.
 */
export function isFlatWindow(returns: Float64Array): boolean {
  for (let i = 0; i < returns.length; i++) if (returns[i] !== 0) return false;
  return true;
}

/** Returns why no configuration is eligible on a window: the counts of those never traded, flat there, and with the objective undefined there. */
function noChoiceReason(idle: readonly boolean[], flat: readonly boolean[], objective: string): string {
  let never = 0;
  let flatHere = 0;
  for (let i = 0; i < idle.length; i++) {
    if (idle[i] === true) never++;
    else if (flat[i] === true) flatHere++;
  }
  const undef = idle.length - never - flatHere;
  const parts = [never > 0 ? `${never} never traded` : '', flatHere > 0 ? `${flatHere} flat there (equity unchanged)` : '', undef > 0 ? `${undef} with ${objective} undefined there` : ''].filter((p) => p !== '');
  return `no configuration is eligible on this window (${parts.join(', ')}), so none is chosen and its fold is left out`;
}

function sameGrid(rows: readonly JournalResult[]): boolean {
  const ts = rows[0]?.curve.ts ?? [];
  return rows.every((r) => r.curve.ts.length === ts.length && r.curve.ts.every((t, i) => t === ts[i]));
}

/**
 * Returns walk-forward results: each curve's returns (the first against the initial equity,
 * as runMetrics) are cut into `windows` equal windows; for window k = 0..K-2 the configuration
 * with the best `objective` on window k (ties by id) is scored on window k + 1, and ranked there
 * as the rank column ranks (equal values by the smaller config id). Configurations that never
 * traded (never-traded.ts) are neither chosen nor ranked, nor, on a window, those flat on it
 * (isFlatWindow): the chosen one keeps its own out-of-sample value even when flat there. A window
 * with no eligible configuration is listed in `unchosen`, with why. Rows must be sorted by id;
 * every curve must share one time grid and one periods per year (else it is skipped, with the reason).
 */
export function walkForward(rows: readonly JournalResult[], objective: MetricField, direction: 'maximize' | 'minimize', windows: number): WalkForwardReport {
  const empty = { sharpe: null, total_return: null, max_drawdown: null };
  const ts = rows[0]?.curve.ts ?? [];
  const T = ts.length;
  // no curve at all: every configuration failed, or the shard holds none (not a grid difference)
  if (rows.length === 0) return { windows, objective, folds: [], unchosen: [], stitched: empty, skipped: 'no configuration finished (every one failed, or this shard holds none)' };
  if (!sameGrid(rows)) return { windows, objective, folds: [], unchosen: [], stitched: empty, skipped: 'the configurations do not share one time grid (is time.start or time.end swept?)' };
  const mixed = mixedPeriodsPerYear(rows);
  if (mixed !== null) return { windows, objective, folds: [], unchosen: [], stitched: empty, skipped: mixed };
  if (T < 2 * windows) return { windows, objective, folds: [], unchosen: [], stitched: empty, skipped: `${T} points are fewer than 2 per window` };
  const ppy = rows[0]?.metrics.periods_per_year ?? 252;
  const idle = rows.map(isNeverTraded);
  const rets = rows.map(returnsOf);
  const bound = (k: number): number => Math.floor((k * T) / windows);
  const windowOf = (i: number, k: number): Float64Array => (rets[i] as Float64Array).subarray(bound(k), bound(k + 1));
  const metricsOn = (k: number): MetricsRecord[] => rets.map((_, i) => computeMetrics(windowOf(i, k), { periodsPerYear: ppy }));
  const flatOn = (k: number): boolean[] => rets.map((_, i) => isFlatWindow(windowOf(i, k)));
  // a configuration's objective on window k, or null when it is not eligible there (never traded, flat) or undefined
  const valuesOf = (ms: readonly MetricsRecord[], flat: readonly boolean[]): (number | null)[] => ms.map((m, i) => (idle[i] === true || flat[i] === true ? null : m[objective]));
  const better = (a: number, b: number): boolean => (direction === 'maximize' ? a > b : a < b);
  const folds: WalkForwardFold[] = [];
  const unchosen: WalkForwardUnchosen[] = [];
  const stitched: number[] = [];
  let metrics = metricsOn(0);
  let flat = flatOn(0);
  for (let k = 0; k + 1 < windows; k++) {
    const scores = valuesOf(metrics, flat);
    let pick = -1;
    scores.forEach((v, i) => {
      if (v !== null && (pick < 0 || better(v, scores[pick] as number))) pick = i;
    });
    const nextMetrics = metricsOn(k + 1);
    const nextFlat = flatOn(k + 1);
    const inSample = { start_ts: ts[bound(k)] as number, end_ts: ts[bound(k + 1) - 1] as number };
    if (pick < 0) {
      unchosen.push({ in_sample: inSample, reason: noChoiceReason(idle, flat, objective) });
      metrics = nextMetrics;
      flat = nextFlat;
      continue;
    }
    const next = valuesOf(nextMetrics, nextFlat);
    // the choice is scored on what it did out of sample, flat or not; the others rank only when eligible there
    const oos = (nextMetrics[pick] as MetricsRecord)[objective];
    // ties as the rank column breaks them: the smaller config id (rows are sorted by id) ranks first
    const rank = oos === null ? null : 1 + next.filter((v, i) => i !== pick && v !== null && (better(v, oos) || (v === oos && i < pick))).length;
    folds.push({
      in_sample: inSample,
      out_of_sample: { start_ts: ts[bound(k + 1)] as number, end_ts: ts[bound(k + 2) - 1] as number },
      chosen: (rows[pick] as JournalResult).config_id,
      in_sample_value: scores[pick] as number,
      out_of_sample_value: oos,
      out_of_sample_rank: rank,
      out_of_sample_ranked: next.filter((v, i) => v !== null || (i === pick && oos !== null)).length,
      out_of_sample_note: oos === null ? undefinedNote(nextMetrics[pick], objective) : null,
    });
    stitched.push(...(rets[pick] as Float64Array).subarray(bound(k + 1), bound(k + 2)));
    metrics = nextMetrics;
    flat = nextFlat;
  }
  const m = computeMetrics(Float64Array.from(stitched), { periodsPerYear: ppy });
  return { windows, objective, folds, unchosen, stitched: { sharpe: m.sharpe, total_return: m.total_return, max_drawdown: m.max_drawdown }, skipped: null };
}
