/**
 * Strategy-class attribution of realized pnl (seed 004 `strategy_attribution`).
 *
 * The seed returns only {strategy: sum(pnl_bps)} (Q004-7); bt's default also carries what
 * the kill list needs: event count, hit rate, drawdown and the class's agents. Drawdown
 * (CONTRACT.md, strategy_kill): cum_t = left-to-right sum, peak_t = max(0, cum_1..cum_t),
 * max_drawdown_bps = min_t(cum_t - peak_t) <= 0.
 */
import { assert, SeedRaise } from '../../core/errors.js';
import { newDict, pyDict, pyDictKey, pyGetItem, pyList, pyTypeName } from '../../core/python/py-builtins.js';

/**
 * Returns seed 004 `strategy_attribution(events)` verbatim: {strategy: sum of pnl_bps} in
 * first-seen order, summed left to right from 0; a missing key raises KeyError (Q004-7).
 */
export function strategyAttributionSeed(args: Readonly<Record<string, unknown>>): Record<string, number> {
  const events = pyList(args['events'], 'events');
  const byStrategy = new Map<string, unknown[]>();
  for (const raw of events) {
    const e = pyDict(raw, 'event');
    const s = pyDictKey(pyGetItem(e, 'strategy'));
    const list = byStrategy.get(s);
    const pnl = pyGetItem(e, 'pnl_bps');
    if (list === undefined) byStrategy.set(s, [pnl]);
    else list.push(pnl);
  }
  const out = newDict<number>();
  for (const [s, values] of byStrategy) {
    let sum = 0; // Python sum(): 0 + v1 + v2 ... left to right
    for (const v of values) {
      if (typeof v === 'number') sum += v;
      else if (typeof v === 'boolean') sum += v ? 1 : 0;
      else throw new SeedRaise('TypeError', `unsupported operand type(s) for +: 'int' and '${pyTypeName(v)}'`);
    }
    out[s] = sum;
  }
  return out;
}

/** Running pnl statistics per strategy class, indexed by class id (kernel state, updated in place). A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class ClassPnlState {
  /** Events per class. */
  readonly n: Int32Array;
  /** Cumulative pnl (left-to-right sum), bps. */
  readonly sumBps: Float64Array;
  /** Running peak of the cumulative pnl, starting at 0, bps. */
  readonly peakBps: Float64Array;
  /** Most negative (cum - peak) so far, bps (<= 0). */
  readonly maxDrawdownBps: Float64Array;
  /** Events with pnl > 0. */
  readonly hits: Int32Array;

  constructor(nClasses: number) {
    this.n = new Int32Array(nClasses);
    this.sumBps = new Float64Array(nClasses);
    this.peakBps = new Float64Array(nClasses);
    this.maxDrawdownBps = new Float64Array(nClasses);
    this.hits = new Int32Array(nClasses);
  }
}

/** Returns an empty accumulator for `nClasses` classes. */
export function createClassPnlState(nClasses: number): ClassPnlState {
  return new ClassPnlState(nClasses);
}

/** Adds one outcome (bps) to class `classId` in O(1), updating `state` in place (the engine owns it). */
export function addClassOutcome(state: ClassPnlState, classId: number, pnlBps: number): void {
  assert(classId >= 0 && classId < state.n.length, 'classId indexes the accumulator');
  state.n[classId] = (state.n[classId] as number) + 1;
  const cum = (state.sumBps[classId] as number) + pnlBps;
  state.sumBps[classId] = cum;
  if (cum > (state.peakBps[classId] as number)) state.peakBps[classId] = cum;
  const dd = cum - (state.peakBps[classId] as number);
  if (dd < (state.maxDrawdownBps[classId] as number)) state.maxDrawdownBps[classId] = dd;
  // Number(bool) compiles to a flag, not a branch: the sign of a pnl is a coin flip the CPU mispredicts.
  state.hits[classId] = (state.hits[classId] as number) + Number(pnlBps > 0);
}

/**
 * Adds outcomes pnlBps[from], ..., pnlBps[to - 1] to class `classId`, in that order: the same
 * operations as addClassOutcome on each, so the same bits, with the class's figures in locals
 * for the run (one load and one store each, not a round trip through memory per outcome).
 */
export function addClassRun(state: ClassPnlState, classId: number, pnlBps: Float64Array, from: number, to: number): void {
  assert(classId >= 0 && classId < state.n.length, 'classId indexes the accumulator');
  let cum = state.sumBps[classId] as number;
  let peak = state.peakBps[classId] as number;
  let maxDd = state.maxDrawdownBps[classId] as number;
  let hits = state.hits[classId] as number;
  for (let i = from; i < to; i++) {
    const pnl = pnlBps[i] as number;
    cum += pnl;
    if (cum > peak) peak = cum;
    const dd = cum - peak;
    if (dd < maxDd) maxDd = dd;
    hits += Number(pnl > 0);
  }
  state.n[classId] = (state.n[classId] as number) + (to - from);
  state.sumBps[classId] = cum;
  state.peakBps[classId] = peak;
  state.maxDrawdownBps[classId] = maxDd;
  state.hits[classId] = hits;
}

/** Returns each class's hit rate (a fraction in [0, 1]; NaN where the class has no events). */
export function classHitRates(state: ClassPnlState): Float64Array {
  const out = new Float64Array(state.n.length);
  for (let c = 0; c < out.length; c++) {
    const n = state.n[c] as number;
    out[c] = n === 0 ? Number.NaN : (state.hits[c] as number) / n;
  }
  return out;
}

/** Realized-pnl events in time order, as typed arrays. */
export interface ClassEvents {
  readonly n: number;
  readonly classId: Int32Array;
  readonly pnlBps: Float64Array;
  /** Agent id of the event; -1 = no agent. */
  readonly agentId: Int32Array;
}

/** Per-class statistics, indexed by class id. */
export interface ClassStats {
  readonly nEvents: Int32Array;
  /** Left-to-right sum of pnl, bps. */
  readonly pnlSumBps: Float64Array;
  /** Worst drawdown from a running peak starting at 0, bps (<= 0). */
  readonly maxDrawdownBps: Float64Array;
  /** Fraction of events with pnl > 0; NaN where nEvents = 0. */
  readonly hitRate: Float64Array;
  /** Sorted agent ids that traded in the class (ids follow sorted names, so this is name order). */
  readonly agents: readonly Int32Array[];
}

/** Returns bt's default attribution: per class {nEvents, pnlSumBps, maxDrawdownBps, hitRate, agents} (fixes Q004-7). */
export function strategyAttribution(events: ClassEvents, nClasses: number): ClassStats {
  const st = createClassPnlState(nClasses);
  const agentSets: Set<number>[] = Array.from({ length: nClasses }, () => new Set<number>());
  for (let i = 0; i < events.n; i++) {
    const c = events.classId[i] as number;
    addClassOutcome(st, c, events.pnlBps[i] as number);
    const a = events.agentId[i] as number;
    if (a >= 0) (agentSets[c] as Set<number>).add(a);
  }
  return {
    nEvents: st.n,
    pnlSumBps: st.sumBps,
    maxDrawdownBps: st.maxDrawdownBps,
    hitRate: classHitRates(st),
    agents: agentSets.map((s) => Int32Array.from(s).sort((x, y) => x - y)),
  };
}
