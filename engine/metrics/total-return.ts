import { defined, undefinedMetric, type MetricResult } from './metric-result.js';

/** Compounded wealth prod(1 + r) held as `mantissa * 2^exponent` so long series never overflow. */
export interface CompoundGrowth {
  readonly n: number;
  readonly mantissa: number;
  /** Power-of-two scale (exact); 0 unless |wealth| left [2^-900, 2^900]. */
  readonly exponent: number;
}

const SCALE_EXP = 900;
const BIG = 2 ** SCALE_EXP;
const SMALL = 2 ** -SCALE_EXP;

/** Returns prod(1 + r_t) in the order of the series, as R's `prod(1 + R)` computes it, with exact power-of-two rescaling. */
export function compoundGrowth(returns: Float64Array): CompoundGrowth {
  let p = 1;
  let e = 0;
  for (let i = 0; i < returns.length; i++) {
    p *= 1 + (returns[i] as number);
    const a = Math.abs(p);
    if (a > BIG) {
      p *= SMALL;
      e += SCALE_EXP;
    } else if (a < SMALL && a !== 0) {
      p *= BIG;
      e -= SCALE_EXP;
    }
  }
  return { n: returns.length, mantissa: p, exponent: e };
}

/** Returns the compounded wealth as a plain number (may be ±Infinity or 0 when out of range). */
export function wealthOf(g: CompoundGrowth): number {
  return g.exponent === 0 ? g.mantissa : g.mantissa * 2 ** g.exponent;
}

/** Returns the total return prod(1 + r) - 1 as a fraction (PerformanceAnalytics `Return.cumulative(geometric=TRUE)`). */
export function totalReturn(returns: Float64Array, g: CompoundGrowth = compoundGrowth(returns)): MetricResult {
  if (g.n === 0) return undefinedMetric('no periods');
  const w = wealthOf(g);
  if (!Number.isFinite(w)) return undefinedMetric('compounded wealth exceeds the largest double');
  return defined(w - 1);
}
