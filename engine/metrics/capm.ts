import type { CoMoments } from './co-moments.js';
import { defined, undefinedMetric, type MetricResult } from './metric-result.js';
import { portablePow } from '../core/portable-pow.js';

/** The least-squares CAPM fit of a series on its benchmark (risk-free 0). */
export interface CapmFit {
  /** Slope: sxy / sxx. */
  readonly beta: MetricResult;
  /** Intercept, a return per period: mean(r) - beta * mean(b). */
  readonly alpha: MetricResult;
}

/**
 * Returns beta and per-period alpha of the regression r = alpha + beta b + e
 * (PerformanceAnalytics `CAPM.beta` / `CAPM.alpha`, method "LS", Rf = 0).
 */
export function capmFit(m: CoMoments): CapmFit {
  if (m.n < 2) {
    const why = `needs at least 2 periods shared with the benchmark, found ${m.n}`;
    return { beta: undefinedMetric(why), alpha: undefinedMetric(why) };
  }
  if (m.sxx === 0) {
    const why = 'the benchmark return is the same every period (zero variance)';
    return { beta: undefinedMetric(why), alpha: undefinedMetric(why) };
  }
  const beta = m.sxy / m.sxx;
  return { beta: defined(beta), alpha: defined(m.meanY - beta * m.meanX) };
}

/** Returns the annualized alpha (1 + alpha)^N - 1 (PerformanceAnalytics `table.CAPM` "Annualized Alpha"). */
export function annualizedAlpha(alpha: MetricResult, periodsPerYear: number): MetricResult {
  if (alpha.value === null) return alpha;
  return defined(portablePow(1 + alpha.value, periodsPerYear) - 1);
}
