import { resizedTo } from '../core/growable.js';
import { KIND_CODE, type LoggedEventKind } from './event.js';
import type { ScoreLinearModel } from '../modules/reconcile/reconcile.js';
import { appendOutcomes, newOutcomeTable, OUTCOME_BLOCK, rowsConsecutive, type OutcomeTable } from './outcome-table.js';
import { forEachEventBatch, type OutcomeKeys } from './event-batches.js';
import { newTargetsTable, TARGETS_BLOCK, type TargetColumns, type TargetsTable } from './targets-table.js';
import { FILL_BLOCK, newFillTable, type FillTable } from './fill-table.js';

/** Receives each full batch of a spilling log: rows [0, log.length) (texts by log.texts), read before the call returns. */
export interface EventLogSink {
  readonly append: (log: EventLog) => void;
}

/** Where a run's event log goes instead of memory: `sink`, fed in batches of `batchRows` as the log fills. */
export interface EventSpill {
  readonly sink: EventLogSink;
  readonly batchRows: number;
}

/**
 * Append-only columnar event log (kernel state). Rows are appended in event order, which
 * is the stream's total order, so the log is deterministic. Without a sink it holds every
 * row (growing by doubling); with one it is a fixed batch of `kind.length` rows handed to
 * the sink whenever it fills, so a run's memory does not grow with its log.
 * Without a sink a block of outcome rows may be held compactly: one OUTCOME_BLOCK row here,
 * its outcomes' values in `outcomes` (outcome-table.ts); a rebalance's targets_set rows as one
 * TARGETS_BLOCK row pointing into the run's target output columns (targets-table.ts); and a
 * price block's fill rows as one FILL_BLOCK row, their values in `fills` (fill-table.ts). Read
 * such a log through forEachEventBatch (event-batches.ts), which expands them to the rows they
 * stand for.
 * A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session).
 */
export class EventLog {
  /** Rows in the arrays (the current batch when spilling). */
  length: number;
  kind: Uint8Array;
  tsMs: Float64Array;
  agent: Int32Array;
  symbol: Int32Array;
  strategy: Int32Array;
  v1: Float64Array;
  v2: Float64Array;
  v3: Float64Array;
  textId: Int32Array;
  texts: string[];
  /** The values of the OUTCOME_BLOCK rows' outcomes (empty while a sink is attached). */
  outcomes: OutcomeTable;
  /** The TARGETS_BLOCK rows' target columns and counts (no block while a sink is attached). */
  targets: TargetsTable;
  /** The values of the FILL_BLOCK rows' fills (empty while a sink is attached). */
  fills: FillTable;
  /** Rows already handed to the sink (the global row of row 0). */
  spilled: number;
  sink: EventLogSink | null;

  constructor(capacity: number, outcomes: number, expectedFrom: ScoreLinearModel | null, fills: number) {
    this.length = 0;
    this.kind = new Uint8Array(capacity);
    this.tsMs = new Float64Array(capacity);
    this.agent = new Int32Array(capacity);
    this.symbol = new Int32Array(capacity);
    this.strategy = new Int32Array(capacity);
    this.v1 = new Float64Array(capacity);
    this.v2 = new Float64Array(capacity);
    this.v3 = new Float64Array(capacity);
    this.textId = new Int32Array(capacity);
    this.texts = [];
    this.outcomes = newOutcomeTable(outcomes, expectedFrom);
    this.targets = newTargetsTable();
    this.fills = newFillTable(fills);
    this.spilled = 0;
    this.sink = null;
  }
}

/**
 * Returns an empty log with room for `capacity` rows, `outcomes` outcomes and `fills` fills
 * (all grow by doubling until a sink is attached); `expectedFrom`: the run's score-linear
 * model, whose expected pnl the outcome table recomputes instead of storing (outcome-table.ts).
 */
export function newEventLog(capacity = 1024, outcomes = 0, expectedFrom: ScoreLinearModel | null = null, fills = 0): EventLog {
  return new EventLog(capacity, outcomes, expectedFrom, fills);
}

function resize(log: EventLog, n: number): void {
  log.kind = resizedTo(log.kind, n);
  log.tsMs = resizedTo(log.tsMs, n);
  log.agent = resizedTo(log.agent, n);
  log.symbol = resizedTo(log.symbol, n);
  log.strategy = resizedTo(log.strategy, n);
  log.v1 = resizedTo(log.v1, n);
  log.v2 = resizedTo(log.v2, n);
  log.v3 = resizedTo(log.v3, n);
  log.textId = resizedTo(log.textId, n);
}

/** Hands the current rows to the sink and empties the batch (its arrays are reused). */
export function spillEventLog(log: EventLog): void {
  if (log.sink === null || log.length === 0) return;
  log.sink.append(log);
  log.spilled += log.length;
  log.length = 0;
  log.texts.length = 0;
}

