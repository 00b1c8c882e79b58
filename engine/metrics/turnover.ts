import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/** Turnover of a run: per rebalance, in total, and per year. */
export interface TurnoverSummary {
  /** sum_i |after_i - before_i| at each rebalance, a fraction of equity (1 = 100% of equity traded). */
  readonly perRebalance: Float64Array;
  /** Sum over rebalances of perRebalance. */
  readonly total: number;
  /** total / (periods / periodsPerYear): fraction of equity traded per year. */
  readonly annualized: MetricResult;
}

/**
 * Returns turnover as the sum of |Δweight| per rebalance (two-sided: buying 10% of one asset
 * and selling 10% of another counts 0.2), annualized over a run of `periods` return periods.
 * `weightsBefore[k]` and `weightsAfter[k]` are the weights just before and after rebalance k,
 * indexed by the same asset ids.
 */
export function turnover(
  weightsBefore: readonly Float64Array[],
  weightsAfter: readonly Float64Array[],
  periods: number,
  periodsPerYear: number,
): TurnoverSummary {
  if (weightsBefore.length !== weightsAfter.length) {
    throw new RangeError(`turnover: ${weightsBefore.length} weight vectors before and ${weightsAfter.length} after`);
  }
  const perRebalance = new Float64Array(weightsBefore.length);
  let total = 0;
  for (let k = 0; k < weightsBefore.length; k++) {
    const before = weightsBefore[k] as Float64Array;
    const after = weightsAfter[k] as Float64Array;
    if (before.length !== after.length) throw new RangeError(`turnover: rebalance ${k} has ${before.length} weights before, ${after.length} after`);
    let s = 0;
    for (let i = 0; i < before.length; i++) s += Math.abs((after[i] as number) - (before[i] as number));
    perRebalance[k] = s;
    total += s;
  }
  const annualized = periods > 0 ? defined(total / (periods / periodsPerYear)) : undefinedMetric('no periods');
  return { perRebalance, total, annualized };
}
