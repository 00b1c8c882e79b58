import { compoundGrowth, type CompoundGrowth } from './total-return.js';
import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/**
 * Returns the geometric annualized return prod(1 + r)^(N / n) - 1 as a fraction per year
 * (PerformanceAnalytics `Return.annualized(geometric=TRUE)`; empyrical `annual_return`).
 */
export function annualizedReturn(
  returns: Float64Array,
  periodsPerYear: number,
  g: CompoundGrowth = compoundGrowth(returns),
): MetricResult {
  if (g.n === 0) return undefinedMetric('no periods');
  if (g.mantissa < 0) return undefinedMetric('compounded wealth is negative (a period below -100%): no real annual rate');
  if (g.mantissa === 0) return defined(-1, 'wealth reached 0 (a -100% period)');
  const power = periodsPerYear / g.n;
  // Through V8's own log and expm1, not `**` (the C library's pow on Node 24: core/portable-pow.ts),
  // and exact in the power-of-two part of out-of-range wealth.
  return defined(Math.expm1((Math.log(g.mantissa) + g.exponent * Math.LN2) * power));
}
