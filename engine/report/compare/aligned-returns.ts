/** An equity curve: time stamps (epoch ms, increasing), equity, and the capital before the first point. */
export interface EquityCurve {
  readonly tsMs: Float64Array;
  readonly equity: Float64Array;
  readonly initialEquity: number;
}

/**
 * Returns the per-period simple returns of two curves on the time stamps both have: each
 * curve's return ending at t (the first from its initial capital, as run metrics count it),
 * kept where the other curve also has a point at t. Runs of one scenario align exactly.
 */
export function alignedReturns(a: EquityCurve, b: EquityCurve): { readonly tsMs: Float64Array; readonly a: Float64Array; readonly b: Float64Array } {
  const ts: number[] = [];
  const ra: number[] = [];
  const rb: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.tsMs.length && j < b.tsMs.length) {
    const ta = a.tsMs[i] as number;
    const tb = b.tsMs[j] as number;
    if (ta < tb) i += 1;
    else if (tb < ta) j += 1;
    else {
      const pa = i === 0 ? a.initialEquity : (a.equity[i - 1] as number);
      const pb = j === 0 ? b.initialEquity : (b.equity[j - 1] as number);
      ts.push(ta);
      ra.push((a.equity[i] as number) / pa - 1);
      rb.push((b.equity[j] as number) / pb - 1);
      i += 1;
      j += 1;
    }
  }
  return { tsMs: Float64Array.from(ts), a: Float64Array.from(ra), b: Float64Array.from(rb) };
}
