import { assert } from '../../core/errors.js';
import { KIND_CODE } from '../../events/event.js';
import { appendEvent, newEventLog, type EventLog } from '../../events/log.js';
import { eventRowCount, forEachEventBatch, type OutcomeKeys } from '../../events/event-batches.js';
import { LOGGED_EVENT_KINDS } from '../../events/event.js';
import { tapeLog, type TapeRows } from './upstream-tape.js';

const FILL = KIND_CODE.fill;
/** Rows of the replay's own log expanded at a time. */
const MERGE_BATCH_ROWS = 65_536;

/**
 * Returns the full run's event log from the tape's upstream rows and a downstream replay's own
 * rows (both in time order). At one time t the full run (run.ts, tick.ts) writes: the price
 * block's fills first (prices rank first at t), then the findings' and reconciliations' rows
 * (agent_joined, outcome_reconciled), then the tick: its upstream rows (model_fitted,
 * agent_joined by `since`, multiplier_updated, decisions, weights_set) before the rebalance
 * stage's (guardian_*, rebalance_skipped, targets_set), which end the tick. So a downstream fill
 * at t goes before every upstream row at t, and any other downstream row at t after them.
 * `keys`: the run's data (RunData), as forEachEventBatch takes it.
 */
export function mergeTapeLog(rows: TapeRows, own: EventLog, keys: OutcomeKeys): EventLog {
  // a replay runs no outcomes stage, so its own log holds no outcome blocks to expand
  assert(own.outcomes.blocks === 0, 'a downstream replay logs no outcomes');
  const up = tapeLog(rows);
  const out = newEventLog(Math.max(1, up.length + eventRowCount(own)));
  let i = 0;
  // the replay's own rows as full rows (its targets and fill blocks expanded), each after the upstream rows before it
  forEachEventBatch(own, keys, MERGE_BATCH_ROWS, (b) => {
    for (let j = 0; j < b.length; j++) {
      const tD = b.tsMs[j] as number;
      const fill = b.kind[j] === FILL;
      while (i < up.length && ((up.tsMs[i] as number) < tD || ((up.tsMs[i] as number) === tD && !fill))) copyRow(out, up, i++);
      copyRow(out, b, j);
    }
  });
  while (i < up.length) copyRow(out, up, i++);
  return out;
}

function copyRow(out: EventLog, src: Pick<EventLog, 'kind' | 'tsMs' | 'agent' | 'symbol' | 'strategy' | 'v1' | 'v2' | 'v3' | 'textId' | 'texts'>, k: number): void {
  const t = src.textId[k] as number;
  const kind = LOGGED_EVENT_KINDS[src.kind[k] as number] as (typeof LOGGED_EVENT_KINDS)[number];
  appendEvent(out, kind, src.tsMs[k] as number, src.agent[k] as number, src.symbol[k] as number, src.strategy[k] as number, src.v1[k] as number, src.v2[k] as number, src.v3[k] as number, t < 0 ? null : (src.texts[t] as string));
}
