/** Returns simple returns r_t = E_t / E_{t-1} - 1 from an equity curve (length n - 1; empty for n < 2). */
export function returnsFromEquity(equity: Float64Array): Float64Array {
  const n = equity.length;
  if (n < 2) return new Float64Array(0);
  const out = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) out[i - 1] = (equity[i] as number) / (equity[i - 1] as number) - 1;
  return out;
}