function makeRoom(log: EventLog): void {
  if (log.sink !== null) spillEventLog(log);
  else resize(log, log.kind.length * 2);
}

/**
 * Makes `log` spill into `sink` in batches of `batchRows`: rows it already holds (a resumed
 * snapshot's, outcome blocks expanded) go out in whole batches first, the rest stay in a
 * fixed batch of that size. From here on outcomes, targets and fills are appended as full rows.
 */
export function attachEventSink(log: EventLog, sink: EventLogSink, batchRows: number, keys: OutcomeKeys): void {
  const rest = newEventLog(batchRows);
  forEachEventBatch(log, keys, batchRows, (b) => {
    if (b.length === batchRows) {
      sink.append(b);
      log.spilled += batchRows;
      return;
    }
    // the last, partial batch: the first rows of the fixed batch (texts of its own)
    for (const k of ['kind', 'tsMs', 'agent', 'symbol', 'strategy', 'v1', 'v2', 'v3'] as const) rest[k].set(b[k].subarray(0, b.length));
    for (let i = 0; i < b.length; i++) {
      const id = b.textId[i] as number;
      rest.textId[i] = id < 0 ? -1 : rest.texts.push(b.texts[id] as string) - 1;
    }
    rest.length = b.length;
  });
  // the log takes over the fixed batch (columns, texts, an empty outcome table, length); its spilled count stays
  Object.assign(log, rest, { spilled: log.spilled, sink });
}

/** Appends one event; NaN / -1 mark absent values. */
export function appendEvent(
  log: EventLog,
  kind: LoggedEventKind,
  tsMs: number,
  agent: number,
  symbol: number,
  strategy: number,
  v1: number,
  v2 = Number.NaN,
  v3 = Number.NaN,
  text: string | null = null,
): void {
  appendRow(log, KIND_CODE[kind], tsMs, agent, symbol, strategy, v1, v2, v3, text);
}

/** Appends one row of kind code `code` (an OUTCOME_BLOCK, TARGETS_BLOCK or FILL_BLOCK row too). */
function appendRow(log: EventLog, code: number, tsMs: number, agent: number, symbol: number, strategy: number, v1: number, v2: number, v3: number, text: string | null): void {
  if (log.length === log.kind.length) makeRoom(log);
  const i = log.length;
  log.kind[i] = code;
  log.tsMs[i] = tsMs;
  log.agent[i] = agent;
  log.symbol[i] = symbol;
  log.strategy[i] = strategy;
  log.v1[i] = v1;
  log.v2[i] = v2;
  log.v3[i] = v3;
  if (text === null) log.textId[i] = -1;
  else {
    log.textId[i] = log.texts.length;
    log.texts.push(text);
  }
  log.length = i + 1;
}

/** One block of same-kind, same-time rows as columns (the first n rows count): what appendEventColumns takes. */
export interface EventColumns {
  readonly agent: Int32Array;
  readonly symbol: Int32Array;
  readonly strategy: Int32Array;
  readonly v1: Float64Array;
  readonly v2: Float64Array;
  readonly v3: Float64Array;
}

/**
 * Appends rows [0, n) of `cols` as events of one kind at one time, without text: the same rows
 * as n appendEvent calls in row order (a spilling log hands the sink the same batches), written
 * column by column (one streaming loop per column) instead of nine scattered writes per row.
 */
export function appendEventColumns(log: EventLog, kind: LoggedEventKind, tsMs: number, cols: EventColumns, n: number): void {
  const code = KIND_CODE[kind];
  let done = 0;
  while (done < n) {
    if (log.length === log.kind.length) makeRoom(log);
    const i = log.length;
    const k = Math.min(n - done, log.kind.length - i);
    const to = i + k;
    const shift = done - i; // row r of the log takes row r + shift of the columns
    markRows(log, code, tsMs, i, to);
    const { agent, symbol, strategy, v1, v2, v3 } = log;
    for (let r = i; r < to; r++) agent[r] = cols.agent[r + shift] as number;
    for (let r = i; r < to; r++) symbol[r] = cols.symbol[r + shift] as number;
    for (let r = i; r < to; r++) strategy[r] = cols.strategy[r + shift] as number;
    for (let r = i; r < to; r++) v1[r] = cols.v1[r + shift] as number;
    for (let r = i; r < to; r++) v2[r] = cols.v2[r + shift] as number;
    for (let r = i; r < to; r++) v3[r] = cols.v3[r + shift] as number;
    log.length = to;
    done += k;
  }
}

/**
 * Claims n rows of one kind at one time, without text, for the caller to fill their agent,
 * symbol, strategy, v1, v2 and v3 columns in place (rows at .. at + n - 1 of the log's arrays,
 * before anything else is appended): appendEventColumns without its copy. Returns `at`, or -1
 * when a spilling log's current batch has no room for all n (the caller writes them elsewhere
 * and calls appendEventColumns, which splits them at the batch's end: a spilled batch is always
 * `batchRows` long, so the file's bytes do not depend on the path). A log without a sink grows.
 */
