import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { DataType, tableFromIPC, type Vector } from 'apache-arrow';
import { BtInputError, ViolationCollector } from '../core/errors.js';
import { registerArrowCodecs } from '../../datasets/read/arrow-codecs.js';
import { compressedIpcError } from '../../datasets/read/compressed-ipc.js';
import { parseDecimal } from '../core/decimal-text.js';
import { splitCsvRecord } from '../io/csv-line.js';
import { isoDateFromMs, utcDateMs } from '../core/time.js';
import { compareCodeUnits } from '../core/stable-json.js';

/** One return series read by `bt metrics`: its non-missing values and their dates (UTC ms). */
export interface ReturnSeries {
  readonly name: string;
  readonly tsMs: Float64Array;
  readonly returns: Float64Array;
}

/** What `bt metrics` read from a file: every row date (for period inference) and the series. */
export interface ReturnTable {
  readonly file: string;
  readonly dateColumn: string;
  readonly rowTsMs: Float64Array;
  readonly series: readonly ReturnSeries[];
}

/** Raw numeric columns before missing values are dropped: NaN marks a missing value. */
interface RawTable {
  readonly dateColumn: string;
  readonly rowTsMs: Float64Array;
  readonly names: readonly string[];
  readonly values: readonly Float64Array[];
  /** File line (CSV) or row (Arrow) of a value (row, column index), for messages; both 1-based, as everywhere in bt. */
  readonly where: (row: number, column: number) => { line: number } | { row: number };
  /** The `bt.kind` of an Arrow file bt wrote (e.g. 'equity'), else null. */
  readonly btKind: string | null;
  /** A bt equity.arrow's initial capital (the base of its first period), else NaN. */
  readonly initialEquity: number;
}

/** A file as read: wide (one column per series), or long (a `symbol` column keys every row). */
interface ParsedTable extends RawTable {
  /** Long format: each row's symbol (bt's prices files: ts, symbol, close), else null. */
  readonly symbols: readonly string[] | null;
}

/** The column that makes a file long: one row per (date, symbol), as bt's prices files are. */
const SYMBOL_COLUMN = 'symbol';

/** Reads a CSV or Arrow IPC file of dates + returns (or prices) into return series (`bt metrics FILE`). */
export function readReturnTable(file: string, opts: { prices: boolean; columns?: readonly string[]; benchmark?: string }): ReturnTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new BtInputError({ file, message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
  }
  const isArrow = ['.arrow', '.feather', '.ipc'].includes(extname(file).toLowerCase()) || bytes.subarray(0, 6).toString('latin1') === 'ARROW1';
  // --columns (with --benchmark) names the series of a wide file: the other columns are not read
  const only = opts.columns === undefined ? null : new Set([...opts.columns, ...(opts.benchmark !== undefined ? [opts.benchmark] : [])]);
  const parsed = isArrow ? parseArrow(file, bytes) : parseCsv(file, bytes.toString('utf8'), only);
  const raw = parsed.symbols === null ? parsed : pivotBySymbol(file, parsed, parsed.symbols);
  // series are found by name: a second column of one name was read as the first, twice
  const seen = new Set<string>();
  // the first name met again, by a Set: comparing a wide file's columns pairwise is quadratic
  const twice = raw.names.find((name) => {
    if (seen.has(name)) return true;
    seen.add(name);
    return false;
  });
  if (twice !== undefined) {
    const count = raw.names.filter((name) => name === twice).length;
    throw new BtInputError({ file, field: twice, expected: 'one column of each name', found: `${count} columns named '${twice}'`, hint: 'Rename all but one' });
  }
  checkIncreasing(file, raw);
  const wanted = opts.columns ?? defaultColumns(file, raw, opts.prices);
  if (opts.benchmark !== undefined && !raw.names.includes(opts.benchmark)) {
    throw new BtInputError({ file, field: '--benchmark', expected: `a column of the file (${raw.names.join(', ')})`, found: `'${opts.benchmark}'` });
  }
  const missing = wanted.filter((c) => !raw.names.includes(c));
  if (missing.length > 0) {
    throw new BtInputError({ file, field: '--columns', expected: `columns of the file (${raw.names.join(', ')})`, found: missing.join(', ') });
  }
  const series = wanted.map((name) => {
    const col = raw.values[raw.names.indexOf(name)] as Float64Array;
    return opts.prices ? pricesToReturns(file, raw, name, col) : dropMissing(name, raw.rowTsMs, col);
  });
  return { file, dateColumn: raw.dateColumn, rowTsMs: raw.rowTsMs, series };
}

