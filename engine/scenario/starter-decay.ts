import { quantileType7 } from '../metrics/var-cvar.js';
import { portablePow } from '../core/portable-pow.js';

/*
 * The decay settings and promotion gates `bt init` writes, from the same no-edge model as the
 * kill thresholds (starter-thresholds.ts): an agent that calls a random direction, whose every
 * outcome misses by |r|, r a close-to-close return over the horizon, and loses half the time.
 * (Its expected_pnl_bps, 10 bps x score by default, is small against the moves and left out.)
 *
 * Decay (docs/modules/decay.md): each outcome of error x costs penalty_cap x x / (x + K) of
 * the multiplier (x loss_amplifier on a loss), weighted 2^(-age / half_life). Summed over the
 * outcomes, the product of these costs is what the multiplier ends at; the seeds' K (50 bps) and
 * half-life (80) make it pin the floor on any moves larger than the seeds' 24 h ones (Q003-2).
 * So the two are sized together:
 * - half_life_signals = the judged window / HALF_LIVES_PER_WINDOW: the multiplier forgets what
 *   the kill and promotion rules (stats.lookback_outcomes) forget.
 * - loss_k_bps = the K at which a no-edge agent's multiplier, after the outcomes a median agent
 *   has (at most limit_rows), is NO_EDGE_MULTIPLIER: the product over ages of
 *   1 - w(age) x E[penalty], E over the |r| of the prices and a loss half the time.
 * - stability_good_err_bps = the STABILITY_QUANTILE quantile of |r|.
 *
 * Promotion: errors are market moves, whatever the skill, so error-based gates (error rate,
 * avg_abs_error_bps, and avg_pnl_error_bps beyond the pnl it holds) cannot tell skill from luck;
 * only the pnl gates can. min_pnl_sum_bps sits PROMOTE_SD sd of a no-edge agent's window sum
 * above 0 (a no-edge agent passes it at one look with probability FALSE_PROMOTION_RATE); the
 * others are set not to block.
 */

/**
 * The no-edge agent's multiplier, as a fraction of the floor-to-1 span in log terms: 1/2, i.e.
 * sqrt(floor) (0.707 at floor 0.5). Halfway between the floor and the neutral 1 leaves an
 * agent doing worse than noise (more losses, larger misses) as much room to fall as one doing
 * better has to rise; the quickstart's hand calibration put a no-edge agent at 0.6-0.71.
 */
export const NO_EDGE_LOG_SHARE = 0.5;
/** The judged window holds this many half-lives: an outcome leaving it weighs 1/16 (the quickstart: 72 outcomes, half-life 18). */
export const HALF_LIVES_PER_WINDOW = 4;
/**
 * The quantile of |r| at or below which a profitable outcome is "good". The seed's 30 bps is
 * 0.6 of its typical 24 h miss (loss_k_bps 50, "about one 24 h miss"); for normal moves 0.6
 * median |r| is the 0.31 quantile of |r|.
 */
export const STABILITY_QUANTILE = 0.3;
/** Standard deviations of a no-edge agent's window pnl sum that min_pnl_sum_bps asks for. */
export const PROMOTE_SD = 3;
/** P(Z > PROMOTE_SD) for a standard normal: the share of looks at which a no-edge agent's window sum passes min_pnl_sum_bps. */
export const FALSE_PROMOTION_RATE = 0.0013498980316301;

/** The seed decay settings and promotion gates (003), kept when there is nothing to size on. */
export const SEED_STARTER_DECAY = { halfLifeSignals: 80, lossKBps: 50, stabilityGoodErrBps: 30 } as const;
export const SEED_STARTER_PROMOTION = { minPnlSumBps: 150, minHitRate: 0.55, maxErrorRate: 0, maxAvgAbsErrorBps: 60, minAvgPnlErrorBps: -20 } as const;

