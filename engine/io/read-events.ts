import { readFileSync } from 'node:fs';
import { tableFromIPC, type Data, type Vector } from 'apache-arrow';
import { BtInputError } from '../core/errors.js';
import { LOGGED_EVENT_KINDS, type LoggedEventKind } from '../events/event.js';
import type { LoggedEvent } from '../run/apply-event.js';

function dictStrings(v: Vector | null, n: number, file: string, name: string): (string | null)[] {
  if (v === null) throw new BtInputError({ file, field: name, expected: 'a column of the events schema', found: 'none' });
  const out: (string | null)[] = new Array(n);
  let i = 0;
  for (const d of v.data as Data[]) {
    const dict = d.dictionary ? (d.dictionary.toArray() as string[]) : [];
    const codes = d.values as Int32Array;
    for (let j = 0; j < d.length; j++, i++) out[i] = d.getValid(j) ? (dict[codes[j] as number] ?? null) : null;
  }
  return out;
}

function floats(v: Vector | null, n: number, file: string, name: string): Float64Array {
  if (v === null) throw new BtInputError({ file, field: name, expected: 'a column of the events schema', found: 'none' });
  const out = new Float64Array(n);
  let i = 0;
  for (const d of v.data as Data[]) {
    const vals = d.values as Float64Array;
    for (let j = 0; j < d.length; j++, i++) out[i] = d.getValid(j) ? (vals[j] as number) : Number.NaN;
  }
  return out;
}

/** Reads a run's events.arrow into decoded events, in log order. */
export function readEventsArrow(path: string, display: string): LoggedEvent[] {
  let table;
  try {
    table = tableFromIPC(readFileSync(path));
  } catch (err) {
    throw new BtInputError({ file: display, expected: 'an Arrow IPC file written by bt run', found: err instanceof Error ? err.message : String(err) });
  }
  const n = table.numRows;
  const kinds = dictStrings(table.getChild('kind'), n, display, 'kind');
  const agent = dictStrings(table.getChild('agent'), n, display, 'agent');
  const symbol = dictStrings(table.getChild('symbol'), n, display, 'symbol');
  const strategy = dictStrings(table.getChild('strategy'), n, display, 'strategy');
  const v1 = floats(table.getChild('v1'), n, display, 'v1');
  const v2 = floats(table.getChild('v2'), n, display, 'v2');
  const v3 = floats(table.getChild('v3'), n, display, 'v3');
  const ts = table.getChild('ts');
  const tsMs = new Float64Array(n);
  if (ts !== null) {
    let i = 0;
    for (const d of ts.data as Data[]) {
      const halves = new Int32Array((d.values as BigInt64Array).buffer, (d.values as BigInt64Array).byteOffset, d.length * 2);
      for (let j = 0; j < d.length; j++, i++) tsMs[i] = (halves[2 * j + 1] as number) * 4294967296 + ((halves[2 * j] as number) >>> 0);
    }
  }
  const out: LoggedEvent[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = kinds[i];
    if (k === null || k === undefined || !(LOGGED_EVENT_KINDS as readonly string[]).includes(k)) {
      throw new BtInputError({ file: display, row: i + 1, field: 'kind', expected: `one of ${LOGGED_EVENT_KINDS.join(', ')}`, found: String(k) });
    }
    out[i] = { kind: k as LoggedEventKind, tsMs: tsMs[i] as number, agent: agent[i] ?? null, symbol: symbol[i] ?? null, strategy: strategy[i] ?? null, v1: v1[i] as number, v2: v2[i] as number, v3: v3[i] as number };
  }
  return out;
}
