import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/** Returns the average gross exposure mean_t(sum_i |w_{t,i}|), a multiple of equity (1 = fully invested, unlevered). */
export function averageGrossExposure(weightsPerPeriod: readonly Float64Array[]): MetricResult {
  if (weightsPerPeriod.length === 0) return undefinedMetric('no periods');
  let total = 0;
  for (const w of weightsPerPeriod) {
    let g = 0;
    for (let i = 0; i < w.length; i++) g += Math.abs(w[i] as number);
    total += g;
  }
  return defined(total / weightsPerPeriod.length);
}
