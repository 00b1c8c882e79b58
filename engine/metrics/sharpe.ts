import { centralMoments, sampleStdDev, type MomentSummary } from './moments.js';
import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/**
 * Returns the arithmetic annualized Sharpe ratio mean(r - rf) * N / (sd(r) * sqrt(N))
 * (PerformanceAnalytics `SharpeRatio.annualized(geometric=FALSE)`; empyrical `sharpe_ratio`).
 * `riskFreePerPeriod` is a per-period simple rate (e.g. 0.02 / 252 for 2% a year, daily data).
 */
export function sharpeRatio(
  returns: Float64Array,
  periodsPerYear: number,
  riskFreePerPeriod = 0,
  m: MomentSummary = centralMoments(returns),
): MetricResult {
  if (m.n < 2) return undefinedMetric(`needs at least 2 periods for a standard deviation, found ${m.n}`);
  if (m.isConstant) return undefinedMetric('zero variance: every period has the same return');
  const meanExcess = m.mean - riskFreePerPeriod;
  return defined((meanExcess * periodsPerYear) / (sampleStdDev(m) * Math.sqrt(periodsPerYear)));
}
