import type { Data, RecordBatch, Vector } from 'apache-arrow';
import { BtInputError } from '../core/errors.js';
import { msOfInt64 } from '../core/int64-ms.js';
import { LOGGED_EVENT_KINDS, type LoggedEventKind } from '../events/event.js';
import type { LoggedEvent } from '../run/apply-event.js';
import { openAnyArrowFile } from '../../datasets/read/open-arrow-file.js';

/** A logged event with its text column (reasons, model fits). */
export interface LoggedEventWithText extends LoggedEvent {
  readonly text: string | null;
}

function column(b: RecordBatch, name: string, file: string): Vector {
  const v = b.getChild(name);
  if (v === null) throw new BtInputError({ file, field: name, expected: 'a column of the events schema', found: 'none' });
  return v;
}

function dictStrings(v: Vector): (string | null)[] {
  const out: (string | null)[] = new Array(v.length);
  let i = 0;
  for (const d of v.data as Data[]) {
    const dict = d.dictionary ? (d.dictionary.toArray() as string[]) : [];
    const codes = d.values as Int32Array;
    for (let j = 0; j < d.length; j++, i++) out[i] = d.getValid(j) ? (dict[codes[j] as number] ?? null) : null;
  }
  return out;
}

function floats(v: Vector): Float64Array {
  const out = new Float64Array(v.length);
  let i = 0;
  for (const d of v.data as Data[]) {
    const vals = d.values as Float64Array;
    for (let j = 0; j < d.length; j++, i++) out[i] = d.getValid(j) ? (vals[j] as number) : Number.NaN;
  }
  return out;
}

function epochMs(v: Vector): Float64Array {
  const out = new Float64Array(v.length);
  let i = 0;
  for (const d of v.data as Data[]) {
    const halves = new Int32Array((d.values as BigInt64Array).buffer, (d.values as BigInt64Array).byteOffset, d.length * 2);
    for (let j = 0; j < d.length; j++, i++) out[i] = msOfInt64(halves[2 * j] as number, halves[2 * j + 1] as number);
  }
  return out;
}

/**
 * Visits a run's events.arrow row by row, in log order, one record batch in memory at a time
 * (bt run spills the log in batches: an L run's file passes 2 GiB). `row` is 0-based.
 */
export function forEachEvent(path: string, visit: (e: LoggedEventWithText, row: number) => void): number {
  const file = openAnyArrowFile(path);
  let row = 0;
  for (const b of file.batches()) {
    const kinds = dictStrings(column(b, 'kind', path));
    const agent = dictStrings(column(b, 'agent', path));
    const symbol = dictStrings(column(b, 'symbol', path));
    const strategy = dictStrings(column(b, 'strategy', path));
    const v1 = floats(column(b, 'v1', path));
    const v2 = floats(column(b, 'v2', path));
    const v3 = floats(column(b, 'v3', path));
    const ts = epochMs(column(b, 'ts', path));
    const text = b.getChild('text');
    for (let i = 0; i < b.numRows; i++, row++) {
      const k = kinds[i];
      if (k === null || k === undefined || !(LOGGED_EVENT_KINDS as readonly string[]).includes(k)) {
        throw new BtInputError({ file: path, row: row + 1, field: 'kind', expected: `one of ${LOGGED_EVENT_KINDS.join(', ')}`, found: String(k) });
      }
      const x: unknown = text?.get(i);
      visit({ kind: k as LoggedEventKind, tsMs: ts[i] as number, agent: agent[i] ?? null, symbol: symbol[i] ?? null, strategy: strategy[i] ?? null, v1: v1[i] as number, v2: v2[i] as number, v3: v3[i] as number, text: typeof x === 'string' ? x : null }, row);
    }
  }
  return row;
}

/** Reads a run's events.arrow into decoded events (with their text), in log order. */
export function readEventsArrow(path: string): LoggedEventWithText[] {
  const out: LoggedEventWithText[] = [];
  forEachEvent(path, (e) => out.push(e));
  return out;
}
