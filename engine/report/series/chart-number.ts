/**
 * Returns x rounded to 6 significant digits for chart data (smaller HTML, same picture), or
 * null when x is not finite (Vega-Lite drops nulls; no NaN reaches a file).
 */
export function chartNumber(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  return x === 0 ? 0 : Number(x.toPrecision(6));
}
