import { downsampleIndices } from './downsample-indices.js';

/**
 * Returns the drawdown of an equity curve at each point, equity_t / max(equity_0..t) - 1
 * (a fraction <= 0; 0 at a new peak). `initialEquity`, when given, seeds the running peak
 * (as the run's metrics count the first period from the initial capital).
 */
export function drawdownSeries(equity: Float64Array, initialEquity?: number): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = initialEquity ?? -Infinity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] as number;
    if (e > peak) peak = e;
    out[i] = peak > 0 ? e / peak - 1 : 0;
  }
  return out;
}

/**
 * Returns the indices of the deepest drawdown's trough (the lowest point of a drawdown series,
 * the first on ties) and of the peak before it (the last point at 0 before the trough; none
 * when the drawdown is from the initial capital), to keep them in a downsampled chart. Empty
 * when the series never falls.
 */
export function deepestDrawdownIndices(dd: Float64Array): number[] {
  let trough = -1;
  for (let i = 0; i < dd.length; i++) if ((dd[i] as number) < (trough < 0 ? 0 : (dd[trough] as number))) trough = i;
  if (trough < 0) return [];
  let peak = trough - 1;
  while (peak >= 0 && (dd[peak] as number) < 0) peak -= 1;
  return peak >= 0 ? [peak, trough] : [trough];
}

/** Returns the indices a drawdown chart keeps of `dd`: at most maxPoints, the deepest drawdown's peak and trough always among them. */
export function drawdownChartIndices(dd: Float64Array, maxPoints: number): Int32Array {
  return downsampleIndices(dd.length, maxPoints, deepestDrawdownIndices(dd));
}
