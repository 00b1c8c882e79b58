import { neumaierSum } from './neumaier-sum.js';
import { minFrom, selectKth } from './select-kth.js';
import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/**
 * Tail conventions. 'performance-analytics' (default): VaR = R `quantile(type=7)` at
 * alpha = 1 - level, ES = mean of returns strictly below it (empty tail: ES = VaR), and
 * PerformanceAnalytics' reasonableness checks (a loss below 0, i.e. a gain, gives NA → null;
 * a loss above 100% is capped at -1). 'empyrical': the same VaR without checks
 * (`np.percentile`, linear), CVaR = mean of the floor((n - 1) * alpha) + 1 smallest returns.
 */
export const TAIL_CONVENTIONS = ['performance-analytics', 'empyrical'] as const;
export type TailConvention = (typeof TAIL_CONVENTIONS)[number];

/** Historical VaR and CVaR at `level`, as returns (negative for losses). */
export interface TailRisk {
  readonly valueAtRisk: MetricResult;
  readonly conditionalValueAtRisk: MetricResult;
}

/**
 * Returns R's type-7 quantile at probability `p` of a series: index h = 1 + (n - 1) p,
 * (1 - f) x[floor h] + f x[ceil h] (R `quantile.default` type 7, its exact arithmetic;
 * = numpy `quantile(method="linear")` up to rounding). O(n) by selection; NaN when empty.
 */
export function quantileType7(returns: Float64Array, p: number): number {
  return lowerQuantile(returns, p).q;
}

/**
 * Returns the type-7 quantile at `p` plus `work`: the smallest values of the series (every
 * value <= a threshold, at least the order statistics the quantile needs), partially ordered.
 * Large series copy only that lower tail, found from a strided sample and verified by count.
 */
function lowerQuantile(returns: Float64Array, p: number): { q: number; work: Float64Array } {
  const n = returns.length;
  if (n === 0) return { q: NaN, work: new Float64Array(0) };
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const work = lowerTail(returns, lo + 1);
  const xLo = selectKth(work, lo - 1);
  let q = xLo;
  if (index > lo) {
    const xHi = minFrom(work, lo); // ceiling(index) = lo + 1: the next order statistic
    if (xHi !== xLo) {
      const h = index - lo;
      q = (1 - h) * xLo + h * xHi; // R's exact expression
    }
  }
  return { q, work };
}

const SAMPLE = 4096;

/** Returns a copy of every value <= T, for a T chosen so at least `need` values qualify (all values when n is small). */
function lowerTail(returns: Float64Array, need: number): Float64Array {
  const n = returns.length;
  if (n <= 8 * SAMPLE || need > n / 4) return returns.slice();
  const stride = Math.floor(n / SAMPLE);
  const sample = new Float64Array(SAMPLE);
  for (let i = 0; i < SAMPLE; i++) sample[i] = returns[i * stride] as number;
  sample.sort((a, b) => a - b);
  // Twice the expected sample position plus slack; verified by the count below.
  const pos = Math.min(SAMPLE - 1, Math.ceil((2 * need * SAMPLE) / n) + 32);
  const threshold = sample[pos] as number;
  let count = 0;
  for (let i = 0; i < n; i++) if ((returns[i] as number) <= threshold) count++;
  if (count < need) return returns.slice();
  const work = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = returns[i] as number;
    if (x <= threshold) work[k++] = x;
  }
  return work;
}

/** Returns the mean of `returns` strictly below `q` (Neumaier-compensated sum), and how many there are. */
function meanBelow(returns: Float64Array, q: number): { mean: number; count: number } {
  let count = 0;
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < returns.length; i++) {
    const x = returns[i] as number;
    if (x < q) {
      count++;
      const t = sum + x;
      comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
    }
  }
  return { mean: count === 0 ? NaN : (sum + comp) / count, count };
}

/**
 * Returns historical VaR and CVaR (expected shortfall) at confidence `level` in (0.5, 1),
 * alpha = 1 - level computed in floating point as R does (PerformanceAnalytics
 * `VaR(p=level, method="historical")`, `ES(p=level, method="historical")`; or empyrical's
 * `value_at_risk` / `conditional_value_at_risk` with `convention: 'empyrical'`).
 */
export function tailRisk(returns: Float64Array, level = 0.95, convention: TailConvention = 'performance-analytics'): TailRisk {
  if (!(level > 0.5 && level < 1)) throw new RangeError(`tailRisk: level must be in (0.5, 1), found ${level}`);
  const n = returns.length;
  if (n === 0) return { valueAtRisk: undefinedMetric('no periods'), conditionalValueAtRisk: undefinedMetric('no periods') };
  const alpha = 1 - level;
  const { q, work } = lowerQuantile(returns, alpha);
  if (convention === 'empyrical') return { valueAtRisk: defined(q), conditionalValueAtRisk: defined(empyricalCvar(work, n, alpha)) };
  // Every return below q is in `work` (q <= its largest needed order statistic).
  return { valueAtRisk: checkedLoss(q, 'VaR'), conditionalValueAtRisk: expectedShortfall(work, q) };
}

/** PerformanceAnalytics `ES.historical`: mean of r < q; if none, ES = VaR (PA warns and does the same). */
function expectedShortfall(returns: Float64Array, q: number): MetricResult {
  const { mean, count } = meanBelow(returns, q);
  if (count === 0) {
    const r = checkedLoss(q, 'ES');
    return r.value === null ? r : defined(r.value, 'no return strictly below VaR: ES set to VaR (as PerformanceAnalytics does)');
  }
  return checkedLoss(mean, 'ES');
}

/** PerformanceAnalytics' reasonableness checks on a tail return: a gain → NA, a loss over 100% → -1. */
function checkedLoss(x: number, what: 'VaR' | 'ES'): MetricResult {
  if (x > 0) return undefinedMetric(`the tail return ${x} is a gain; PerformanceAnalytics ${what}() gives NA (inverse risk)`);
  if (x < -1) return defined(-1, `the tail return ${x} is a loss over 100%; capped at -1 as PerformanceAnalytics ${what}() does`);
  return defined(x);
}

/** empyrical `conditional_value_at_risk`: mean of the floor((n - 1) * cutoff) + 1 smallest returns. */
function empyricalCvar(work: Float64Array, n: number, alpha: number): number {
  const k = Math.floor((n - 1) * alpha);
  selectKth(work, k);
  return neumaierSum(work, 0, k + 1) / (k + 1);
}