/**
 * Returns the series `bt metrics` reads when --columns is absent: every column, except in a
 * bt equity.arrow, whose one series is `equity` (a level, so --prices is required);
 * gross_exposure is a fraction of equity, neither a price nor a return.
 */
function defaultColumns(file: string, raw: RawTable, prices: boolean): readonly string[] {
  if (raw.btKind !== 'equity') return raw.names;
  if (!prices) {
    throw new BtInputError({ file, field: 'equity', expected: 'return columns', found: 'the equity curve of a bt run (levels, not returns)', hint: 'Pass --prices to read it as a price series' });
  }
  return ['equity'];
}

function dropMissing(name: string, ts: Float64Array, col: Float64Array): ReturnSeries {
  let k = 0;
  for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i] as number)) k++;
  const tsMs = new Float64Array(k);
  const returns = new Float64Array(k);
  k = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i] as number;
    if (Number.isNaN(v)) continue;
    tsMs[k] = ts[i] as number;
    returns[k++] = v;
  }
  return { name, tsMs, returns };
}

/** Returns P_t / P_{t-1} - 1 over the column's non-missing prices (the first one dropped); prices must be > 0. */
function pricesToReturns(file: string, raw: RawTable, name: string, col: Float64Array): ReturnSeries {
  const errors = new ViolationCollector();
  for (let i = 0; i < col.length; i++) {
    const v = col[i] as number;
    if (!Number.isNaN(v) && !(v > 0)) errors.add({ file, ...raw.where(i, raw.names.indexOf(name)), field: name, expected: 'a price > 0 (with --prices)', found: String(v) });
  }
  errors.throwIfAny();
  const p = dropMissing(name, raw.rowTsMs, col);
  // A bt equity curve's first period runs from the initial capital to its first point, as in
  // the run's own metrics.json: keep it, so both give the same figures.
  const base = raw.btKind === 'equity' && name === 'equity' && raw.initialEquity > 0 ? raw.initialEquity : Number.NaN;
  const first = Number.isNaN(base) ? 1 : 0;
  const n = Math.max(p.returns.length - first, 0);
  const returns = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const prev = i + first - 1 < 0 ? base : (p.returns[i + first - 1] as number);
    returns[i] = (p.returns[i + first] as number) / prev - 1;
  }
  return { name, tsMs: p.tsMs.slice(first), returns };
}

/**
 * Turns a long table (one row per date and symbol) into one series per symbol, named after it,
 * from the file's one value column; a symbol's missing dates are missing values. Dates must not
 * go back, and a (date, symbol) pair may appear once.
 */
