import { newWindowDrawdowns, updateWindowDrawdowns } from '../../modules/stats/window-drawdown.js';
import type { RunCounters } from '../run.js';
import type { TickView } from '../tick.js';
import type { RunState } from '../state.js';
import { KIND_CODE } from '../../events/event.js';
import { finishVectorTape, newVectorTapeRecorder, pushTickVector, repeatTickVector, type VectorTape } from './vector-tape.js';
import { isDownstreamKind, tapeRunEnd, upstreamRows, type TapeRows, type TapeRunEnd } from './upstream-tape.js';
import type { OutcomeKeys } from '../../events/event-batches.js';

/*
 * The supervisor tape: what the stages before the allocator (outcomes -> agent statistics,
 * decay, CVaR -> decisions, the clock and roster) produced, recorded once by a full run and
 * replayed by allocation-replay.ts for every configuration that differs from it only in
 * allocator.variant / allocator.params.* (and downstream: engine/sweep/stage-key.ts,
 * supervisorKey). None of those stages reads a weight (decisions come before the final
 * weights and read statistics and statuses only), so their values at every tick are the same
 * whatever the allocator, and the tape holds, per tick, what the allocator and the final
 * weights read: the statistics table, the multipliers, class CVaR, the window drawdowns (when
 * some variant of the sweep asks for them), the roster and the statuses after decisions.
 *
 * Tick skipping (tick.ts) is the one place an allocator reaches back: a tick is evaluated when
 * the supervisor calls for it (`due`, the same for every allocator) or when the allocator's own
 * last evaluation changed a weight. An evaluation the supervisor did not call for changes none
 * of its values: no input arrived, no window boundary or `since` came due, the last evaluation
 * changed no multiplier or status, so every supervisor stage recomputes what it holds (default
 * decay is recomputed only for agents with a new outcome; a decision only on a new outcome;
 * the class rules read accumulators that did not move; seed-mode compounding decay makes every
 * tick due). So a configuration's evaluation at a tick the recording run skipped reads what
 * the recording run's last evaluated tick read, which is what the tape holds at that tick
 * (test/engine/run/allocation-replay.test.ts pins it down on every variant).
 *
 * Arrays can live in a SharedArrayBuffer (engine/sweep/share-tape.ts). Size: distinct ticks x
 * (16 x agents + classes) x 8 bytes (M: at most 730 x 3,200 x 8 = 19 MB).
 */

/** Statistics columns of AgentStatsTable, in the tape's order (eligible follows them). */
export const STATS_COLUMNS = ['nOutcomes', 'pnlSumBps', 'hitRate', 'errorRate', 'avgAbsErrorBps', 'avgPnlErrorBps', 'maxDrawdownBps', 'pnl7dBps', 'sharpe30d', 'winrate30d'] as const;

/** Where each part of a tick's vector starts (agent-wide parts are nAgents long, CVaR nClasses + 1). */
export interface SupervisorLayout {
  readonly nAgents: number;
  readonly nClasses: number;
  readonly eligible: number;
  readonly multipliers: number;
  readonly cvar: number;
  readonly windowDd: number;
  readonly joined: number;
  readonly agentStatus: number;
  readonly classStatus: number;
  readonly width: number;
}

/** Returns the layout of a tick's vector over nA agents and nK classes. */
export function supervisorLayout(nA: number, nK: number): SupervisorLayout {
  const eligible = STATS_COLUMNS.length * nA;
  const multipliers = eligible + nA;
  const cvar = multipliers + nA;
  const windowDd = cvar + nK + 1;
  const joined = windowDd + nA;
  const agentStatus = joined + nA;
  const classStatus = agentStatus + nA;
  return { nAgents: nA, nClasses: nK, eligible, multipliers, cvar, windowDd, joined, agentStatus, classStatus, width: classStatus + nK };
}

/** See the comment at the top of this file. */
export interface SupervisorTape extends TapeRunEnd {
  readonly nAgents: number;
  readonly nClasses: number;
  readonly nTicks: number;
  /** Per tick: 1 when the supervisor called for an evaluation (TickView.supervisorDue). */
  readonly due: Uint8Array;
  /** Per tick (supervisorLayout): the allocator's inputs, the roster and the statuses after decisions. */
  readonly inputs: VectorTape;
  /** True when the window drawdowns were recorded (else NaN, as a run whose allocator does not ask for them). */
  readonly windowDd: boolean;
  /** The supervisor's own event rows (the upstream's without weights_set) and no weights rows; only when recorded with rows. */
  readonly rows: TapeRows | null;
}

/** Records a supervisor tape while a full run goes (beside an upstream tape: both observe the same ticks). */
export interface SupervisorTapeRecorder {
  readonly observe: (view: TickView) => void;
  readonly finish: (st: RunState, counters: RunCounters, withRows: boolean, keys: OutcomeKeys) => SupervisorTape;
}

/** Returns a recorder for a run over nA agents and nK classes; `withWindowDd`: record the window drawdowns (some variant reads them). */
export function recordSupervisorTape(nA: number, nK: number, withWindowDd: boolean): SupervisorTapeRecorder {
  const L = supervisorLayout(nA, nK);
  const rec = newVectorTapeRecorder(L.width);
  const v = new Float64Array(L.width).fill(Number.NaN);
  // The window drawdowns' own state (they land in v), following the recorded run's log.
  const dd = withWindowDd ? { out: v.subarray(L.windowDd, L.windowDd + nA), state: newWindowDrawdowns(nA) } : null;
  const due: number[] = [];
  const observe = (view: TickView): void => {
    due.push(view.supervisorDue ? 1 : 0);
    // A skipped tick holds what the last evaluated one read (the vector as it stands).
    if (!view.evaluated && rec.last >= 0) repeatTickVector(rec);
    else {
      fillTick(v, L, view);
      if (dd !== null) updateWindowDrawdowns(dd.state, view.state.outcomes, dd.out);
      pushTickVector(rec, v);
    }
  };
  const finish = (st: RunState, counters: RunCounters, withRows: boolean, keys: OutcomeKeys): SupervisorTape => ({
    nAgents: nA,
    nClasses: nK,
    nTicks: due.length,
    due: Uint8Array.from(due),
    inputs: finishVectorTape(rec),
    windowDd: withWindowDd,
    ...tapeRunEnd(st, counters),
    rows: withRows ? { ...upstreamRows(st, keys, notSupervisorKind), weightRows: NO_WEIGHT_ROWS } : null,
  });
  return { observe, finish };
}

function fillTick(v: Float64Array, L: SupervisorLayout, view: TickView): void {
  const nA = L.nAgents;
  const s = view.stats;
  STATS_COLUMNS.forEach((c, j) => v.set(s[c], j * nA));
  v.set(s.eligible, L.eligible);
  v.set(view.multipliers, L.multipliers);
  v.set(view.cvarByClass, L.cvar);
  v[L.cvar + L.nClasses] = view.cvarUnclassified;
  v.set(view.state.agentJoined, L.joined);
  v.set(view.agentStatus, L.agentStatus);
  v.set(view.classStatus, L.classStatus);
}

const WEIGHTS_SET = KIND_CODE.weights_set;

/** The kinds a supervisor tape's rows leave out: the downstream's, and weights_set (the allocation replay writes its own). */
function notSupervisorKind(code: number): boolean {
  return code === WEIGHTS_SET || isDownstreamKind(code);
}

const NO_WEIGHT_ROWS = { tsMs: new Float64Array(0), agent: new Float64Array(0), value: new Float64Array(0), multiplier: new Float64Array(0) };
