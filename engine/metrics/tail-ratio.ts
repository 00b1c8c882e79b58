import { quantileType7 } from './var-cvar.js';
import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/**
 * Returns the tail ratio |q(0.95)| / |q(0.05)| of the returns, q the type-7 quantile
 * (empyrical `tail_ratio`, np.percentile linear = R `quantile(type = 7)`; not in
 * PerformanceAnalytics).
 */
export function tailRatio(returns: Float64Array): MetricResult {
  if (returns.length === 0) return undefinedMetric('no periods');
  const low = quantileType7(returns, 0.05);
  if (low === 0) return undefinedMetric('the 5% quantile is 0');
  return defined(Math.abs(quantileType7(returns, 0.95)) / Math.abs(low));
}
