import { strategyCvar } from '../modules/cvar/strategy-cvar.js';
import { median, rmsOf } from './starter-thresholds.js';

/*
 * risk-penalized's two penalty slopes and the CVaR window `bt init` writes, from the same no-edge
 * model as the kill thresholds (starter-thresholds.ts): an agent calling a random direction has
 * pnl +-r per outcome, r a close-to-close return over the horizon, uncorrelated.
 *
 * risk-penalized scales an agent's quality by max(DD_FACTOR_FLOOR, 1 + max_drawdown_bps x
 * dd_penalty_k) and by max(CVAR_FACTOR_FLOOR, 1 + class CVaR x cvar_penalty_k). The seeds'
 * slopes (0.01, 0.015 per bps) floor both from a -60 / -50 bps figure, sized for 24 h moves: on
 * larger moves every agent sits at the floor after its first loss and the factors say nothing
 * (the quickstart before its hand calibration). So each slope puts a no-edge agent's (class's)
 * figure halfway between 1 and the floor, as the quickstart's hand calibration did
 * (test/reference/quickstart_calibration.py), leaving room to fall and to rise:
 * - dd_penalty_k: the expected whole-run max drawdown of a driftless walk of n steps of rms sigma
 *   is sqrt(pi / 2) sigma sqrt(n) (the drawdown of Brownian motion), n the median findings per
 *   agent (max_drawdown_bps is over an agent's whole history, as kill.retire_drawdown_bps).
 * - cvar_penalty_k: a no-edge class's gap (realized - expected; the expectation, 10 bps x score
 *   by default, is small against the moves and left out) is +-r, so its CVaR is the CVaR
 *   (cvar.level, bt's definition: strategy-cvar.ts) of every return and its negative.
 * - cvar.window_days: a class has a CVaR once its window holds cvar.min_n outcomes; the window
 *   holds WINDOW_MIN_N_MULTIPLE x min_n at the median class's rate of findings over the run, so a
 *   slower class has one too, never shorter than the seed's 30 days.
 */

/** risk-penalized's drawdown factor floor (seed 001 compute_weights: max(0.4, 1 + dd x k)). */
export const DD_FACTOR_FLOOR = 0.4;
/** risk-penalized's CVaR factor floor (seed 001 compute_weights: max(0.25, 1 + cvar x k)). */
export const CVAR_FACTOR_FLOOR = 0.25;
/** The no-edge figure's place between the floor and 1: halfway. */
export const NO_EDGE_FACTOR_SHARE = 0.5;
/** E[max drawdown] of a driftless walk, in units of sigma sqrt(n): sqrt(pi / 2). */
export const DRIFTLESS_DRAWDOWN_SD = Math.sqrt(Math.PI / 2);
/** The window holds this many times cvar.min_n outcomes of the median class. */
export const WINDOW_MIN_N_MULTIPLE = 2;
/** Significant digits of the slopes written (the quickstart's 0.0000067, 0.000083). */
export const SLOPE_DIGITS = 2;
/** The seeds' values, kept when there is nothing to size on. */
export const SEED_STARTER_PENALTIES = { ddPenaltyK: 0.01, cvarPenaltyK: 0.015, cvarWindowDays: 30 } as const;

const DAY_MS = 86_400_000;

/** What the rule reads. */
export interface StarterPenaltyInput {
  /** Every close-to-close return over the horizon, bps, signed (starterHorizonReturns). */
  readonly returnsBps: Float64Array;
  /** Median findings per agent: the outcomes of a median agent's whole run. */
  readonly outcomesPerAgent: number;
  /** Time of each finding, ms since the epoch. */
  readonly findingTsMs: Float64Array;
  /** Strategy class of each finding's agent (any integer id; the class bt run gives it). */
  readonly findingClass: Int32Array;
  /** cvar.level, in (0.5, 1). */
  readonly cvarLevel: number;
  /** cvar.min_n: the fewest outcomes a class's CVaR is computed on. */
  readonly cvarMinN: number;
}

