import { centralMoments, sampleStdDev } from './moments.js';
import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/** Returns the active returns r_t - b_t of two aligned series. */
export function activeReturns(returns: Float64Array, benchmark: Float64Array): Float64Array {
  const out = new Float64Array(returns.length);
  for (let i = 0; i < returns.length; i++) out[i] = (returns[i] as number) - (benchmark[i] as number);
  return out;
}

/**
 * Returns the annualized tracking error sd(r - b) * sqrt(N), a fraction per year
 * (PerformanceAnalytics `TrackingError`, sample sd).
 */
export function trackingError(active: Float64Array, periodsPerYear: number): MetricResult {
  const m = centralMoments(active);
  if (m.n < 2) return undefinedMetric(`needs at least 2 periods shared with the benchmark, found ${m.n}`);
  if (m.isConstant) return defined(0);
  return defined(sampleStdDev(m) * Math.sqrt(periodsPerYear));
}