function pivotBySymbol(file: string, long: RawTable, symbols: readonly string[]): RawTable {
  if (long.names.length !== 1) {
    throw new BtInputError({
      file,
      expected: `one value column besides ${long.dateColumn} and ${SYMBOL_COLUMN} (a long table: date, symbol, value)`,
      found: long.names.length === 0 ? 'none' : long.names.join(', '),
      ...(long.names.length > 1 ? { hint: `Keep one of them in the file: --columns names symbols in a long file, not its columns` } : {}),
    });
  }
  const value = long.values[0] as Float64Array;
  const n = long.rowTsMs.length;
  const dates: number[] = [];
  const rowOfDate = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = long.rowTsMs[i] as number;
    const prev = dates.length === 0 ? -Infinity : (dates[dates.length - 1] as number);
    if (t < prev) {
      throw new BtInputError({ file, ...long.where(i, 0), field: long.dateColumn, expected: 'dates that do not go back (a long table sorted by date)', found: `${isoDate(t)} after ${isoDate(prev)}` });
    }
    if (t > prev) dates.push(t);
    rowOfDate[i] = dates.length - 1;
  }
  // Series in the order of the symbols' names, so the output does not depend on the file's row order.
  const names = [...new Set(symbols)].sort(compareCodeUnits);
  const column = new Map(names.map((name, c) => [name, c]));
  const values = names.map(() => new Float64Array(dates.length).fill(Number.NaN));
  const sourceRow = names.map(() => new Int32Array(dates.length).fill(-1));
  for (let i = 0; i < n; i++) {
    const c = column.get(symbols[i] as string) as number;
    const r = rowOfDate[i] as number;
    const seen = (sourceRow[c] as Int32Array)[r] as number;
    if (seen >= 0) {
      throw new BtInputError({ file, ...long.where(i, 0), field: SYMBOL_COLUMN, expected: `one row per date and symbol`, found: `${symbols[i] as string} again at ${isoDate(dates[r] as number)} (first at ${whereText(long.where(seen, 0))})` });
    }
    (sourceRow[c] as Int32Array)[r] = i;
    (values[c] as Float64Array)[r] = value[i] as number;
  }
  return {
    dateColumn: long.dateColumn,
    rowTsMs: Float64Array.from(dates),
    names,
    values,
    where: (row, col) => long.where(Math.max((sourceRow[col] as Int32Array)[row] as number, 0), 0),
    btKind: long.btKind,
    initialEquity: Number.NaN,
  };
}

function whereText(w: { line: number } | { row: number }): string {
  return 'line' in w ? `line ${w.line}` : `row ${w.row}`;
}

function checkIncreasing(file: string, raw: RawTable): void {
  for (let i = 1; i < raw.rowTsMs.length; i++) {
    if (!((raw.rowTsMs[i] as number) > (raw.rowTsMs[i - 1] as number))) {
      throw new BtInputError({
        file,
        ...raw.where(i, 0),
        field: raw.dateColumn,
        expected: 'dates in increasing order without repeats',
        found: `${isoDate(raw.rowTsMs[i] as number)} after ${isoDate(raw.rowTsMs[i - 1] as number)}`,
      });
    }
  }
}

/** Formats UTC ms as YYYY-MM-DD (with THH:MMZ when not midnight). */
export function isoDate(tsMs: number): string {
  return isoDateFromMs(tsMs);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]00:?00)?)?$/;

/** Parses an ISO date or UTC date-time to epoch ms; NaN when not one. */
export function parseIsoDateMs(text: string): number {
  const m = DATE_RE.exec(text.trim());
  if (m === null) return NaN;
  const g = m.slice(1, 8);
  const num = (k: number): number => (g[k] === undefined ? 0 : Number(g[k]));
  const msText = g[6];
  const ms = msText === undefined ? 0 : Number(msText.padEnd(3, '0'));
  const [y, mo, d] = [num(0), num(1), num(2)];
  // Date rolls a field over (12:60 -> 13:00, 02-30 -> 03-01): a day, hour, minute or second out
  // of range is refused, not read as another time; utcDateMs keeps years 0-99 (Date.UTC: 1900s)
  if (num(3) > 23 || num(4) > 59 || num(5) > 59) return NaN;
  const t = utcDateMs(y, mo, d) + ((num(3) * 60 + num(4)) * 60 + num(5)) * 1000 + ms;
  const back = new Date(t);
  return back.getUTCDate() === d && back.getUTCMonth() === mo - 1 ? t : NaN;
}


/** A value column that holds text on every row with a value (textColumns), and its first row's text. */
interface TextColumn {
  /** Index into the value columns (`valueAt`). */
  readonly column: number;
  readonly firstText: string;
}

