/**
 * Input records of CSV, JSONL (streamed line by line) and JSON (read whole: arrays of
 * objects, or the seeds' object maps such as agent_schedule.json {agent: {...}}); Arrow IPC
 * files in arrow-records.ts.
 * Every record carries its 1-based line (CSV, JSONL) or row (JSON) for error messages.
 */
import { firstDuplicateJsonKey, lineOfOffset } from './duplicate-json-key.js';
import { statSync } from 'node:fs';
import { BtInputError } from '../../engine/core/errors.js';
import { countQuotes, splitCsvRecord, splitPlainRecord } from '../../engine/io/csv-line.js';
import { readFileBytes } from '../read/open-arrow-file.js';
import { readLineBatches } from './line-batches.js';

/** Input formats of `bt data import`. */
export const INPUT_FORMATS = ['csv', 'jsonl', 'json', 'arrow'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** One input record: cells aligned with the source's columns. */
export interface InputRecord {
  readonly line?: number;
  readonly row?: number;
  readonly cells: readonly unknown[];
}

/** An opened input: its columns (CSV header, or every JSON record's keys) and its records, one by one or in batches (read one of the two, once). */
export interface RecordSource {
  readonly columns: readonly string[];
  readonly records: AsyncIterable<InputRecord>;
  readonly batches: AsyncIterable<readonly InputRecord[]>;
}

/** Returns the input format from `--format` or the file extension (.csv, .jsonl/.ndjson, .json, .arrow/.ipc/.feather). */
export function detectFormat(file: string, explicit: string | undefined): InputFormat {
  const pick = explicit ?? (/\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : /\.json$/i.test(file) ? 'json' : /\.(csv|txt)$/i.test(file) ? 'csv' : /\.(arrow|ipc|feather)$/i.test(file) ? 'arrow' : undefined);
  if (pick === undefined || !(INPUT_FORMATS as readonly string[]).includes(pick)) {
    throw new BtInputError({ file, field: '--format', expected: `one of ${INPUT_FORMATS.join(', ')} (or a .csv, .jsonl, .ndjson, .json, .arrow, .ipc or .feather file name)`, found: pick === undefined ? 'an unknown extension' : `'${pick}'` });
  }
  return pick as InputFormat;
}

/** Opens a CSV file: the first record is the header; quoted fields may span lines. */
export async function openCsv(file: string): Promise<RecordSource> {
  readFileBytesCheck(file);
  const it = csvRecordBatches(file)[Symbol.asyncIterator]();
  let first = await it.next();
  while (first.done !== true && first.value.length === 0) first = await it.next();
  if (first.done === true) throw new BtInputError({ file, expected: 'a CSV header line', found: 'an empty file' });
  const head = first.value;
  const columns = (head[0]?.cells ?? []).map((c) => String(c).replace(/^\uFEFF/, '').trim());
  // one column whose name holds ';' or a tab is a file of another separator: refused here, where a
  // missing column would suggest '--map ts;symbol;close=ts'
  const only = columns.length === 1 ? (columns[0] as string) : '';
  const separator = only.includes(';') ? "';'" : only.includes('\t') ? 'tabs' : null;
  if (separator !== null) {
    throw new BtInputError({ file, line: 1, expected: 'a header of comma-separated column names (bt reads CSV with commas)', found: `fields separated by ${separator} ('${only.replaceAll('\t', '\\t')}')`, hint: 'Export the file with commas between fields (and points in numbers: 1.5, not 1,5)' });
  }
  // A row with more or fewer fields than the header has no one reading: '2020-01-01,AAA,1,000'
  // would import as close 1 with the rest dropped.
  const checked = (rows: InputRecord[]): InputRecord[] => {
    for (const r of rows) {
      if (r.cells.length !== columns.length) {
        throw new BtInputError({ file, ...(r.line !== undefined ? { line: r.line } : {}), expected: `${columns.length} fields like the header`, found: `${r.cells.length}`, ...(r.cells.length > columns.length ? { hint: 'Quote a field that holds a comma ("1,000")' } : {}) });
      }
    }
    return rows;
  };
  return fromBatches(columns, async function* () {
    if (head.length > 1) yield checked(head.slice(1));
    for (let r = await it.next(); r.done !== true; r = await it.next()) if (r.value.length > 0) yield checked(r.value);
  });
}

async function* csvRecordBatches(file: string): AsyncGenerator<InputRecord[]> {
  let lineNo = 0;
  // the lines of a record whose quote is still open, joined once it closes: re-joining and
  // re-counting the record so far at every line took 89 s to reach the end of a 2.8 MB file
  // after a stray quote on its line 2
  let pending: string[] | undefined;
  let start = 0;
  for await (const lines of readLineBatches(file)) {
    const out: InputRecord[] = [];
    for (const raw of lines) {
      lineNo++;
      if (pending === undefined && raw.indexOf('"') < 0) {
        // fast path: no quotes, so the line is the record and a plain split is the parse
        if (raw.indexOf(',') < 0 && raw.trim() === '') continue;
        out.push({ line: lineNo, cells: splitPlainRecord(raw) });
        continue;
      }
      const open = pending === undefined ? countQuotes(raw) % 2 === 1 : countQuotes(raw) % 2 === 0;
      if (pending === undefined) start = lineNo;
      if (open) {
        (pending ??= []).push(raw);
        continue;
      }
      const text = pending === undefined ? raw : `${pending.join('\n')}\n${raw}`;
      pending = undefined;
      if (text.trim() === '') continue;
      out.push({ line: start, cells: splitCsvRecord(text) });
    }
    yield out;
  }
  if (pending !== undefined) {
    throw new BtInputError({ file, line: start, expected: 'a closing quote', found: 'the end of the file', hint: 'A quote opens a quoted field that runs to the next quote, across lines; a quote inside a value is written doubled in a quoted field ("5"" bond")' });
  }
}

/**
 * Opens a JSONL file: one JSON object per line; the columns are every object's keys, in the
 * order they first appear (a pass over the file's keys before the records are read), so a key
 * the first object leaves out, as an exporter skipping nulls does, is read from the objects
 * that give it rather than dropped.
 */
export async function openJsonl(file: string): Promise<RecordSource> {
  readFileBytesCheck(file);
  const columns = await jsonlKeys(file);
  const it = jsonlObjectBatches(file)[Symbol.asyncIterator]();
  let first = await it.next();
  while (first.done !== true && first.value.length === 0) first = await it.next();
  if (first.done === true) return fromBatches([], async function* () {});
  const head = first.value;
  const toRecords = (objs: readonly JsonlObject[]): InputRecord[] => objs.map((o) => ({ line: o.line, cells: columns.map((c) => o.obj[c]) }));
  return fromBatches(columns, async function* () {
    yield toRecords(head);
    for (let r = await it.next(); r.done !== true; r = await it.next()) if (r.value.length > 0) yield toRecords(r.value);
  });
}

/** Every key of the file's JSON objects in first-appearance order (a line that is no object is left to the record pass, which reports it at its line). */
async function jsonlKeys(file: string): Promise<string[]> {
  const keys = new Set<string>();
  for await (const lines of readLineBatches(file)) {
    for (const raw of lines) {
      if (raw.trim() === '') continue;
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch {
        continue;
      }
      if (typeof obj === 'object' && obj !== null && !Array.isArray(obj)) for (const k of Object.keys(obj)) keys.add(k);
    }
  }
  return [...keys];
}

/** Every object's keys in first-appearance order: the columns of a JSON array or map. */
function objectKeys(objs: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const o of objs) for (const k of Object.keys(o)) keys.add(k);
  return [...keys];
}

