import { mergeTapeLog } from './merge-tape-log.js';
import { tapeKills, type UpstreamTape } from './upstream-tape.js';
import type { RunState } from '../state.js';
import type { OutcomeKeys } from '../../events/event-batches.js';
import { tickVector } from './vector-tape.js';

/**
 * Returns a replayed state (downstream-run.ts, portfolio-replay.ts) with the tape's upstream
 * results in place, as a full run leaves them: final statuses, multipliers and agent weights,
 * kills, the expected-model counts; and, when the tape has rows, the weights rows and the full
 * event log (its rows merged with the replay's own; `keys`: the run's data, as forEachEventBatch takes it).
 */
export function applyUpstream(st: RunState, tape: UpstreamTape, keys: OutcomeKeys): RunState {
  st.multipliers = Float64Array.from(tape.multipliers);
  st.agentStatus.set(tape.agentStatus);
  st.classStatus.set(tape.classStatus);
  st.agentWeights = tape.nTicks === 0 ? null : Float64Array.from(tickVector(tape.weights, tape.nTicks - 1));
  st.out.kills.push(...tapeKills(tape));
  st.expectation.fits = tape.modelFits;
  st.expectation.fallbacks = tape.modelFallbacks;
  const rows = tape.rows;
  if (rows === null) return st;
  const w = rows.weightRows;
  const o = st.out;
  const put = (g: { data: Float64Array; length: number }, x: Float64Array): void => {
    g.data = Float64Array.from(x);
    g.length = x.length;
  };
  put(o.weightTs, w.tsMs);
  put(o.weightAgent, w.agent);
  put(o.weightValue, w.value);
  put(o.weightMultiplier, w.multiplier);
  return { ...st, log: mergeTapeLog(rows, st.log, keys) };
}
