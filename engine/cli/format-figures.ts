/**
 * The one convention of the human-readable summary lines (bt run, bt sweep, bt merge):
 * returns and drawdowns in percent, ratios (Sharpe, PSR, DSR) as plain numbers. JSON output
 * and files keep fractions.
 */

/** Returns a fraction as a percent with 2 decimals ('12.34%'), or 'n/a' when undefined. */
export function formatPercent(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(x * 100).toFixed(2)}%`;
}

/** Returns a ratio with `digits` decimals (3 by default), or 'n/a' when undefined. */
export function formatRatio(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits);
}