interface JsonlObject {
  readonly line: number;
  readonly obj: Record<string, unknown>;
}

async function* jsonlObjectBatches(file: string): AsyncGenerator<JsonlObject[]> {
  let lineNo = 0;
  for await (const lines of readLineBatches(file)) {
    const out: JsonlObject[] = [];
    for (const raw of lines) {
      lineNo++;
      if (raw.trim() === '') continue;
      const obj = parseJsonlObject(file, lineNo, raw);
      if (obj instanceof BtInputError) {
        // the records before the bad line go first, as when the file was read line by line
        if (out.length > 0) yield out;
        throw obj;
      }
      out.push({ line: lineNo, obj });
    }
    yield out;
  }
}

/** The error for a key an object holds twice (JSON.parse would keep the last silently; a CSV's duplicate column is refused too). */
function duplicateKeyError(file: string, line: number, key: string): BtInputError {
  return new BtInputError({ file, line, expected: 'each key once in an object', found: `the key ${JSON.stringify(key)} twice (JSON keeps the last value silently)`, hint: 'Remove one of them, or fix the tool that wrote the file' });
}

/** Returns the object on one JSONL line, or the input error describing why it is not one. */
function parseJsonlObject(file: string, line: number, raw: string): Record<string, unknown> | BtInputError {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch (err) {
    return new BtInputError({ file, line, expected: 'one JSON object per line', found: `invalid JSON (${err instanceof Error ? err.message : String(err)})` });
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return new BtInputError({ file, line, expected: 'a JSON object', found: Array.isArray(obj) ? 'an array' : String(obj) });
  const twice = firstDuplicateJsonKey(raw);
  if (twice !== null) return duplicateKeyError(file, line, twice.key);
  return obj as Record<string, unknown>;
}

/** Returns a source whose `records` walk the batches made by `batches` (one pass). */
export function fromBatches(columns: readonly string[], batches: () => AsyncGenerator<readonly InputRecord[]>): RecordSource {
  const gen = batches();
  async function* records(): AsyncGenerator<InputRecord> {
    for await (const b of gen) yield* b;
  }
  return { columns, batches: gen, records: records() };
}

/** Opens a JSON file: an array of objects, or an object map {key: {...}} whose key fills `mapKeyField`. */
export function openJson(file: string, mapKeyField: string): RecordSource {
  const text = Buffer.from(readFileBytes(file)).toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new BtInputError({ file, expected: 'valid JSON', found: err instanceof Error ? err.message : String(err) });
  }
  const twice = firstDuplicateJsonKey(text);
  if (twice !== null) throw duplicateKeyError(file, lineOfOffset(text, twice.offset), twice.key);
  let objs: Record<string, unknown>[];
  if (Array.isArray(doc)) objs = doc as Record<string, unknown>[];
  else if (typeof doc === 'object' && doc !== null) {
    objs = Object.entries(doc as Record<string, unknown>).map(([k, val]) => ({ ...(typeof val === 'object' && val !== null ? val : { value: val }), [mapKeyField]: k }));
  } else throw new BtInputError({ file, expected: 'a JSON array of objects or an object map', found: String(doc) });
  objs.forEach((o, i) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new BtInputError({ file, row: i + 1, expected: 'a JSON object', found: JSON.stringify(o) ?? 'undefined' });
  });
  // every object's keys, not the first's: a key the first leaves out is read where others give it
  const columns = objectKeys(objs);
  return fromBatches(columns, async function* () {
    yield objs.map((o, i) => ({ row: i + 1, cells: columns.map((c) => o[c]) }));
  });
}

function readFileBytesCheck(file: string): void {
  try {
    if (!statSync(file).isFile()) throw new BtInputError({ file, expected: 'a file', found: 'a folder' });
  } catch (err) {
    if (err instanceof BtInputError) throw err;
    throw new BtInputError({ file, message: 'file not found' });
  }
}
