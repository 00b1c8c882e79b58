import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/**
 * Returns the Calmar ratio annualizedReturn / |maxDrawdown| (PerformanceAnalytics
 * `CalmarRatio`; empyrical `calmar_ratio`), undefined when there is no drawdown.
 */
export function calmarRatio(annualized: MetricResult, maxDrawdownValue: MetricResult): MetricResult {
  if (annualized.value === null) return undefinedMetric(`annualized return is undefined (${annualized.note})`);
  if (maxDrawdownValue.value === null) return undefinedMetric(`max drawdown is undefined (${maxDrawdownValue.note})`);
  if (maxDrawdownValue.value === 0) return undefinedMetric('no drawdown: max drawdown is 0');
  return defined(annualized.value / Math.abs(maxDrawdownValue.value));
}
