import type { CoMoments } from './co-moments.js';
import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/** Returns Pearson's correlation sxy / sqrt(sxx syy) of a series with its benchmark (R `cor`). */
export function correlation(m: CoMoments): MetricResult {
  if (m.n < 2) return undefinedMetric(`needs at least 2 periods shared with the benchmark, found ${m.n}`);
  if (m.sxx === 0 || m.syy === 0) return undefinedMetric('a series with zero variance has no correlation');
  return defined(m.sxy / Math.sqrt(m.sxx * m.syy));
}
