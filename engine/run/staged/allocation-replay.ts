import { assert } from '../../core/errors.js';
import { tickTimes } from '../../clock/schedule.js';
import type { EventLog } from '../../events/log.js';
import type { AllocatorPlugin } from '../../modules/allocator/plugin.js';
import { withLogging, type RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import { newRunState, type RunState } from '../state.js';
import { setAgentWeights, variantWeights } from '../stages/weights.js';
import { STATS_COLUMNS, supervisorLayout, type SupervisorLayout, type SupervisorTape } from './supervisor-tape.js';
import { copyTapeRow, newTapeColumns, runEndOf, type TapeRows, type UpstreamTape } from './upstream-tape.js';
import { finishVectorTape, newVectorTapeRecorder, pushTickVector, repeatTickVector } from './vector-tape.js';

/**
 * Replays only the allocation stage (stage 4: the allocator variant and the final weights)
 * over a supervisor tape (supervisor-tape.ts) and returns the upstream tape a full run of `cfg`
 * would have recorded (final weights per tick; with rows, the event rows with this
 * configuration's weights_set rows in place and its weights rows), so the downstream replays
 * (downstream-run.ts, portfolio-replay.ts) follow unchanged. `cfg` may differ from the taped
 * run's only in allocator.variant, allocator.params.* and downstream settings
 * (engine/sweep/stage-key.ts, supervisorKey). The tape has no proposals or pairs: the
 * configuration's own targets stage runs in the downstream replay.
 *
 * A tick is evaluated as tick.ts would: when the supervisor called for it (the tape's `due`) or
 * when this allocator's last evaluation changed a weight; it reads the tape's values at that tick.
 */
export function runAllocation(data: RunData, cfg: RunConfig, allocator: AllocatorPlugin, params: Readonly<Record<string, unknown>>, sup: SupervisorTape): UpstreamTape {
  const nA = data.agents.length;
  const ticks = tickTimes(cfg.startMs, cfg.endMs, cfg.cadenceMs, cfg.tickOffsetMs);
  assert(sup.nAgents === nA && sup.nClasses === data.strategies.length && sup.nTicks === ticks.length, 'the supervisor tape comes from a run over the same data and ticks');
  const withDd = allocator.needsWindowDrawdown === true;
  assert(!withDd || sup.windowDd, 'the supervisor tape holds the window drawdowns this allocator reads');
  // Only weights_set rows are written here: a small log, whatever the run's outcome rows.
  const st: RunState = newRunState(data, withLogging(cfg, false, cfg.targetRows), undefined, 'allocation');
  const L = supervisorLayout(nA, data.strategies.length);
  const cvar = { byClass: new Float64Array(L.nClasses), unclassified: Number.NaN };
  const rec = newVectorTapeRecorder(nA);
  let loaded = -1;
  let weightsChanged = true;
  for (let i = 0; i < ticks.length; i++) {
    // A tick not evaluated leaves the weights as they were: the same row, nothing to compare.
    if (sup.due[i] !== 1 && !weightsChanged && rec.last >= 0) {
      repeatTickVector(rec);
      continue;
    }
    const row = sup.inputs.tickRow[i] as number;
    if (row !== loaded) {
      loadTick(st, sup.inputs.values, row * L.width, L, cvar, withDd);
      loaded = row;
    }
    const weights = variantWeights(st, cfg, allocator, params, st.scratch.stats.table, cvar, data.scheduleWeight, data.agents, ticks[i] as number);
    weightsChanged = setAgentWeights(st, data, weights, ticks[i] as number) > 0;
    pushTickVector(rec, st.agentWeights as Float64Array); // the first tick is always evaluated: set from then on
  }
  const o = st.out;
  const cut = (g: { data: Float64Array; length: number }): Float64Array => g.data.slice(0, g.length);
  return {
    nAgents: nA,
    nTicks: ticks.length,
    weights: finishVectorTape(rec),
    proposals: null,
    pairs: null,
    ...runEndOf(sup),
    rows: sup.rows === null ? null : { ...withWeightsSet(sup.rows, st.log), weightRows: { tsMs: cut(o.weightTs), agent: cut(o.weightAgent), value: cut(o.weightValue), multiplier: cut(o.weightMultiplier) } },
  };
}

/** Puts the tape's tick vector at `at` where the allocator and setAgentWeights read it (the stats table, multipliers, CVaR, roster, statuses). */
function loadTick(st: RunState, v: Float64Array, at: number, L: SupervisorLayout, cvar: { byClass: Float64Array; unclassified: number }, withDd: boolean): void {
  const nA = L.nAgents;
  const table = st.scratch.stats.table;
  const part = (from: number, n: number): Float64Array => v.subarray(at + from, at + from + n);
  STATS_COLUMNS.forEach((c, j) => table[c].set(part(j * nA, nA)));
  table.eligible.set(part(L.eligible, nA));
  if (withDd) table.maxDd30dBps.set(part(L.windowDd, nA));
  st.multipliers.set(part(L.multipliers, nA));
  cvar.byClass.set(part(L.cvar, L.nClasses));
  cvar.unclassified = v[at + L.cvar + L.nClasses] as number;
  st.agentJoined.set(part(L.joined, nA));
  st.agentStatus.set(part(L.agentStatus, nA));
  st.classStatus.set(part(L.classStatus, L.nClasses));
}

/**
 * Returns the supervisor's rows with the replay's weights_set rows merged in, as a full run
 * writes them: a tick's weights_set rows follow every supervisor row at or before its time
 * (the findings', reconciliations' and retraining's rows at t come before the tick at t, and
 * within the tick joins, multipliers and decisions come before the final weights).
 */
function withWeightsSet(sup: TapeRows, own: EventLog): Omit<TapeRows, 'weightRows'> {
  const n = sup.n + own.length;
  const r = newTapeColumns(n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const fromSup = j >= own.length || (i < sup.n && (sup.tsMs[i] as number) <= (own.tsMs[j] as number));
    const s = fromSup ? i++ : j++;
    copyTapeRow(r, k, fromSup ? sup : own, s);
    r.textId[k] = fromSup ? (sup.textId[s] as number) : -1; // weights_set rows carry no text
  }
  return { ...r, texts: sup.texts };
}
