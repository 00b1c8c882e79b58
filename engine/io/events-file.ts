/**
 * events.arrow: the run's event log as Arrow columns. In memory (eventsColumns, for
 * runOutputFiles) or written batch by batch as the log spills (openEventsFile, for
 * `bt run --out`): the same batches either way, so the same bytes.
 */
import { readFileSync } from 'node:fs';
import { LOGGED_EVENT_KINDS } from '../events/event.js';
import { spillEventLog, type EventLog, type EventLogSink } from '../events/log.js';
import { collectMultipliers } from '../events/multiplier-series.js';
import type { GovernanceLogCollector } from '../events/governance-log-collector.js';
import type { GovernanceLog } from '../governance/governance-log.js';
import type { KeyedSeries } from '../events/keyed-series.js';
import type { RecordBatch } from 'apache-arrow';
import { btKindMetadata, ipcLayout, newBatchScratch, recordBatchOf, type BatchScratch, type OutColumn, type PlaceBody } from './arrow-table.js';
import { openIpcFileStream, recordBatchMessageBytes } from './ipc-file-stream.js';
import { faultPoint } from './output-fs.js';

/** The names a log's ids index. */
export interface EventNames {
  readonly agents: readonly string[];
  readonly symbols: readonly string[];
  readonly strategies: readonly string[];
}

export const EVENTS_METADATA = btKindMetadata('events');

/** Returns rows [0, log.length) of the log as events.arrow's columns; seq counts from the rows already spilled. */
export function eventsColumns(log: EventLog, names: EventNames): OutColumn[] {
  const n = log.length;
  return [
    { name: 'seq', type: 'uint32-count', from: log.spilled },
    { name: 'ts', type: 'timestamp-ms', values: log.tsMs.subarray(0, n) },
    { name: 'kind', type: 'dict-u8', codes: log.kind.subarray(0, n), dictionary: LOGGED_EVENT_KINDS },
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

/**
 * Returns an encoder for batches of up to `batchRows` rows (a larger one gets scratch of its own
 * size). With `reserve` (the output's memory past what is written: IpcFileStream.reserve), each
 * batch after the first is built where the writer will write its body, so it is not copied
 * there: its message's size is the first batch's (recordBatchMessageBytes).
 */
export function eventsBatchEncoder(names: EventNames, batchRows: number, write: (batch: RecordBatch) => void, reserve: ((skip: number, bytes: number) => Uint8Array | null) | null = null): EventsBatchEncoder {
  let layout: ReturnType<typeof ipcLayout> | null = null;
  let batchScratch: BatchScratch | null = null;
  let batchCapacity = 0;
  let batches = 0;
  /** Bytes of a batch's message before its body; 0 until the first batch (written after the dictionaries) is known. */
  let messageBytes = 0;
  const place: PlaceBody | null = reserve === null ? null : (at, bytes) => reserve(messageBytes + at, bytes);
  const append = (log: EventLog): void => {
    const cols = eventsColumns(log, names);
    layout ??= ipcLayout(cols, EVENTS_METADATA);
    if (batchScratch === null || log.length > batchCapacity) {
      batchCapacity = Math.max(batchRows, log.length);
      batchScratch = newBatchScratch(cols, batchCapacity);
    }
    const batch = recordBatchOf(layout, cols, 0, log.length, batchScratch, messageBytes > 0 && log.length > 0 ? place : null);
    if (place !== null && messageBytes === 0 && log.length > 0) messageBytes = recordBatchMessageBytes(batch);
    write(batch);
    batches += 1;
  };
  return { append, batches: () => batches };
}

/** events.arrow being written as the log spills. */
export interface EventsFile {
  readonly sink: EventLogSink;
  /** The multiplier_updated rows written so far, when openEventsFile was asked to collect them (else null). */
  readonly multipliers: () => KeyedSeries | null;
  /** The governance log of the rows written, when asked for (else null); after finish. */
  readonly governanceLog: () => GovernanceLog | null;
  /** Spills the log's last rows, writes the footer and returns the file's sha256 (hex). */
  readonly finish: (log: EventLog) => string;
  readonly abort: () => void;
}

/** What openEventsFile keeps of the rows as they pass, so that nothing reads the whole file back. */
export interface EventsFileCollect {
  /** The multiplier_updated rows, which the run's report charts (engine/events/multiplier-series.ts). */
  readonly multipliers?: boolean;
  /** A collector of the governance log, which `bt run --governance` builds its files from (engine/events/governance-log-collector.ts; the caller loads it only then). */
  readonly governance?: GovernanceLogCollector;
}

/** Creates `path` and returns the sink that appends each spilled batch to it as one record batch, keeping what `collect` asks for. */
export function openEventsFile(path: string, names: EventNames, batchRows: number, collect: EventsFileCollect = {}): EventsFile {
  const file = openIpcFileStream(path);
  const encoder = eventsBatchEncoder(names, batchRows, file.write, file.reserve);
  const multipliers = collect.multipliers === true ? collectMultipliers(names.agents) : null;
  const governance = collect.governance ?? null;
  let governanceLog: GovernanceLog | null = null;
  const append = (log: EventLog): void => {
    multipliers?.add(log);
    governance?.add(log);
    encoder.append(log);
    faultPoint('spilled'); // a kill test's pause: the run is mid-way, its log partly in the temp folder
  };
  const sink: EventLogSink = { append };
  return {
    sink,
    multipliers: () => multipliers?.series() ?? null,
    governanceLog: () => (governanceLog ??= governance?.finish() ?? null),
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
