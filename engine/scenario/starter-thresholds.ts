import { quantileType7 } from '../metrics/var-cvar.js';

/*
 * The kill and retirement thresholds `bt init` writes, from the user's own files.
 *
 * The seeds' constants (reconcile.error_abs_bps 200, kill.retire_pnl_sum_bps -200,
 * kill.retire_drawdown_bps -500) are sized for 24 h calls on the seeds' desk; on other
 * horizons or prices they judge market noise, and a starter run retired or killed every agent
 * within weeks. Here each threshold is sized from what an agent with NO edge would see on
 * these prices: it calls a random direction, so its pnl per outcome is +-r with r a
 * close-to-close return over the horizon (mean 0, standard deviation rms(r)), and its outcomes
 * are uncorrelated (independent signs), so a sum of n of them has standard deviation
 * rms(r) sqrt(n). A threshold sits RETIRE_SD standard deviations from what such an agent
 * shows, where it seldom goes: an agent beyond it has shown more than noise. Its error count
 * (misses above the ERROR_QUANTILE quantile of |r|) is binomial, with rate 1 - ERROR_QUANTILE.
 * Checked at every tick over a sliding window, a rule needs that wide a margin.
 * The decay settings and promotion gates follow from the same model: starter-decay.ts.
 */

/** The seeds' horizon (hours), used when neither the findings nor the prices give one. */
export const SEED_HORIZON_HOURS = 24;
/** The quantile of |return over the horizon| above which a miss counts as an error (reconcile.error_abs_bps). */
export const ERROR_QUANTILE = 0.95;
/** Standard deviations of a no-edge agent's pnl sum (window) or run (drawdown) that retire an agent. */
export const RETIRE_SD = 3;
/** The seed's kill.kill_error_rate, used when there is nothing to size on. */
export const SEED_KILL_ERROR_RATE = 0.15;

/** What the calibration reads: the prices and findings as plain columns. */
export interface StarterCalibrationInput {
  /** Close time of each price row, ms since the epoch. */
  readonly priceTsMs: Float64Array;
  /** Symbol code of each price row (any integer id). */
  readonly priceSymbol: Int32Array;
  /** Close of each price row, > 0. */
  readonly close: Float64Array;
  /** horizon_hours of each finding; NaN where null. */
  readonly findingHorizonHours: Float64Array;
  /** Agent code of each finding (any integer id). */
  readonly findingAgent: Int32Array;
  /** stats.lookback_outcomes of the scenario: the most outcomes an agent's rolling window holds. */
  readonly lookbackOutcomes: number;
  /** kill.retire_min_outcomes of the scenario: the fewest outcomes an agent is judged on. */
  readonly minOutcomes: number;
}

/** Where the horizon came from. */
export type HorizonSource = 'findings' | 'prices' | 'seed';

/** The thresholds and the figures they were computed from (written as comments beside them). */
export interface StarterThresholds {
  readonly horizonHours: number;
  readonly horizonSource: HorizonSource;
  /** Close-to-close returns over the horizon the figures are taken on (0: the seed thresholds apply). */
  readonly nReturns: number;
  /** ERROR_QUANTILE quantile of |return over the horizon|, in bps (R type 7 / numpy linear); NaN without returns. */
  readonly absReturnQuantileBps: number;
  /** Root mean square of the returns over the horizon, in bps: a no-edge agent's pnl sd per outcome; NaN without returns. */
  readonly rmsReturnBps: number;
  /** Median count of findings per agent: the outcomes an agent has over the run. */
  readonly outcomesPerAgent: number;
  /** min(lookbackOutcomes, outcomesPerAgent): the outcomes an agent's rolling window holds at most. */
  readonly windowOutcomes: number;
  /** The fewest outcomes an agent is judged on (kill.retire_min_outcomes, as given). */
  readonly minOutcomes: number;
  /** reconcile.error_abs_bps: absReturnQuantileBps rounded to whole bps (seed 200 without returns). */
  readonly errorAbsBps: number;
  /** kill.retire_pnl_sum_bps: -RETIRE_SD x rms x sqrt(windowOutcomes), whole bps (seed -200 without returns). */
  readonly retirePnlSumBps: number;
  /** kill.retire_drawdown_bps: -RETIRE_SD x rms x sqrt(outcomesPerAgent), whole bps (seed -500 without returns). */
  readonly retireDrawdownBps: number;
  /**
   * kill.kill_error_rate, fraction in [0, 1]: a no-edge agent errs on a share 1 - ERROR_QUANTILE of
   * its outcomes; KILL above that share + RETIRE_SD binomial sd at minOutcomes outcomes, rounded up
   * to whole percent (seed 0.15 without returns).
   */
  readonly killErrorRate: number;
}

/** The median of `xs` (the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 === 1 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
}

/** Returns the price rows' indices per symbol (symbols ascending), each in time order (ties by row). */
function rowsBySymbol(input: StarterCalibrationInput): number[][] {
  const order = Array.from(input.priceTsMs, (_, i) => i);
  order.sort((a, b) => (input.priceSymbol[a] as number) - (input.priceSymbol[b] as number) || (input.priceTsMs[a] as number) - (input.priceTsMs[b] as number) || a - b);
  const groups: number[][] = [];
  let prev = Number.NaN;
  for (const i of order) {
    const s = input.priceSymbol[i] as number;
    if (s !== prev) groups.push([]);
    (groups[groups.length - 1] as number[]).push(i);
    prev = s;
  }
  return groups;
}

/**
 * Closes of the prices' median spacing in the horizon bt init gives findings that carry none. A
 * call is filled at the first close after the tick that sees it, up to a bar of ticks and a bar
 * of closes after it was made; at one bar it is reconciled before the book holds it (bt run's
 * fill-lag note counted 100 % of a daily desk's calls), at three the book holds it for a bar at
 * least before it is judged.
 */