/** What the rule reads: the moves, the agents' outcome counts and the decay's fixed tunables. */
export interface StarterDecayInput {
  /** |close-to-close return over the horizon| of every return of the prices, bps (starterHorizonReturns). */
  readonly absReturnsBps: Float64Array;
  /** The outcomes an agent's judged window holds: min(stats.lookback_outcomes, median findings per agent). */
  readonly windowOutcomes: number;
  /** Median findings per agent: the outcomes a median agent has at the end of the run. */
  readonly outcomesPerAgent: number;
  /** kill.kill_error_rate the starter writes (the error-rate gate stops where the kill starts). */
  readonly killErrorRate: number;
  /** decay.floor, in (0, 1]. */
  readonly floor: number;
  /** decay.penalty_cap, in [0, 1). */
  readonly penaltyCap: number;
  /** decay.loss_amplifier, >= 1. */
  readonly lossAmplifier: number;
  /** decay.limit_rows: the most outcomes per agent the decay reads. */
  readonly limitRows: number;
}

/** Why the decay settings are what they are. */
export type StarterDecaySource = 'sized' | 'no-moves' | 'no-outcomes' | 'too-few-outcomes';

/** The decay settings and promotion gates, and the figures behind them (written as comments beside them). */
export interface StarterDecay {
  readonly source: StarterDecaySource;
  /** Outcomes summed for a median agent: min(limit_rows, floor(outcomesPerAgent)). */
  readonly decayOutcomes: number;
  /** The multiplier a no-edge agent ends at: floor^NO_EDGE_LOG_SHARE. */
  readonly targetMultiplier: number;
  /** decay.half_life_signals: round(windowOutcomes / HALF_LIVES_PER_WINDOW), >= 1 (seed 80 unless sized). */
  readonly halfLifeSignals: number;
  /** The K (bps) that puts a no-edge agent at targetMultiplier, unrounded; NaN unless sized. */
  readonly lossKExactBps: number;
  /** decay.loss_k_bps: lossKExactBps rounded to whole bps, >= 1 (seed 50 unless sized). */
  readonly lossKBps: number;
  /** Mean |r| over the prices, bps; NaN without returns. */
  readonly meanAbsReturnBps: number;
  /** Median |r| over the prices, bps; NaN without returns. */
  readonly medianAbsReturnBps: number;
  /** Largest |r| over the prices, bps; NaN without returns. */
  readonly maxAbsReturnBps: number;
  /** STABILITY_QUANTILE quantile of |r| (R type 7), bps; NaN without returns. */
  readonly goodErrQuantileBps: number;
  /** decay.stability_good_err_bps: goodErrQuantileBps rounded, >= 1 (seed 30 without returns). */
  readonly stabilityGoodErrBps: number;
  /** promotion.min_pnl_sum_bps: PROMOTE_SD x rms(r) x sqrt(windowOutcomes), whole bps (seed 150 without returns). */
  readonly minPnlSumBps: number;
  /** promotion.min_hit_rate, fraction in [0, 1]: 0.5, right more often than wrong (seed 0.55 without returns). */
  readonly minHitRate: number;
  /** promotion.max_error_rate, fraction in [0, 1]: the kill's rate, not a gate below it (seed 0 without returns). */
  readonly maxErrorRate: number;
  /** promotion.max_avg_abs_error_bps: 2 x the largest |r|, rounded up, which no average miss reaches (seed 60 without returns). */
  readonly maxAvgAbsErrorBps: number;
  /** promotion.min_avg_pnl_error_bps: -maxAvgAbsErrorBps (seed -20 without returns). */
  readonly minAvgPnlErrorBps: number;
}

/** Returns the mean of x / (x + k) over the moves (k > 0; 0 moves cost nothing), in index order. */
function meanPenaltyShare(absReturnsBps: Float64Array, k: number): number {
  let sum = 0;
  for (const x of absReturnsBps) sum += x > 0 ? x / (x + k) : 0;
  return sum / absReturnsBps.length;
}

/**
 * Returns ln of the multiplier a no-edge agent ends at after `outcomes` outcomes, each costing
 * `penalty` (the expected one) at weight 2^(-age / halfLife): sum over ages of ln(1 - w penalty).
 */
export function noEdgeLogMultiplier(penalty: number, halfLifeSignals: number, outcomes: number): number {
  const lam = Math.LN2 / Math.max(halfLifeSignals, 1);
  let sum = 0;
  for (let age = 0; age < outcomes; age++) sum += Math.log(1 - penalty * Math.exp(-lam * age));
  return sum;
}

