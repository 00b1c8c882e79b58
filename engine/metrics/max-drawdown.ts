import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/** The deepest drawdown of compounded wealth starting at 1, with where it happened (0-based period indices). */
export interface DrawdownDetail {
  /** Max drawdown as a positive fraction of the prior peak, 1 - W_t / max(1, W_0..W_t); 0 when wealth never falls. */
  readonly maxDrawdown: number;
  /** Period whose close set the peak before the deepest drawdown; -1 = the initial wealth of 1. Null when no drawdown. */
  readonly peakIndex: number | null;
  /** First period under water in that drawdown (peakIndex + 1). Null when no drawdown. */
  readonly startIndex: number | null;
  /** Period of the lowest wealth relative to the peak (first one on ties). Null when no drawdown. */
  readonly troughIndex: number | null;
  /** First period after the trough whose wealth is back at or above the peak; null when not recovered. */
  readonly recoveryIndex: number | null;
  /** Longest run of consecutive periods under water (any drawdown, recovered or not), in periods. */
  readonly longestDurationPeriods: number;
}

const SCALE_EXP = 900;
const BIG = 2 ** SCALE_EXP;
const SMALL = 2 ** -SCALE_EXP; // the peak never falls below 1, so only large wealth needs rescaling

/**
 * Returns the maximum drawdown and its peak, start, trough and recovery indices, from the
 * wealth path W_t = prod(1 + r_1..r_t), peak = cummax(c(1, W)) (PerformanceAnalytics
 * `Drawdowns(geometric=TRUE)` / `maxDrawdown`, which returns it positive; empyrical's
 * `max_drawdown` is the same number negated). Duration counts under-water periods; PA's
 * `findDrawdowns` length counts one more (it includes the recovery period).
 */
export function drawdownDetail(returns: Float64Array): DrawdownDetail {
  let w = 1;
  let peak = 1;
  let peakAt = -1;
  let worst = 0;
  let worstPeakAt = -1;
  let troughAt = -1;
  let recoveryAt: number | null = null;
  let pendingRecovery = false;
  let run = 0;
  let longest = 0;
  for (let i = 0; i < returns.length; i++) {
    w *= 1 + (returns[i] as number);
    if (w >= peak) {
      // Back at (or above) the peak: this ends the episode holding the deepest trough so far.
      if (pendingRecovery) {
        recoveryAt = i;
        pendingRecovery = false;
      }
      peak = w;
      peakAt = i;
      run = 0;
    } else {
      run += 1;
      if (run > longest) longest = run;
      const dd = w / peak - 1;
      if (dd < worst) {
        worst = dd;
        worstPeakAt = peakAt;
        troughAt = i;
        recoveryAt = null;
        pendingRecovery = true;
      }
    }
    // Exact power-of-two rescaling of both W and the peak keeps W / peak bit-identical.
    if (peak > BIG) {
      w *= SMALL;
      peak *= SMALL;
    }
  }
  if (troughAt < 0) {
    return { maxDrawdown: 0, peakIndex: null, startIndex: null, troughIndex: null, recoveryIndex: null, longestDurationPeriods: longest };
  }
  return {
    maxDrawdown: -worst,
    peakIndex: worstPeakAt,
    startIndex: worstPeakAt + 1,
    troughIndex: troughAt,
    recoveryIndex: recoveryAt,
    longestDurationPeriods: longest,
  };
}

/**
 * Returns the maximum drawdown as a positive fraction (PerformanceAnalytics `maxDrawdown`),
 * or negative with `sign: 'negative'` (empyrical `max_drawdown`).
 */
export function maxDrawdown(returns: Float64Array, sign: DrawdownSign = 'positive', detail: DrawdownDetail = drawdownDetail(returns)): MetricResult {
  if (returns.length === 0) return undefinedMetric('no periods');
  const v = sign === 'positive' ? detail.maxDrawdown : -detail.maxDrawdown;
  return defined(v === 0 ? 0 : v, detail.maxDrawdown === 0 ? 'no drawdown: wealth never fell below its running peak' : undefined);
}

/** Sign convention of max_drawdown: 'positive' (PerformanceAnalytics, default) or 'negative' (empyrical). */
export const DRAWDOWN_SIGNS = ['positive', 'negative'] as const;
export type DrawdownSign = (typeof DRAWDOWN_SIGNS)[number];
