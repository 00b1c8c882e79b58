import { alignedReturns, type EquityCurve } from '../report/compare/aligned-returns.js';
import { BOOTSTRAP_STREAM, COMPARE_BOOTSTRAP_DEFAULTS } from '../report/compare/build-comparison.js';
import { sharpeDiffIntervals, type BootstrapSettings } from '../report/compare/sharpe-diff-interval.js';
import { defaultMeanBlock } from '../report/compare/stationary-bootstrap.js';
import type { JournalResult } from './journal.js';
import { isNeverTraded } from './never-traded.js';

/** How a configuration stands against the best (results.csv's vs_best; docs/sweeps.md). */
export type VsBest = 'best' | 'within_noise' | 'distinct' | 'untested' | 'n/a' | 'never_traded';

/** One configuration's verdict and the interval of its Sharpe minus the best's (null bounds when not bootstrapped). */
export interface NoiseVerdict {
  readonly vsBest: VsBest;
  readonly low: number | null;
  readonly high: number | null;
}

/** A configuration ranked after the best that the bootstrap gave no interval: its rank, id and why. */
export interface NoIntervalEntry {
  readonly rank: number;
  readonly config_id: string;
  readonly reason: string;
}

/** summary.json `noise`: which ranks are within noise of the best, and how that was tested. */
export interface NoiseReport {
  readonly objective: string;
  /** Why no rank was tested (an objective that is not a Sharpe ratio), else null. */
  readonly not_applicable: string | null;
  readonly method: string;
  readonly level: number;
  readonly seed: number;
  readonly resamples: number;
  /** The stationary bootstrap's mean block length (round(n^(1/3)) of the best's returns); null when nothing was drawn. */
  readonly mean_block: number | null;
  /** Configurations ranked after the best that were bootstrapped against it (at most NOISE_TESTED). */
  readonly tested: number;
  /** Ranks whose interval covers 0 (the best's rank 1 included): not distinguishable from the best. */
  readonly within_noise: readonly number[];
  /** Ranks whose interval excludes 0: distinguishable from the best. */
  readonly distinct: readonly number[];
  /** Configurations ranked below the tested ones: not bootstrapped. */
  readonly untested: number;
  readonly no_interval: readonly NoIntervalEntry[];
}

/** How many configurations ranked after the best are bootstrapped against it: the cost stays one draw of the stream plus this many pairs, whatever the sweep's size. */
export const NOISE_TESTED = 100;

/** An interval this close to 0 covers it: Sharpe differences of 1e-9 are the rounding of equal strategies, not skill. */
const SHARPE_EQUAL = 1e-9;

const METHOD = "paired stationary bootstrap (Politis-Romano) of the Sharpe difference to the best, percentile interval (bt compare's)";

function curveOf(r: JournalResult): EquityCurve {
  return { tsMs: Float64Array.from(r.curve.ts), equity: Float64Array.from(r.curve.equity), initialEquity: r.metrics.initial_equity };
}

/** Returns why the pair (best, r) has no Sharpe difference to bootstrap, or null when it has one. */
function pairObstacle(best: JournalResult, r: JournalResult, aligned: number): string | null {
  if (r.metrics.periods_per_year !== best.metrics.periods_per_year) return `periods_per_year ${r.metrics.periods_per_year}, the best's ${best.metrics.periods_per_year}: their Sharpe ratios are annualized differently`;
  if (aligned !== best.curve.ts.length || aligned !== r.curve.ts.length) return 'another time grid than the best (time.* swept?): their Sharpe ratios are of different periods';
  return null;
}

/**
 * Returns each ranked configuration's standing against the best (rank 1) and the summary of it.
 * With the objective `sharpe`, the NOISE_TESTED configurations ranked after the best are put
 * through bt compare's paired bootstrap of Sharpe(config) - Sharpe(best) (one stream, the same
 * draws for every pair, on the returns of their equity curves; COMPARE_BOOTSTRAP_DEFAULTS): an
 * interval that covers 0 is within noise, one that excludes it is distinct. Any other objective
 * has no paired bootstrap here: 'n/a', and the report says why. Rows sorted by id; `ranks` from
 * rankConfigs. Null report when nothing is ranked.
 */