/** Returns the expected penalty of one outcome at weight 1: penalty_cap x E[x / (x + K)] x (1 + loss_amplifier) / 2. */
export function expectedPenalty(input: StarterDecayInput, k: number): number {
  return input.penaltyCap * meanPenaltyShare(input.absReturnsBps, k) * ((1 + input.lossAmplifier) / 2);
}

/** Returns the K (bps) at which noEdgeLogMultiplier is ln(target), by bisection (NaN when even K = 0 leaves the agent above the target). */
function solveLossK(input: StarterDecayInput, halfLife: number, outcomes: number, target: number): number {
  const logTarget = Math.log(target);
  const at = (k: number): number => noEdgeLogMultiplier(expectedPenalty(input, k), halfLife, outcomes);
  // K = 0: every move costs the whole cap; if that does not reach the target, nothing does
  const share0 = input.absReturnsBps.reduce((n, x) => n + (x > 0 ? 1 : 0), 0) / input.absReturnsBps.length;
  if (noEdgeLogMultiplier(input.penaltyCap * share0 * ((1 + input.lossAmplifier) / 2), halfLife, outcomes) >= logTarget) return Number.NaN;
  let lo = 0;
  let hi = 1;
  while (at(hi) < logTarget) hi *= 2; // the log multiplier rises to 0 as K grows
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (at(mid) < logTarget) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Returns the starter scenario's decay settings and promotion gates for these moves (the rule in
 * the header; README "bt init"). Without moves or outcomes there is nothing to size on, and
 * the seed values are kept.
 */
export function calibrateStarterDecay(input: StarterDecayInput): StarterDecay {
  const r = input.absReturnsBps;
  const decayOutcomes = Math.min(input.limitRows, Math.floor(input.outcomesPerAgent));
  const targetMultiplier = portablePow(input.floor, NO_EDGE_LOG_SHARE);
  let sumSq = 0;
  let sum = 0;
  let max = 0;
  for (const x of r) {
    sum += x;
    sumSq += x * x;
    if (x > max) max = x;
  }
  const moved = r.length > 0 && max > 0;
  const figures = {
    decayOutcomes,
    targetMultiplier,
    meanAbsReturnBps: r.length > 0 ? sum / r.length : Number.NaN,
    medianAbsReturnBps: quantileType7(r, 0.5),
    maxAbsReturnBps: r.length > 0 ? max : Number.NaN,
    goodErrQuantileBps: quantileType7(r, STABILITY_QUANTILE),
  };
  const seedDecay = { halfLifeSignals: SEED_STARTER_DECAY.halfLifeSignals, lossKExactBps: Number.NaN, lossKBps: SEED_STARTER_DECAY.lossKBps };
  if (!moved) {
    return { source: 'no-moves', ...figures, ...seedDecay, stabilityGoodErrBps: SEED_STARTER_DECAY.stabilityGoodErrBps, ...SEED_STARTER_PROMOTION };
  }
  const nonBlocking = Math.ceil(2 * max);
  const promotion = {
    minPnlSumBps: Math.round(PROMOTE_SD * Math.sqrt(sumSq / r.length) * Math.sqrt(input.windowOutcomes)),
    minHitRate: 0.5,
    maxErrorRate: input.killErrorRate,
    maxAvgAbsErrorBps: nonBlocking,
    minAvgPnlErrorBps: -nonBlocking,
  };
  const stabilityGoodErrBps = Math.max(1, Math.round(figures.goodErrQuantileBps));
  if (input.windowOutcomes < 1 || decayOutcomes < 1) return { source: 'no-outcomes', ...figures, ...seedDecay, stabilityGoodErrBps, ...promotion };
  const halfLifeSignals = Math.max(1, Math.round(input.windowOutcomes / HALF_LIVES_PER_WINDOW));
  const k = solveLossK(input, halfLifeSignals, decayOutcomes, targetMultiplier);
  if (!(k === k)) return { source: 'too-few-outcomes', ...figures, ...seedDecay, stabilityGoodErrBps, ...promotion };
  return { source: 'sized', ...figures, halfLifeSignals, lossKExactBps: k, lossKBps: Math.max(1, Math.round(k)), stabilityGoodErrBps, ...promotion };
}