export const HORIZON_BARS = 3;

/** Returns the horizon in hours: the findings' median horizon_hours, else HORIZON_BARS x the median spacing of a symbol's closes, else the seed's 24. */
function chooseHorizon(input: StarterCalibrationInput, groups: readonly (readonly number[])[]): { hours: number; source: HorizonSource } {
  const given = Array.from(input.findingHorizonHours).filter((h) => Number.isFinite(h) && h > 0);
  if (given.length > 0) return { hours: median(given), source: 'findings' };
  const gaps: number[] = [];
  for (const g of groups) for (let k = 1; k < g.length; k++) {
    const gap = (input.priceTsMs[g[k] as number] as number) - (input.priceTsMs[g[k - 1] as number] as number);
    if (gap > 0) gaps.push(gap / 3_600_000);
  }
  return gaps.length > 0 ? { hours: HORIZON_BARS * median(gaps), source: 'prices' } : { hours: SEED_HORIZON_HOURS, source: 'seed' };
}

/**
 * Returns every close-to-close return over `horizonMs`, in bps, as the engine reconciles a call
 * made at a close: from the close at t to the last close of the symbol at or before t + horizon,
 * for each close whose t + horizon is within the symbol's prices (0 where no close falls between).
 */
export function horizonReturnsBps(input: StarterCalibrationInput, groups: readonly (readonly number[])[], horizonMs: number): Float64Array {
  const out: number[] = [];
  for (const g of groups) {
    const lastTs = input.priceTsMs[g[g.length - 1] as number] as number;
    let j = 0;
    for (let k = 0; k < g.length; k++) {
      const t = input.priceTsMs[g[k] as number] as number;
      if (t + horizonMs > lastTs) break;
      if (j < k) j = k;
      while (j + 1 < g.length && (input.priceTsMs[g[j + 1] as number] as number) <= t + horizonMs) j++;
      out.push(((input.close[g[j] as number] as number) / (input.close[g[k] as number] as number) - 1) * 1e4);
    }
  }
  return Float64Array.from(out);
}

/** Returns the horizon the starter is sized on and every close-to-close return over it, in bps (horizonReturnsBps). */
export function starterHorizonReturns(input: StarterCalibrationInput): { horizon: { hours: number; source: HorizonSource }; returns: Float64Array } {
  const groups = rowsBySymbol(input);
  const horizon = chooseHorizon(input, groups);
  return { horizon, returns: horizonReturnsBps(input, groups, horizon.hours * 3_600_000) };
}

/** Returns the median count of findings per agent (agents with at least one finding); 0 without findings. */
function medianOutcomesPerAgent(agent: Int32Array): number {
  const counts = new Map<number, number>();
  for (const a of agent) counts.set(a, (counts.get(a) ?? 0) + 1);
  return counts.size === 0 ? 0 : median([...counts.values()]);
}

/** The root mean square of `returns` (the no-edge agent's per-outcome sd: its pnl is +-return), summed in order; NaN for none. */
export function rmsOf(returns: ArrayLike<number>): number {
  let sumSq = 0;
  for (let i = 0; i < returns.length; i++) sumSq += (returns[i] as number) * (returns[i] as number);
  return returns.length > 0 ? Math.sqrt(sumSq / returns.length) : Number.NaN;
}

/** Returns the error rate a no-edge agent exceeds by RETIRE_SD binomial sd on `minOutcomes` outcomes, rounded up to whole percent, at most 1. */
export function killErrorRateFor(minOutcomes: number): number {
  const p = 1 - ERROR_QUANTILE;
  const rate = p + RETIRE_SD * Math.sqrt((p * (1 - p)) / Math.max(1, minOutcomes));
  // 1e-9: a rate that is a whole percent in exact arithmetic stays that percent
  return Math.min(1, Math.ceil(rate * 100 - 1e-9) / 100);
}

/**
 * Returns the starter scenario's horizon, error threshold and retirement thresholds for these
 * prices and findings (the rule in the header; README "bt init"). Pure: the same columns give
 * the same numbers, whatever their row order within a symbol and time. `moves`: the input's
 * starterHorizonReturns, when the caller already has them (bt init sizes the decay on them too).
 */
export function calibrateStarterThresholds(input: StarterCalibrationInput, moves: ReturnType<typeof starterHorizonReturns> = starterHorizonReturns(input)): StarterThresholds {
  const { horizon, returns } = moves;
  const absReturns = returns.map(Math.abs);
  const outcomesPerAgent = medianOutcomesPerAgent(input.findingAgent);
  const windowOutcomes = Math.min(input.lookbackOutcomes, outcomesPerAgent);
  const q = quantileType7(absReturns, ERROR_QUANTILE);
  const rms = rmsOf(returns);
  // No return over the horizon moved (or none fits in the prices): nothing to size on.
  const sized = returns.length > 0 && Math.round(q) >= 1;
  return {
    horizonHours: horizon.hours,
    horizonSource: horizon.source,
    nReturns: sized ? returns.length : 0,
    absReturnQuantileBps: q,
    rmsReturnBps: rms,
    outcomesPerAgent,
    windowOutcomes,
    minOutcomes: input.minOutcomes,
    errorAbsBps: sized ? Math.round(q) : 200,
    retirePnlSumBps: sized ? -Math.round(RETIRE_SD * rms * Math.sqrt(windowOutcomes)) : -200,
    retireDrawdownBps: sized ? -Math.round(RETIRE_SD * rms * Math.sqrt(outcomesPerAgent)) : -500,
    killErrorRate: sized ? killErrorRateFor(input.minOutcomes) : SEED_KILL_ERROR_RATE,
  };
}
