import { KIND_CODE, type LoggedEventKind } from './event.js';

/**
 * Append-only columnar event log (kernel state). Rows are appended in event order, which
 * is the stream's total order, so the log is deterministic.
 */
export interface EventLog {
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
  readonly texts: string[];
}

/** Returns an empty log with room for `capacity` rows (it grows by doubling). */
export function newEventLog(capacity = 1024): EventLog {
  return {
    length: 0,
    kind: new Uint8Array(capacity),
    tsMs: new Float64Array(capacity),
    agent: new Int32Array(capacity),
    symbol: new Int32Array(capacity),
    strategy: new Int32Array(capacity),
    v1: new Float64Array(capacity),
    v2: new Float64Array(capacity),
    v3: new Float64Array(capacity),
    textId: new Int32Array(capacity),
    texts: [],
  };
}

function growTo<T extends Uint8Array | Int32Array | Float64Array>(a: T, n: number): T {
  const ctor = a.constructor as new (n: number) => T;
  const b = new ctor(n);
  b.set(a);
  return b;
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
  if (log.length === log.kind.length) {
    const n = log.kind.length * 2;
    log.kind = growTo(log.kind, n);
    log.tsMs = growTo(log.tsMs, n);
    log.agent = growTo(log.agent, n);
    log.symbol = growTo(log.symbol, n);
    log.strategy = growTo(log.strategy, n);
    log.v1 = growTo(log.v1, n);
    log.v2 = growTo(log.v2, n);
    log.v3 = growTo(log.v3, n);
    log.textId = growTo(log.textId, n);
  }
  const i = log.length;
  log.kind[i] = KIND_CODE[kind];
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
