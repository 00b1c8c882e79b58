import { eventRowCount, forEachEventBatch, type OutcomeKeys } from '../../engine/events/event-batches.js';
import { newEventLog, type EventLog } from '../../engine/events/log.js';

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