/**
 * Returns the value columns that hold text on every row with a value, such as a 'Ticker'
 * column: one error each, rather than one per row. Only columns whose first row is not a number
 * are candidates, all read in one pass over the rows (each line split once), each dropped at its
 * first number and the pass ended when none is left: a file of numbers costs one split.
 */
function textColumns(lines: readonly string[], valueAt: readonly number[], width: number): TextColumn[] {
  const first = lines[1] === undefined ? [] : splitCsvRecord(lines[1]);
  if (first.length !== width) return [];
  let left: TextColumn[] = [];
  for (let c = 0; c < valueAt.length; c++) {
    const head = (first[valueAt[c] as number] as string).trim();
    if (head !== '' && !Number.isFinite(parseDecimal(head))) left.push({ column: c, firstText: head });
  }
  for (let r = 2; r < lines.length && left.length > 0; r++) {
    const fields = splitCsvRecord(lines[r] as string);
    left = left.filter(({ column }) => {
      const v = (fields[valueAt[column] as number] ?? '').trim();
      return v === '' || !Number.isFinite(parseDecimal(v));
    });
  }
  return left;
}

function parseCsv(file: string, text: string, only: ReadonlySet<string> | null): ParsedTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new BtInputError({ file, message: 'the file is empty; expected a header row: a date column, then one column per series' });
  const header = splitCsvRecord(lines[0] as string).map((h) => h.trim());
  if (header.length < 2) throw new BtInputError({ file, line: 1, expected: 'a header with a date column and at least one series column', found: `${header.length} column` });
  const symbolAt = header.indexOf(SYMBOL_COLUMN, 1);
  const names = header.slice(1).filter((_, c) => c + 1 !== symbolAt);
  const valueAt = header.map((_, c) => c).filter((c) => c > 0 && c !== symbolAt);
  const rows = lines.length - 1;
  const rowTsMs = new Float64Array(rows);
  const values = names.map(() => new Float64Array(rows));
  const symbols: string[] | null = symbolAt < 0 ? null : new Array<string>(rows).fill('');
  const errors = new ViolationCollector();
  // a wide file's columns --columns leaves out are not read; a long file's --columns names symbols
  const skip = names.map((name) => symbols === null && only !== null && !only.has(name));
  for (const { column: c, firstText } of textColumns(lines, valueAt, header.length)) {
    if (skip[c] === true) continue;
    skip[c] = true;
    const name = names[c] as string;
    errors.add({
      file,
      line: 2,
      field: name,
      expected: 'a column of numbers (returns, or prices with --prices)',
      found: `text on every row (${JSON.stringify(firstText)} here)`,
      hint: symbols === null ? `A long file (date, symbol, value) names its symbol column '${SYMBOL_COLUMN}'; or name the series to read with --columns` : 'A long file has one value column besides date and symbol',
    });
  }
  for (let r = 0; r < rows; r++) {
    const line = r + 2;
    const fields = splitCsvRecord(lines[r + 1] as string);
    if (fields.length !== header.length) {
      errors.add({ file, line, expected: `${header.length} fields like the header`, found: `${fields.length}` });
      continue;
    }
    const t = parseIsoDateMs(fields[0] as string);
    if (Number.isNaN(t)) errors.add({ file, line, field: header[0] as string, expected: 'a date YYYY-MM-DD (or an ISO UTC date-time)', found: JSON.stringify(fields[0]) });
    rowTsMs[r] = t;
    if (symbols !== null) {
      const symbol = (fields[symbolAt] as string).trim();
      if (symbol === '') errors.add({ file, line, field: SYMBOL_COLUMN, expected: 'a symbol', found: 'an empty field' });
      symbols[r] = symbol;
    }
    for (let c = 0; c < names.length; c++) {
      const col = values[c] as Float64Array;
      if (skip[c] === true) {
        col[r] = NaN; // not read
        continue;
      }
      const s = (fields[valueAt[c] as number] as string).trim();
      if (s === '') {
        col[r] = NaN; // missing
        continue;
      }
      const v = parseDecimal(s);
      if (!Number.isFinite(v)) {
        errors.add({ file, line, field: names[c] as string, expected: 'a finite number (leave the field empty for a missing value)', found: JSON.stringify(s) });
      }
      col[r] = v;
    }
  }
  errors.throwIfAny();
  return { dateColumn: header[0] as string, rowTsMs, names, values, where: (row) => ({ line: row + 2 }), btKind: null, initialEquity: Number.NaN, symbols };
}

