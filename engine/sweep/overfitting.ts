import { normalCdf, normalQuantile } from './normal-distribution.js';

/** The Euler-Mascheroni constant γ (expected maximum of N normal draws, Bailey & López de Prado 2014). */
export const EULER_GAMMA = 0.5772156649015329;

/**
 * Returns the Probabilistic Sharpe Ratio (Bailey & López de Prado 2012, "The Sharpe Ratio
 * Efficient Frontier", eq. 11): P(true SR > srBenchmark) =
 * Φ((SR − SR*) √(n − 1) / √(1 − γ₃ SR + (γ₄ − 1)/4 SR²)), with SR the per-period (not
 * annualized) Sharpe ratio of n returns, γ₃ their skewness and γ₄ = excess kurtosis + 3 their
 * kurtosis (population moments). Null when n < 2 or the variance term is not positive.
 */
export function probabilisticSharpeRatio(sr: number, n: number, skew: number, excessKurtosis: number, srBenchmark = 0): number | null {
  const denom = 1 - skew * sr + ((excessKurtosis + 2) / 4) * sr * sr;
  if (!(n >= 2) || !(denom > 0) || !Number.isFinite(sr)) return null;
  return normalCdf(((sr - srBenchmark) * Math.sqrt(n - 1)) / Math.sqrt(denom));
}

/**
 * Returns the expected maximum Sharpe ratio of `nTrials` independent trials whose Sharpe
 * ratios have variance `variance`, under a true Sharpe of 0 (Bailey & López de Prado 2014,
 * "The Deflated Sharpe Ratio", eq. 2): √V ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))).
 * Null for fewer than 2 trials.
 */
export function expectedMaxSharpe(nTrials: number, variance: number): number | null {
  if (!(nTrials >= 2) || !(variance >= 0)) return null;
  return Math.sqrt(variance) * ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / nTrials) + EULER_GAMMA * normalQuantile(1 - 1 / (nTrials * Math.E)));
}

/** Returns the sample variance (n − 1 denominator) of `xs`, or null for fewer than 2 values. */
export function sampleVariance(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return ss / (xs.length - 1);
}

/** The Deflated Sharpe Ratio of a selected configuration and the figures it rests on. */
export interface DeflatedSharpe {
  /** PSR against the expected maximum Sharpe of the trials. */
  readonly dsr: number | null;
  /** SR₀: expected maximum per-period Sharpe of the trials under no skill. */
  readonly expectedMaxSharpe: number | null;
  /** Sample variance of the trials' per-period Sharpe ratios. */
  readonly trialSharpeVariance: number | null;
  readonly nTrials: number;
}

/**
 * Returns the Deflated Sharpe Ratio (Bailey & López de Prado 2014, eq. 1): the PSR of the
 * selected per-period Sharpe `sr` (n returns, skewness, excess kurtosis) with benchmark SR₀ =
 * expectedMaxSharpe(N, V[trial Sharpe ratios]); `trialSharpes` are per-period Sharpe ratios
 * of every configuration tried, the selected one included.
 */
export function deflatedSharpeRatio(sr: number, n: number, skew: number, excessKurtosis: number, trialSharpes: readonly number[]): DeflatedSharpe {
  const variance = sampleVariance(trialSharpes);
  const sr0 = variance === null ? null : expectedMaxSharpe(trialSharpes.length, variance);
  return {
    dsr: sr0 === null ? null : probabilisticSharpeRatio(sr, n, skew, excessKurtosis, sr0),
    expectedMaxSharpe: sr0,
    trialSharpeVariance: variance,
    nTrials: trialSharpes.length,
  };
}