export function noiseVsBest(rows: readonly JournalResult[], ranks: ReadonlyMap<string, number>, objective: string): { readonly verdicts: ReadonlyMap<string, NoiseVerdict>; readonly report: NoiseReport | null } {
  const verdicts = new Map<string, NoiseVerdict>();
  for (const r of rows) if (isNeverTraded(r)) verdicts.set(r.config_id, { vsBest: 'never_traded', low: null, high: null });
  const byRank = rows.filter((r) => ranks.has(r.config_id)).sort((a, b) => (ranks.get(a.config_id) as number) - (ranks.get(b.config_id) as number));
  const best = byRank[0];
  if (best === undefined) return { verdicts, report: null };
  verdicts.set(best.config_id, { vsBest: 'best', low: null, high: null });
  const { seed, resamples, level } = COMPARE_BOOTSTRAP_DEFAULTS;
  if (objective !== 'sharpe') {
    for (const r of byRank.slice(1)) verdicts.set(r.config_id, { vsBest: 'n/a', low: null, high: null });
    const why = `the paired bootstrap (bt compare's) tests a difference of Sharpe ratios, and ${objective} is not one: its ranks are not tested against noise (rank by sharpe to test them)`;
    return { verdicts, report: { objective, method: METHOD, level, seed, resamples, untested: 0, not_applicable: why, mean_block: null, tested: 0, within_noise: [], distinct: [], no_interval: [] } };
  }
  const tested = byRank.slice(1, 1 + NOISE_TESTED);
  const rest = byRank.slice(1 + NOISE_TESTED);
  for (const r of rest) verdicts.set(r.config_id, { vsBest: 'untested', low: null, high: null });
  const base = { objective, method: METHOD, level, seed, resamples, untested: rest.length };
  const bestCurve = curveOf(best);
  const noInterval: NoIntervalEntry[] = [];
  const pairs: { readonly r: JournalResult; readonly b: Float64Array }[] = [];
  let a: Float64Array = new Float64Array(0);
  for (const r of tested) {
    const al = alignedReturns(bestCurve, curveOf(r));
    const why = pairObstacle(best, r, al.a.length);
    if (why === null) {
      a = al.a;
      pairs.push({ r, b: al.b });
    } else {
      noInterval.push({ rank: ranks.get(r.config_id) as number, config_id: r.config_id, reason: why });
      verdicts.set(r.config_id, { vsBest: 'n/a', low: null, high: null });
    }
  }
  const meanBlock = defaultMeanBlock(a.length);
  const s: BootstrapSettings = { seed, resamples, meanBlock, level, periodsPerYear: best.metrics.periods_per_year };
  const intervals = pairs.length === 0 ? [] : sharpeDiffIntervals(a, pairs.map((p) => p.b), s, BOOTSTRAP_STREAM);
  const within = [1];
  const distinct: number[] = [];
  pairs.forEach(({ r }, k) => {
    const iv = intervals[k];
    const rank = ranks.get(r.config_id) as number;
    if (iv === undefined || iv.low === null || iv.high === null) {
      noInterval.push({ rank, config_id: r.config_id, reason: `${iv?.valid ?? 0} of ${resamples} resamples had a defined difference, fewer than half` });
      verdicts.set(r.config_id, { vsBest: 'n/a', low: null, high: null });
      return;
    }
    const apart = iv.high < -SHARPE_EQUAL || iv.low > SHARPE_EQUAL;
    (apart ? distinct : within).push(rank);
    verdicts.set(r.config_id, { vsBest: apart ? 'distinct' : 'within_noise', low: iv.low, high: iv.high });
  });
  noInterval.sort((x, y) => x.rank - y.rank);
  return { verdicts, report: { ...base, not_applicable: null, mean_block: pairs.length === 0 ? null : meanBlock, tested: tested.length, within_noise: within.sort((x, y) => x - y), distinct: distinct.sort((x, y) => x - y), no_interval: noInterval } };
}
