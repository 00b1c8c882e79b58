/**
 * events.arrow: the run's event log as Arrow columns. In memory (eventsColumns, for
 * runOutputFiles) or written batch by batch as the log spills (openEventsFile, for
 * `bt run --out`): the same batches either way, so the same bytes.
 */
import { readFileSync } from 'node:fs';
import { LOGGED_EVENT_KINDS } from '../events/event.js';
import { spillEventLog, type EventLog, type EventLogSink } from '../events/log.js';
import type { RecordBatch } from 'apache-arrow';
import { ipcLayout, newBatchScratch, recordBatchOf, type BatchScratch, type OutColumn } from './arrow-table.js';
import { openIpcFileStream } from './ipc-file-stream.js';
import { faultPoint } from './output-fs.js';

/** The names a log's ids index. */
export interface EventNames {
  readonly agents: readonly string[];
  readonly symbols: readonly string[];
  readonly strategies: readonly string[];
}

/** Scratch columns sized once for a batch (reused: the writer copies them out). */
interface EventScratch {
  seq: Uint32Array;
  kind: Int32Array;
}

function scratchFor(n: number): EventScratch {
  return { seq: new Uint32Array(n), kind: new Int32Array(n) };
}

/** Writes start, start + 1, ... into the first n slots of `out` (a loop of its own: V8 optimizes it once for every batch). */
function countInto(out: Uint32Array, start: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] = start + i;
}

export const EVENTS_METADATA: ReadonlyMap<string, string> = new Map([['bt.kind', 'events']]);

/** Returns rows [0, log.length) of the log as events.arrow's columns; seq counts from the rows already spilled. */
export function eventsColumns(log: EventLog, names: EventNames, scratch: EventScratch = scratchFor(log.length)): OutColumn[] {
  const n = log.length;
  countInto(scratch.seq, log.spilled, n);
  scratch.kind.set(log.kind.subarray(0, n)); // widened to the dictionary's int32 keys
  return [
    { name: 'seq', type: 'uint32', values: scratch.seq.subarray(0, n) },
    { name: 'ts', type: 'timestamp-ms', values: log.tsMs.subarray(0, n) },
    { name: 'kind', type: 'dict', codes: scratch.kind.subarray(0, n), dictionary: LOGGED_EVENT_KINDS },
    { name: 'agent', type: 'dict', codes: log.agent.subarray(0, n), dictionary: names.agents },
    { name: 'symbol', type: 'dict', codes: log.symbol.subarray(0, n), dictionary: names.symbols },
    { name: 'strategy', type: 'dict', codes: log.strategy.subarray(0, n), dictionary: names.strategies },
    { name: 'v1', type: 'float64', values: log.v1.subarray(0, n) },
    { name: 'v2', type: 'float64', values: log.v2.subarray(0, n) },
    { name: 'v3', type: 'float64', values: log.v3.subarray(0, n) },
    // the texts by the rows' indices: a row without text is null
    { name: 'text', type: 'utf8-indexed', ids: log.textId.subarray(0, n), texts: log.texts },
  ];
}

/**
 * Encodes batches of a log as events.arrow's record batches, one per `append`, each handed to
 * `write` (its buffers are reused by the next append: `write` copies or writes them out).
 */
export interface EventsBatchEncoder {
  readonly append: (log: EventLog) => void;
  /** Batches appended so far. */
  readonly batches: () => number;
}

/** Returns an encoder for batches of up to `batchRows` rows (a larger one gets scratch of its own size). */
export function eventsBatchEncoder(names: EventNames, batchRows: number, write: (batch: RecordBatch) => void): EventsBatchEncoder {
  let scratch = scratchFor(batchRows);
  let layout: ReturnType<typeof ipcLayout> | null = null;
  let batchScratch: BatchScratch | null = null;
  let batchCapacity = 0;
  let batches = 0;
  const append = (log: EventLog): void => {
    if (log.length > scratch.seq.length) scratch = scratchFor(log.length);
    const cols = eventsColumns(log, names, scratch);
    layout ??= ipcLayout(cols, EVENTS_METADATA);
    if (batchScratch === null || log.length > batchCapacity) {
      batchCapacity = Math.max(batchRows, log.length);
      batchScratch = newBatchScratch(cols, batchCapacity);
    }
    write(recordBatchOf(layout, cols, 0, log.length, batchScratch));
    batches += 1;
  };
  return { append, batches: () => batches };
}

/** events.arrow being written as the log spills. */
export interface EventsFile {
  readonly sink: EventLogSink;
  /** Spills the log's last rows, writes the footer and returns the file's sha256 (hex). */
  readonly finish: (log: EventLog) => string;
  readonly abort: () => void;
}

/** Creates `path` and returns the sink that appends each spilled batch to it as one record batch. */
export function openEventsFile(path: string, names: EventNames, batchRows: number): EventsFile {
  const file = openIpcFileStream(path);
  const encoder = eventsBatchEncoder(names, batchRows, file.write);
  const append = (log: EventLog): void => {
    encoder.append(log);
    faultPoint('spilled'); // a kill test's pause: the run is mid-way, its log partly in the temp folder
  };
  const sink: EventLogSink = { append };
  return {
    sink,
    finish: (log) => {
      spillEventLog(log);
      if (encoder.batches() === 0) append(log); // an empty log is one empty batch, as columnsToIpc writes it
      return file.finish();
    },
    abort: file.abort,
  };
}

/** Reads a written events.arrow back (the library's result after `out`: the log is not kept in memory). */
export function readEventsFileBytes(path: string): Uint8Array {
  return readFileSync(path);
}
