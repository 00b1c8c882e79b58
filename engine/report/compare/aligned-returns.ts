/** An equity curve: time stamps (epoch ms, increasing), equity, and the capital before the first point. */
export interface EquityCurve {
  readonly tsMs: Float64Array;
  readonly equity: Float64Array;
  readonly initialEquity: number;
}

/**
 * Returns the per-period simple returns of two curves over the same periods: from one time
 * stamp both curves have to the next one both have (a curve's points in between compound into
 * that return). The first common stamp gives a return, from each initial capital, only when it
 * is both curves' first point (both start there); a curve with points before it starts later
 * than the other, so that stamp is only the base of the next return. Runs of one scenario
 * align exactly: their returns are the ones run metrics count.
 */
export function alignedReturns(a: EquityCurve, b: EquityCurve): { readonly tsMs: Float64Array; readonly a: Float64Array; readonly b: Float64Array } {
  const ts: number[] = [];
  const ra: number[] = [];
  const rb: number[] = [];
  let based = false; // pa, pb hold the equity at the last common stamp (else the initial capital)
  let pa = a.initialEquity;
  let pb = b.initialEquity;
  let i = 0;
  let j = 0;
  while (i < a.tsMs.length && j < b.tsMs.length) {
    const ta = a.tsMs[i] as number;
    const tb = b.tsMs[j] as number;
    if (ta < tb) i += 1;
    else if (tb < ta) j += 1;
    else {
      const ea = a.equity[i] as number;
      const eb = b.equity[j] as number;
      if (based || (i === 0 && j === 0)) {
        ts.push(ta);
        ra.push(ea / pa - 1);
        rb.push(eb / pb - 1);
      }
      based = true;
      pa = ea;
      pb = eb;
      i += 1;
      j += 1;
    }
  }
  return { tsMs: Float64Array.from(ts), a: Float64Array.from(ra), b: Float64Array.from(rb) };
}
