/**
 * Input records of CSV, JSONL (streamed line by line) and JSON (read whole: arrays of
 * objects, or the seeds' object maps such as agent_schedule.json {agent: {...}}).
 * Every record carries its 1-based line (CSV, JSONL) or row (JSON) for error messages.
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { BtInputError } from '../../engine/core/errors.js';
import { countQuotes, splitCsvRecord } from './csv-line.js';
import { readFileBytes } from '../read/open-arrow-file.js';

/** Input formats of `bt data import`. */
export const INPUT_FORMATS = ['csv', 'jsonl', 'json'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** One input record: cells aligned with the source's columns. */
export interface InputRecord {
  readonly line?: number;
  readonly row?: number;
  readonly cells: readonly unknown[];
}

/** An opened input: its columns (CSV header, or the first JSON record's keys) and its records. */
export interface RecordSource {
  readonly columns: readonly string[];
  readonly records: AsyncIterable<InputRecord>;
}

/** Returns the input format from `--format` or the file extension (.csv, .jsonl/.ndjson, .json). */
export function detectFormat(file: string, explicit: string | undefined): InputFormat {
  const pick = explicit ?? (/\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : /\.json$/i.test(file) ? 'json' : /\.(csv|txt)$/i.test(file) ? 'csv' : undefined);
  if (pick === undefined || !(INPUT_FORMATS as readonly string[]).includes(pick)) {
    throw new BtInputError({ file, field: '--format', expected: `one of ${INPUT_FORMATS.join(', ')} (or a .csv, .jsonl, .ndjson or .json file name)`, found: pick === undefined ? 'an unknown extension' : `'${pick}'` });
  }
  return pick as InputFormat;
}

async function* physicalLines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) yield line;
}

/** Opens a CSV file: the first record is the header; quoted fields may span lines. */
export async function openCsv(file: string): Promise<RecordSource> {
  readFileBytesCheck(file);
  const it = csvRecords(file)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done === true) throw new BtInputError({ file, expected: 'a CSV header line', found: 'an empty file' });
  const columns = first.value.cells.map((c) => String(c).replace(/^\uFEFF/, '').trim());
  const records: AsyncIterable<InputRecord> = { [Symbol.asyncIterator]: () => it };
  return { columns, records };
}

async function* csvRecords(file: string): AsyncGenerator<InputRecord> {
  let lineNo = 0;
  let pending: string | undefined;
  let start = 0;
  for await (const raw of physicalLines(file)) {
    lineNo++;
    if (pending === undefined) start = lineNo;
    const text = pending === undefined ? raw : `${pending}\n${raw}`;
    if (countQuotes(text) % 2 === 1) {
      pending = text;
      continue;
    }
    pending = undefined;
    if (text.trim() === '') continue;
    yield { line: start, cells: splitCsvRecord(text) };
  }
  if (pending !== undefined) throw new BtInputError({ file, line: start, expected: 'a closing quote', found: 'the end of the file' });
}

/** Opens a JSONL file: one JSON object per line; the first object's keys are the columns. */
export async function openJsonl(file: string): Promise<RecordSource> {
  readFileBytesCheck(file);
  const it = jsonlObjects(file)[Symbol.asyncIterator]();
  const first = await it.next();
  const columns = first.done === true ? [] : Object.keys(first.value.obj);
  async function* records(): AsyncGenerator<InputRecord> {
    if (first.done === true) return;
    yield { line: first.value.line, cells: columns.map((c) => first.value.obj[c]) };
    for (let r = await it.next(); r.done !== true; r = await it.next()) yield { line: r.value.line, cells: columns.map((c) => r.value.obj[c]) };
  }
  return { columns, records: records() };
}

async function* jsonlObjects(file: string): AsyncGenerator<{ line: number; obj: Record<string, unknown> }> {
  let lineNo = 0;
  for await (const raw of physicalLines(file)) {
    lineNo++;
    if (raw.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (err) {
      throw new BtInputError({ file, line: lineNo, expected: 'one JSON object per line', found: `invalid JSON (${err instanceof Error ? err.message : String(err)})` });
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new BtInputError({ file, line: lineNo, expected: 'a JSON object', found: Array.isArray(obj) ? 'an array' : String(obj) });
    yield { line: lineNo, obj: obj as Record<string, unknown> };
  }
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
  let objs: Record<string, unknown>[];
  if (Array.isArray(doc)) objs = doc as Record<string, unknown>[];
  else if (typeof doc === 'object' && doc !== null) {
    objs = Object.entries(doc as Record<string, unknown>).map(([k, val]) => ({ ...(typeof val === 'object' && val !== null ? val : { value: val }), [mapKeyField]: k }));
  } else throw new BtInputError({ file, expected: 'a JSON array of objects or an object map', found: String(doc) });
  objs.forEach((o, i) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new BtInputError({ file, row: i + 1, expected: 'a JSON object', found: JSON.stringify(o) ?? 'undefined' });
  });
  const columns = objs.length === 0 ? [] : Object.keys(objs[0] ?? {});
  async function* records(): AsyncGenerator<InputRecord> {
    for (let i = 0; i < objs.length; i++) yield { row: i + 1, cells: columns.map((c) => objs[i]?.[c]) };
  }
  return { columns, records: records() };
}

function readFileBytesCheck(file: string): void {
  try {
    if (!statSync(file).isFile()) throw new BtInputError({ file, expected: 'a file', found: 'a folder' });
  } catch (err) {
    if (err instanceof BtInputError) throw err;
    throw new BtInputError({ file, message: 'file not found' });
  }
}
