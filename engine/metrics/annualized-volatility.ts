import { centralMoments, sampleStdDev, type MomentSummary } from './moments.js';
import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/** Returns the annualized volatility sd(r) * sqrt(N), sample sd with ddof 1, as a fraction per year (PerformanceAnalytics `StdDev.annualized`). */
export function annualizedVolatility(
  returns: Float64Array,
  periodsPerYear: number,
  m: MomentSummary = centralMoments(returns),
): MetricResult {
  if (m.n < 2) return undefinedMetric(`needs at least 2 periods, found ${m.n}`);
  if (m.isConstant) return defined(0, 'zero variance: every period has the same return');
  return defined(sampleStdDev(m) * Math.sqrt(periodsPerYear));
}
