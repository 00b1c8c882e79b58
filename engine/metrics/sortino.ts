import { centralMoments, type MomentSummary } from './moments.js';
import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/**
 * Returns the downside deviation sqrt(sum over r < MAR of (MAR - r)^2 / n), n the FULL
 * length (PerformanceAnalytics `DownsideDeviation(method="full")`), per period; NaN when n = 0.
 */
export function downsideDeviation(returns: Float64Array, mar = 0): number {
  const n = returns.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) {
    // Branch-free (a random sign mispredicts half the time); adds 0 where r >= MAR.
    const d = Math.max(mar - (returns[i] as number), 0);
    s += d * d;
  }
  return Math.sqrt(s / n);
}

/**
 * Returns the annualized Sortino ratio mean(r - MAR) / DownsideDeviation(r, MAR) * sqrt(N)
 * (= PerformanceAnalytics `SortinoRatio(MAR)` × sqrt(N) = empyrical `sortino_ratio`).
 * `mar` is a per-period minimum acceptable return.
 */
export function sortinoRatio(
  returns: Float64Array,
  periodsPerYear: number,
  mar = 0,
  m: MomentSummary = centralMoments(returns),
): MetricResult {
  if (m.n === 0) return undefinedMetric('no periods');
  const dd = downsideDeviation(returns, mar);
  if (dd === 0) return undefinedMetric('no period below the minimum acceptable return: downside deviation is 0');
  return defined(((m.mean - mar) / dd) * Math.sqrt(periodsPerYear));
}