export function claimEventRows(log: EventLog, kind: LoggedEventKind, tsMs: number, n: number): number {
  if (log.length === log.kind.length && n > 0) makeRoom(log);
  const at = log.length;
  if (at + n > log.kind.length) {
    if (log.sink !== null) return -1;
    let cap = log.kind.length;
    while (cap < at + n) cap *= 2;
    resize(log, cap);
  }
  const to = at + n;
  markRows(log, KIND_CODE[kind], tsMs, at, to);
  log.length = to;
  return at;
}

/** Writes rows [from, to) of the log as events of kind code `code` at `tsMs`, without text (their other columns are the caller's). */
function markRows(log: EventLog, code: number, tsMs: number, from: number, to: number): void {
  log.kind.fill(code, from, to);
  log.tsMs.fill(tsMs, from, to);
  log.textId.fill(-1, from, to);
}

/**
 * Appends n outcomes reconciled at tsMs as one OUTCOME_BLOCK row (v1: its first outcome in
 * log.outcomes, v2: how many, v3: the first finding row when the rows are consecutive, else
 * NaN) and their realized pnl (expected pnl unless the table recomputes it, finding rows
 * when not consecutive) in the outcome table: 8 to 20 bytes an outcome instead of a 49-byte row. Only for a log without a sink
 * whose finding rows index keys.findings (in-memory data): the reader takes agent, symbol and
 * strategy from there (event-batches.ts). An empty block appends nothing, as n rows would.
 * For a block reconciled out of counter order (pending-findings.ts in heap mode); in order: appendInOrderOutcomeBlock.
 */
export function appendOutcomeBlock(log: EventLog, tsMs: number, row: Float64Array, pnl: Float64Array, expected: Float64Array, n: number): void {
  if (n === 0) return;
  const consecutive = rowsConsecutive(row, n);
  const first = appendOutcomes(log.outcomes, consecutive ? null : row, pnl, expected, n);
  appendRow(log, OUTCOME_BLOCK, tsMs, -1, -1, -1, first, n, consecutive ? (row[0] as number) : Number.NaN, null);
}

/**
 * appendOutcomeBlock of a block reconciled in counter order (the pending ring's in-order mode:
 * its finding rows are firstRow, firstRow + 1, ..., after every earlier block's): nothing of
 * its realized pnl is stored, the reader recomputes it from the closes (outcome-table.ts).
 */
export function appendInOrderOutcomeBlock(log: EventLog, tsMs: number, firstRow: number, expected: Float64Array, n: number): void {
  if (n === 0) return;
  const first = appendOutcomes(log.outcomes, null, null, expected, n);
  appendRow(log, OUTCOME_BLOCK, tsMs, -1, -1, -1, first, n, firstRow, null);
}

/**
 * Returns true when a rebalance's targets_set rows may go into the log as one block pointing
 * into `cols` (appendTargetsBlock): the log is in memory (so are the target rows: they move
 * to a sink only while the log spills, run.ts), and the log's blocks, if any, point into these
 * same columns.
 */
export function holdsTargetBlocks(log: EventLog, cols: TargetColumns): boolean {
  return log.sink === null && (log.targets.columns === null || log.targets.columns === cols);
}

/**
 * Appends rows [first, first + n) of the target columns, just written at tsMs, as one
 * TARGETS_BLOCK row: it stands for the n targets_set rows appendEvent(log, 'targets_set', tsMs,
 * -1, symbol, -1, weight) would have written (event-batches.ts expands it to them). Only where
 * holdsTargetBlocks. An empty block appends nothing, as n rows would.
 */
export function appendTargetsBlock(log: EventLog, tsMs: number, cols: TargetColumns, first: number, n: number): void {
  if (n === 0) return;
  if (!holdsTargetBlocks(log, cols)) throw new Error('internal: a targets block in a log that spills, or over other target rows');
  const t = log.targets;
  t.columns = cols;
  t.blocks += 1;
  t.rows += n;
  appendRow(log, TARGETS_BLOCK, tsMs, -1, -1, -1, first, n, Number.NaN, null);
}

/**
 * Appends fills [first, first + n) of log.fills, just pushed for the price block at tsMs
 * (fill-table.ts), as one FILL_BLOCK row: it stands for the n fill rows appendEvent(log, 'fill',
 * tsMs, -1, symbol, -1, qty, close, cost) would have written (event-batches.ts expands it to
 * them). Only for a log without a sink. An empty block appends nothing, as n rows would.
 */
export function appendFillBlock(log: EventLog, tsMs: number, first: number, n: number): void {
  if (n === 0) return;
  if (log.sink !== null || first + n !== log.fills.length) throw new Error('internal: a fill block in a log that spills, or not over its last fills');
  log.fills.blocks += 1;
  appendRow(log, FILL_BLOCK, tsMs, -1, -1, -1, first, n, Number.NaN, null);
}
