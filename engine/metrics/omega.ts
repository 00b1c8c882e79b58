import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/**
 * Returns the Omega ratio at threshold `threshold` (per period, default 0):
 * sum(max(r - L, 0)) / sum(max(L - r, 0)) (PerformanceAnalytics `Omega(L, method = "simple")`).
 */
export function omegaRatio(returns: Float64Array, threshold = 0): MetricResult {
  if (returns.length === 0) return undefinedMetric('no periods');
  let gain = 0;
  let loss = 0;
  for (let i = 0; i < returns.length; i++) {
    const d = (returns[i] as number) - threshold;
    if (d > 0) gain += d;
    else loss -= d;
  }
  if (loss === 0) return undefinedMetric('no period below the threshold');
  return defined(gain / loss);
}