function isTextType(t: DataType): boolean {
  return DataType.isUtf8(t) || DataType.isLargeUtf8(t) || (DataType.isDictionary(t) && (DataType.isUtf8(t.valueType) || DataType.isLargeUtf8(t.valueType)));
}

function parseArrow(file: string, bytes: Uint8Array): ParsedTable {
  let table;
  registerArrowCodecs();
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw compressedIpcError(file, err) ?? new BtInputError({ file, message: `the file is not Arrow IPC (${(err as Error).message})` });
  }
  const fields = table.schema.fields;
  const first = fields[0];
  if (first === undefined || fields.length < 2) throw new BtInputError({ file, expected: 'a date column and at least one series column', found: `${fields.length} column(s)` });
  const dates = table.getChild(first.name) as Vector;
  const n = table.numRows;
  const rowTsMs = new Float64Array(n);
  const errors = new ViolationCollector();
  const isTemporal = DataType.isDate(first.type) || DataType.isTimestamp(first.type);
  const isText = isTextType(first.type);
  if (!isTemporal && !isText) throw new BtInputError({ file, field: first.name, expected: 'a Date, Timestamp or string date column first', found: String(first.type) });
  for (let i = 0; i < n; i++) {
    const v: unknown = dates.isValid(i) ? dates.get(i) : null;
    const t = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? parseIsoDateMs(v) : NaN;
    if (!Number.isFinite(t)) errors.add({ file, row: i + 1, field: first.name, expected: 'a date', found: v === null ? 'null' : String(v) });
    rowTsMs[i] = t;
  }
  const symbolField = fields.slice(1).find((f) => f.name === SYMBOL_COLUMN && isTextType(f.type));
  let symbols: string[] | null = null;
  if (symbolField !== undefined) {
    const col = table.getChild(symbolField.name) as Vector;
    symbols = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const v: unknown = col.isValid(i) ? col.get(i) : null;
      if (typeof v !== 'string' || v === '') errors.add({ file, row: i + 1, field: SYMBOL_COLUMN, expected: 'a symbol', found: v === null ? 'null' : JSON.stringify(v) });
      symbols[i] = typeof v === 'string' ? v : '';
    }
  }
  const valueFields = fields.slice(1).filter((f) => f !== symbolField);
  const names = valueFields.map((f) => f.name);
  const values = valueFields.map((f) => {
    if (!(DataType.isFloat(f.type) || DataType.isInt(f.type))) {
      errors.add({ file, field: f.name, expected: 'a numeric (float or integer) column', found: String(f.type) });
      return new Float64Array(n);
    }
    const col = table.getChild(f.name) as Vector;
    const raw = col.toArray() as ArrayLike<number | bigint>;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (col.nullCount > 0 && !col.isValid(i)) {
        out[i] = NaN; // null = missing
        continue;
      }
      const v = Number(raw[i]);
      if (!Number.isFinite(v)) errors.add({ file, row: i + 1, field: f.name, expected: 'a finite number (null for a missing value)', found: String(v) });
      out[i] = v;
    }
    return out;
  });
  errors.throwIfAny();
  return { dateColumn: first.name, rowTsMs, names, values, where: (row) => ({ row: row + 1 }), btKind: table.schema.metadata.get('bt.kind') ?? null, initialEquity: Number(table.schema.metadata.get('bt.initial_equity') ?? Number.NaN), symbols };
}
