import type { FindingsColumns, PricesColumns } from '../../../datasets/schemas/columns.js';

/** Per-symbol sorted times and closes, built independently of the generator's grid. */
function seriesBySymbol(p: PricesColumns): Map<string, { ts: number[]; close: number[] }> {
  const out = new Map<string, { ts: number[]; close: number[] }>();
  for (let i = 0; i < p.length; i++) {
    const sym = p.symbol.dictionary[p.symbol.codes[i] ?? -1] ?? '';
    const s = out.get(sym) ?? { ts: [], close: [] };
    s.ts.push(p.tsMs[i] ?? 0);
    s.close.push(p.close[i] ?? 0);
    out.set(sym, s);
  }
  return out;
}

/** Index of the last ts <= t (binary search), -1 if none. */
function atOrBefore(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((ts[mid] ?? Infinity) <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * Returns, per finding, 1 when direction * (close at or before ts + horizon / close at ts - 1) > 0,
 * 0 when <= 0, NaN when the prices cannot say (the test's own reconciliation).
 */
export function realizedHits(f: FindingsColumns, p: PricesColumns): Float64Array {
  const series = seriesBySymbol(p);
  const out = new Float64Array(f.length);
  for (let i = 0; i < f.length; i++) {
    const s = series.get(f.symbol.dictionary[f.symbol.codes[i] ?? -1] ?? '');
    const t = f.tsMs[i] ?? 0;
    const i0 = s === undefined ? -1 : atOrBefore(s.ts, t);
    const i1 = s === undefined ? -1 : atOrBefore(s.ts, t + (f.horizonHours[i] ?? 0) * 3_600_000);
    if (s === undefined || i0 < 0 || s.ts[i0] !== t || i1 <= i0) {
      out[i] = Number.NaN;
      continue;
    }
    const r = (s.close[i1] ?? 0) / (s.close[i0] ?? 1) - 1;
    out[i] = (f.direction[i] ?? 1) * r > 0 ? 1 : 0;
  }
  return out;
}

/** Returns the mean hit of the findings selected by `keep` (NaN hits skipped) and how many counted. */
export function hitRate(f: FindingsColumns, hits: Float64Array, keep: (i: number) => boolean): { rate: number; n: number } {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < f.length; i++) {
    const h = hits[i] ?? Number.NaN;
    if (Number.isNaN(h) || !keep(i)) continue;
    sum += h;
    n++;
  }
  return { rate: n > 0 ? sum / n : Number.NaN, n };
}
