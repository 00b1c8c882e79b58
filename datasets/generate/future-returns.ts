import type { PriceGrid } from './price-grid.js';

/** The generator's model of the future: each (bar, symbol)'s realized return over the horizon. */
export interface FutureReturns {
  /** Horizon, ms. */
  readonly horizonMs: number;
  /**
   * Simple return close(at or before t + h) / close(t) - 1 per (bar, symbol), row-major like
   * the grid; NaN where the symbol has no close at t, no later close by t + h, or t + h is
   * past the last bar.
   */
  readonly ret: Float64Array;
  /** Root mean square of each symbol's defined returns (the scale of z = ret / rms); 0 if none. */
  readonly rms: Float64Array;
}

/**
 * Returns the realized future return of every (bar, symbol), reading the close at or before
 * t + h exactly as reconciliation does (the engine's "price at t + h" rule).
 */
export function computeFutureReturns(grid: PriceGrid, horizonMs: number): FutureReturns {
  const nBars = grid.tsMs.length;
  const nSym = grid.symbols.length;
  const ret = new Float64Array(nBars * nSym).fill(Number.NaN);
  const sumSq = new Float64Array(nSym);
  const count = new Float64Array(nSym);
  const lastTs = nBars > 0 ? (grid.tsMs[nBars - 1] ?? 0) : 0;
  let j = 0;
  for (let i = 0; i < nBars; i++) {
    const due = (grid.tsMs[i] ?? 0) + horizonMs;
    if (due > lastTs) break; // the window is not complete inside the data
    if (j < i) j = i;
    while (j + 1 < nBars && (grid.tsMs[j + 1] ?? Infinity) <= due) j++;
    for (let s = 0; s < nSym; s++) {
      const c0 = grid.close[i * nSym + s] ?? Number.NaN;
      if (Number.isNaN(c0)) continue;
      let k = j;
      while (k > i && Number.isNaN(grid.close[k * nSym + s] ?? Number.NaN)) k--;
      if (k === i) continue;
      const r = (grid.close[k * nSym + s] ?? Number.NaN) / c0 - 1;
      ret[i * nSym + s] = r;
      sumSq[s] = (sumSq[s] ?? 0) + r * r;
      count[s] = (count[s] ?? 0) + 1;
    }
  }
  const rms = new Float64Array(nSym);
  for (let s = 0; s < nSym; s++) {
    const n = count[s] ?? 0;
    rms[s] = n > 0 ? Math.sqrt((sumSq[s] ?? 0) / n) : 0;
  }
  return { horizonMs, ret, rms };
}
