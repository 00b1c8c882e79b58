/**
 * The cells of every CSV bt writes (bt run --csv, decisions.csv, results.csv), so that one
 * reader (pandas, R, Excel) reads them all the same way.
 */
import { isoFromMs } from './time.js';

/** Returns text as a CSV cell: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
export function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Returns a number in shortest round-trip form (JS String(x), like Python repr), so a reader gets the exact double; '' for null, NaN or ±Infinity. */
export function csvNumber(x: number | null): string {
  return x !== null && Number.isFinite(x) ? String(x) : '';
}

/** Returns epoch ms as ISO 8601 UTC to the millisecond (2005-07-03T00:00:00.000Z): exact, and parsed by pandas and R as UTC; '' for NaN (a null time). */
export function csvTime(tsMs: number): string {
  return Number.isFinite(tsMs) ? isoFromMs(tsMs) : '';
}
