import { assert } from '../../engine/core/errors.js';
import { compareCodeUnits } from '../../engine/core/stable-json.js';
import type { PriceGrid } from './price-grid.js';

/** One close of one symbol at one time (epoch ms UTC). */
export interface CloseRow {
  readonly symbol: string;
  readonly tsMs: number;
  readonly close: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function dataLines(text: string, header: string): string[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  assert(lines[0] === header, `CSV header is ${header}`);
  return lines.slice(1);
}

/** Returns the rows of vega-datasets data/stocks.csv (symbol,date,price; dates like "Jan 1 2000", read as 00:00 UTC). */
export function parseStocksCsv(text: string): CloseRow[] {
  return dataLines(text, 'symbol,date,price').map((line) => {
    const [symbol = '', date = '', price = ''] = line.split(',');
    const [mon = '', day = '', year = ''] = date.split(' ');
    const month = MONTHS.indexOf(mon as (typeof MONTHS)[number]);
    const tsMs = Date.UTC(Number(year), month, Number(day));
    const close = Number(price);
    assert(month >= 0 && Number.isFinite(tsMs) && close > 0, `stocks.csv row ${line}`);
    return { symbol, tsMs, close };
  });
}

/** Returns the daily closes of vega-datasets data/sp500-2000.csv as symbol SPX (dates read as 00:00 UTC). */
export function parseSp500Csv(text: string): CloseRow[] {
  return dataLines(text, 'date,open,high,low,close,adjclose,volume').map((line) => {
    const cells = line.split(',');
    const tsMs = Date.parse(`${cells[0] ?? ''}T00:00:00Z`);
    const close = Number(cells[4]);
    assert(Number.isFinite(tsMs) && close > 0, `sp500-2000.csv row ${line}`);
    return { symbol: 'SPX', tsMs, close };
  });
}

/**
 * Returns one row per calendar month: the close of the month's last trading day, stamped at
 * the 1st of the month 00:00 UTC, as vega-datasets' stocks.csv stamps its months (its
 * "Jan 1 2000" AAPL, 25.94, is the 31 January 2000 close of 103.75 over two 2:1 splits), so
 * the benchmark's month is the stocks' month (rows must be sorted by time).
 */
export function monthEndCloses(daily: readonly CloseRow[]): CloseRow[] {
  const out: CloseRow[] = [];
  let lastKey = -1;
  for (const r of daily) {
    const d = new Date(r.tsMs);
    const key = d.getUTCFullYear() * 12 + d.getUTCMonth();
    assert(key >= lastKey, 'daily rows sorted by time');
    const row = { symbol: r.symbol, tsMs: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), close: r.close };
    if (key === lastKey) out[out.length - 1] = row;
    else out.push(row);
    lastKey = key;
  }
  return out;
}

/** Returns the grid of close rows (symbols sorted, one bar per distinct time; NaN where a symbol has no row). */
export function gridFromRows(rows: readonly CloseRow[]): PriceGrid {
  const symbols = [...new Set(rows.map((r) => r.symbol))].sort(compareCodeUnits);
  const times = [...new Set(rows.map((r) => r.tsMs))].sort((a, b) => a - b);
  const barOf = new Map(times.map((t, i) => [t, i] as const));
  const symOf = new Map(symbols.map((s, i) => [s, i] as const));
  const close = new Float64Array(times.length * symbols.length).fill(Number.NaN);
  for (const r of rows) {
    const cell = (barOf.get(r.tsMs) ?? 0) * symbols.length + (symOf.get(r.symbol) ?? 0);
    assert(Number.isNaN(close[cell] ?? 0), `one close per (ts, symbol): ${r.symbol} ${r.tsMs}`);
    close[cell] = r.close;
  }
  return { tsMs: Float64Array.from(times), symbols, close };
}
