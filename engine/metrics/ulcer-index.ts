import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/**
 * Returns the Ulcer index sqrt(sum(d_t^2) / n), d_t the drawdown from the last peak as a
 * fraction <= 0 (PerformanceAnalytics `UlcerIndex` over `DrawdownPeak`: the product of
 * (1 + r) since the last period whose product exceeded 1, minus 1).
 */
export function ulcerIndex(returns: Float64Array): MetricResult {
  const n = returns.length;
  if (n === 0) return undefinedMetric('no periods');
  let sinceTop = 1;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    sinceTop *= 1 + (returns[i] as number);
    if (sinceTop > 1) sinceTop = 1; // a new peak: DrawdownPeak restarts its product here
    else sumSq += (sinceTop - 1) * (sinceTop - 1);
  }
  return defined(Math.sqrt(sumSq) / Math.sqrt(n));
}
