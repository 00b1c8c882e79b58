import { eventRowCount, forEachEventBatch, type OutcomeKeys } from '../../engine/events/event-batches.js';
import { appendEventColumns, newEventLog, type EventLog } from '../../engine/events/log.js';

/**
 * The log as full rows, outcome blocks expanded (what every reader sees through
 * forEachEventBatch): a fresh log of its own, for tests that read the columns row by row.
 * `keys`: the run's data.
 */
export function expandedLog(log: EventLog, keys: OutcomeKeys): EventLog {
  const n = eventRowCount(log) - log.spilled;
  const out = newEventLog(Math.max(1, n));
  out.spilled = log.spilled;
  out.texts = log.texts.slice();
  forEachEventBatch(log, keys, Math.max(1, n), (b) => {
    for (const c of ['kind', 'tsMs', 'agent', 'symbol', 'strategy', 'v1', 'v2', 'v3', 'textId'] as const) out[c].set(b[c].subarray(0, b.length), out.length);
    out.length += b.length;
  });
  return out;
}

/** One row of a full-format log as plain values (its text resolved), for comparing logs row by row. */
export type LogRow = [number, number, number, number, number, number, number, number, string | null];

/** The rows [0, log.length) of a full-format log (a batch, or an expandedLog) as plain values. */
export function logRows(log: EventLog): LogRow[] {
  const out: LogRow[] = [];
  for (let i = 0; i < log.length; i++) {
    const id = log.textId[i] as number;
    out.push([log.kind[i] as number, log.tsMs[i] as number, log.agent[i] as number, log.symbol[i] as number, log.strategy[i] as number, log.v1[i] as number, log.v2[i] as number, log.v3[i] as number, id < 0 ? null : (log.texts[id] as string)]);
  }
  return out;
}

/** Appends n outcomes as full outcome_reconciled rows, agent, symbol and strategy taken from `keys` by finding row: what a compact block stands for. */
export function appendFullOutcomes(log: EventLog, keys: OutcomeKeys, t: number, row: Float64Array, pnl: Float64Array, expected: Float64Array, n: number): void {
  const agent = Int32Array.from(row, (r) => keys.findings.agentId[r] as number);
  const symbol = Int32Array.from(row, (r) => keys.findings.symbolId[r] as number);
  const strategy = Int32Array.from(agent, (a) => keys.agentStrategy[a] as number);
  appendEventColumns(log, 'outcome_reconciled', t, { agent, symbol, strategy, v1: pnl, v2: expected, v3: row }, n);
}
