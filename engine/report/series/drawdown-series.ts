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