/** The penalty settings and the figures behind them (written as comments beside them). */
export interface StarterPenalties {
  /** rms of the returns, bps; NaN without returns. */
  readonly rmsReturnBps: number;
  /** sqrt(pi / 2) x rms x sqrt(outcomesPerAgent), bps, > 0; NaN unless sized. */
  readonly noEdgeDrawdownBps: number;
  /** (1 - floor) x share / noEdgeDrawdownBps, unrounded; NaN unless sized. */
  readonly ddPenaltyKExact: number;
  /** allocator.params.dd_penalty_k: ddPenaltyKExact to SLOPE_DIGITS significant digits (seed 0.01 unless sized). */
  readonly ddPenaltyK: number;
  /** CVaR (cvar.level) of every return and its negative, bps, < 0; NaN unless sized. */
  readonly noEdgeCvarBps: number;
  readonly cvarPenaltyKExact: number;
  /** allocator.params.cvar_penalty_k, as ddPenaltyK (seed 0.015 unless sized). */
  readonly cvarPenaltyK: number;
  /** Classes with findings, and the median count of findings per class. */
  readonly classes: number;
  readonly findingsPerClass: number;
  /** Days from the first finding to the last; 0 without two distinct times. */
  readonly spanDays: number;
  /** WINDOW_MIN_N_MULTIPLE x min_n x spanDays / findingsPerClass, unrounded; NaN unless sized. */
  readonly windowDaysExact: number;
  /** cvar.window_days: max(30, ceil(windowDaysExact)) (seed 30 unless sized). */
  readonly cvarWindowDays: number;
}

/** Returns x to SLOPE_DIGITS significant digits. */
function slope(x: number): number {
  return Number(x.toPrecision(SLOPE_DIGITS));
}

/** Returns the CVaR window the median class fills to WINDOW_MIN_N_MULTIPLE x min_n, and its figures. */
function windowDays(input: StarterPenaltyInput): Pick<StarterPenalties, 'classes' | 'findingsPerClass' | 'spanDays' | 'windowDaysExact' | 'cvarWindowDays'> {
  const counts = new Map<number, number>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < input.findingClass.length; i++) {
    const c = input.findingClass[i] as number;
    counts.set(c, (counts.get(c) ?? 0) + 1);
    const t = input.findingTsMs[i] as number;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const findingsPerClass = counts.size === 0 ? 0 : median([...counts.values()]);
  const spanDays = counts.size === 0 ? 0 : (last - first) / DAY_MS;
  if (!(spanDays > 0)) return { classes: counts.size, findingsPerClass, spanDays, windowDaysExact: Number.NaN, cvarWindowDays: SEED_STARTER_PENALTIES.cvarWindowDays };
  const exact = (WINDOW_MIN_N_MULTIPLE * input.cvarMinN * spanDays) / findingsPerClass;
  return { classes: counts.size, findingsPerClass, spanDays, windowDaysExact: exact, cvarWindowDays: Math.max(SEED_STARTER_PENALTIES.cvarWindowDays, Math.ceil(exact)) };
}

/**
 * Returns the starter scenario's dd_penalty_k, cvar_penalty_k and cvar.window_days for these
 * moves and findings (the rule in the header; README "bt init"). Without a move, the slopes stay
 * the seeds'; without two finding times, the window does.
 */
export function calibrateStarterPenalties(input: StarterPenaltyInput): StarterPenalties {
  const r = input.returnsBps;
  const rms = rmsOf(r);
  const window = windowDays(input);
  const half = NO_EDGE_FACTOR_SHARE;
  const drawdown = DRIFTLESS_DRAWDOWN_SD * rms * Math.sqrt(input.outcomesPerAgent);
  const ddSized = drawdown > 0;
  // the no-edge class's gaps: every return and its negative (symmetric, whatever the drift of the prices)
  const both = new Float64Array(2 * r.length);
  for (let i = 0; i < r.length; i++) {
    both[2 * i] = r[i] as number;
    both[2 * i + 1] = -(r[i] as number);
  }
  const cvar = r.length > 0 ? (strategyCvar(both, Int32Array.of(0, both.length), input.cvarLevel, 1).cvarBps[0] as number) : Number.NaN;
  const cvarSized = cvar < 0;
  const ddExact = ddSized ? ((1 - DD_FACTOR_FLOOR) * half) / drawdown : Number.NaN;
  const cvarExact = cvarSized ? ((1 - CVAR_FACTOR_FLOOR) * half) / -cvar : Number.NaN;
  return {
    rmsReturnBps: rms,
    noEdgeDrawdownBps: ddSized ? drawdown : Number.NaN,
    ddPenaltyKExact: ddExact,
    ddPenaltyK: ddSized ? slope(ddExact) : SEED_STARTER_PENALTIES.ddPenaltyK,
    noEdgeCvarBps: cvarSized ? cvar : Number.NaN,
    cvarPenaltyKExact: cvarExact,
    cvarPenaltyK: cvarSized ? slope(cvarExact) : SEED_STARTER_PENALTIES.cvarPenaltyK,
    ...window,
  };
}
