import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/** Location and central moments of a return series (per-period units). */
export interface MomentSummary {
  readonly n: number;
  /** Arithmetic mean, two-pass corrected like R's `mean()`; NaN when n = 0. */
  readonly mean: number;
  /** Population central moments m_k = sum((x - mean)^k) / n; 0 when every value is equal. */
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
  /** Smallest and largest value (the worst and best period); NaN when n = 0. */
  readonly min: number;
  readonly max: number;
  /** True when every value is identical (variance exactly 0, as R's `var` gives). */
  readonly isConstant: boolean;
}

/** Returns mean, min, max and population central moments 2-4 in two passes (R `mean`, `var`). */
export function centralMoments(returns: Float64Array): MomentSummary {
  const n = returns.length;
  if (n === 0) return { n, mean: NaN, m2: 0, m3: 0, m4: 0, min: NaN, max: NaN, isConstant: true };
  // First pass: extremes and the Neumaier-compensated sum.
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const x = returns[i] as number;
    if (x < min) min = x;
    if (x > max) max = x;
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  if (min === max) return { n, mean: min, m2: 0, m3: 0, m4: 0, min, max, isConstant: true };
  let mean = (sum + comp) / n;
  // Second pass: residual sum corrects the mean (as R's mean.c does), then powers.
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (returns[i] as number) - mean;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  const shift = s1 / n;
  mean += shift;
  // Re-centre the power sums on the corrected mean (binomial shift; shift is ~1e-18).
  const m2 = s2 / n - shift * shift;
  const m3 = s3 / n - 3 * shift * (s2 / n) + 2 * shift * shift * shift;
  const m4 = s4 / n - 4 * shift * (s3 / n) + 6 * shift * shift * (s2 / n) - 3 * (shift * shift) * (shift * shift);
  return { n, mean, m2, m3, m4, min, max, isConstant: false };
}

/** Returns the sample standard deviation sqrt(sum((x - mean)^2) / (n - 1)) (R `sd`, ddof 1); NaN when n < 2. */
export function sampleStdDev(m: MomentSummary): number {
  if (m.n < 2) return NaN;
  return Math.sqrt((m.m2 * m.n) / (m.n - 1));
}

/** Returns skewness m3 / m2^1.5 from population moments (PerformanceAnalytics `skewness(method="moment")`, scipy `skew`). */
export function skewness(returns: Float64Array, m: MomentSummary = centralMoments(returns)): MetricResult {
  if (m.n === 0) return undefinedMetric('no periods');
  if (m.isConstant) return undefinedMetric('zero variance: every period has the same return');
  return defined(m.m3 / (m.m2 * Math.sqrt(m.m2)));
}

/** Returns excess kurtosis m4 / m2^2 - 3 from population moments (PerformanceAnalytics `kurtosis(method="excess")`, scipy `kurtosis`). */
export function excessKurtosis(returns: Float64Array, m: MomentSummary = centralMoments(returns)): MetricResult {
  if (m.n === 0) return undefinedMetric('no periods');
  if (m.isConstant) return undefinedMetric('zero variance: every period has the same return');
  return defined(m.m4 / (m.m2 * m.m2) - 3);
}
