import { annualizedReturn } from './annualized-return.js';
import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/**
 * Returns the information ratio: active premium (annualized geometric return of the series
 * minus the benchmark's) over the tracking error (PerformanceAnalytics `InformationRatio`
 * = `ActivePremium` / `TrackingError`).
 */
export function informationRatio(returns: Float64Array, benchmark: Float64Array, periodsPerYear: number, te: MetricResult): MetricResult {
  if (te.value === null) return undefinedMetric(`tracking error undefined (${te.note})`);
  if (te.value === 0) return undefinedMetric('zero tracking error: the series moves exactly with its benchmark');
  const a = annualizedReturn(returns, periodsPerYear);
  const b = annualizedReturn(benchmark, periodsPerYear);
  if (a.value === null || b.value === null) return undefinedMetric('an annualized return is undefined');
  return defined((a.value - b.value) / te.value);
}
