import { advanceTime, nextExpiryMs } from '../modules/stats/outcome-window.js';
import { readEligibility, readStatsTable } from './stages/agent-stats.js';
import { updateMultipliers } from './stages/decay.js';
import { computeStrategyCvar, nextCvarExpiryMs } from './stages/cvar.js';
import { decideAgents, decideClasses } from './stages/decisions.js';
import { setAgentWeights, variantWeights } from './stages/weights.js';
import { proposeTargets } from './stages/targets.js';
import { rebalance, regimeAt, type TickOutcome } from './stages/rebalance.js';
import type { AgentStatsTable, AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { ProgressiveFillScratch } from '../modules/targets/progressive-fill.js';
import type { RunConfig } from './config.js';
import type { RunData } from './run-data.js';
import { joinAgentsDueBy, nextSinceMs } from './roster.js';
import type { RunState } from './state.js';

export type { TickOutcome } from './stages/rebalance.js';

/**
 * What a tick read and decided, handed to an observer (tests and the whole-cycle reference
 * compare it tick by tick). The arrays are the tick's own: valid during the call only.
 */
export interface TickView {
  readonly tMs: number;
  readonly stats: AgentStatsTable;
  readonly cvarByClass: Float64Array;
  readonly cvarUnclassified: number;
  readonly multipliers: Float64Array;
  /** The allocator's weights before statuses are applied (seed mode: over the roster before this tick's decisions; default: after them). */
  readonly allocatorWeights: Float64Array;
  /** Final agent weights (0 for agents out of play). */
  readonly agentWeights: Float64Array;
  readonly agentStatus: Uint8Array;
  readonly classStatus: Uint8Array;
  /** Symbol targets the tick proposed (after the regime multiplier). */
  readonly proposedTargets: Float64Array;
  /** The targets stage's proposal before the regime multiplier (the last evaluated tick's on a skipped tick). */
  readonly proposal: Float64Array;
  /**
   * Default mode: the (symbol, agent) pairs and raw capital the proposal was filled from (the
   * last evaluated tick's on a skipped tick; staged sweeps tape them, engine/run/staged/pairs-tape.ts).
   * Null in seed mode.
   */
  readonly targetsPairs: ProgressiveFillScratch | null;
  readonly regime: number;
  readonly guardianPaused: boolean;
  readonly outcome: TickOutcome;
  /** False when the tick was skipped: its inputs had not changed since the last evaluated tick. */
  readonly evaluated: boolean;
  /**
   * True when the supervisor stages themselves called for an evaluation (an input, a window
   * boundary or a `since` came due, or the last evaluated tick changed multipliers or statuses);
   * false when only the allocator's own last change did (or the tick was skipped). The same at
   * every tick for any allocator: a supervisor tape records it (engine/run/staged/supervisor-tape.ts).
   */
  readonly supervisorDue: boolean;
  /** The run's state after the tick (read only: what a tape needs beyond the fields above). */
  readonly state: RunState;
}

/** Receives every tick, evaluated or skipped. */
export type TickObserver = (view: TickView) => void;

/** What the last evaluated tick read, kept for the observer of skipped ticks. */
interface ReadView {
  stats: AgentStatsTable;
  cvarByClass: Float64Array;
  cvarUnclassified: number;
  allocatorWeights: Float64Array;
}

const lastRead = new WeakMap<RunState, ReadView>();

/**
 * The supervisor cycle at tick t (seed 001/002/003/004 order), stage by stage
 * (engine/run/stages/): agent statistics -> decay -> strategy CVaR -> agent weights (the
 * allocator variant) -> promotion / retirement / kill -> symbol targets (seed 000) ->
 * rebalance (regime, guardian, reallocation threshold). The live findings are the pending ones.
 *
 * Event-driven: when no finding or reconciliation arrived, no window boundary or `since`
 * came due, and the last evaluated tick changed no multiplier, weight or status, every stage
 * up to the targets would compute what it computed then, so the tick reuses that proposal
 * and runs only the rebalance stage (which reads equity and the regime, both of which move
 * without a tick input). `everyTick` evaluates every tick: the reference path; outputs are
 * byte-identical either way (test/engine/run/tick-skipping.test.ts).
 */
export function runTick(
  st: RunState,
  data: RunData,
  cfg: RunConfig,
  allocator: AllocatorPlugin,
  allocatorParams: Readonly<Record<string, unknown>>,
  t: number,
  observe?: TickObserver,
  everyTick = false,
): void {
  const sk = st.skip;
  // Seed-mode decay compounds on its own output every cycle (Q003-1): never a fixed point to reuse.
  const compounding = cfg.mode === 'seed' && cfg.decay.enabled;
  // The supervisor's own reasons to evaluate; the allocator's last change (weightsChanged) is the other one.
  const supervisorDue = everyTick || compounding || sk.inputsChanged || sk.supervisorChanged || t >= sk.nextChangeMs || sk.proposal === null;
  const unchanged = !supervisorDue && !sk.weightsChanged && (observe === undefined || lastRead.has(st));
  if (unchanged) {
    sk.skipped++;
    const next = sk.next;
    const outcome = rebalance(st, data, cfg, sk.proposal as Float64Array, next, t);
    if (observe !== undefined) report(observe, st, lastRead.get(st) as ReadView, next, data, cfg, t, outcome, false, false);
    return;
  }
  sk.evaluated++;
  const statusBefore = st.statusChanges;
  joinAgentsDueBy(st, data, t);
  advanceTime(st.outcomes, cfg.stats, t);
  const stats = readStatsTable(st, data, allocator.needsWindowDrawdown === true, cfg.mode === 'seed');
  const multipliersChanged = cfg.decay.enabled ? updateMultipliers(st, data, cfg, t) : 0;
  const cvar = computeStrategyCvar(st, data, cfg, t);
  // Seed order: the allocator weighs the roster as it stood before this tick's decisions, and
  // a removed agent's share is zeroed, not handed on: it sits in cash until the next evaluated
  // tick (the weights sum below 1 at every retirement). Default order: decisions first, so the
  // allocator weighs the agents still in play and the tick's weights are a whole allocation.
  const seedOrder = cfg.mode === 'seed';
  const weightsBefore = seedOrder ? variantWeights(st, cfg, allocator, allocatorParams, stats, cvar, data.scheduleWeight, data.agents, t) : null;
  // Decisions come before the final weights: a removed agent gets no capital from this tick on.
  if (cfg.promotion.enabled || cfg.kill.enabled) decideAgents(st, data, cfg, stats, t);
  if (cfg.kill.enabled && cfg.kill.classKill && data.killList !== null) decideClasses(st, data, cfg, t);
  if (!seedOrder && st.statusChanges !== statusBefore) readEligibility(st, data, stats);
  const weights = weightsBefore ?? variantWeights(st, cfg, allocator, allocatorParams, stats, cvar, data.scheduleWeight, data.agents, t);
  const weightsChanged = setAgentWeights(st, data, weights, t);
  const proposal = proposeTargets(st, data, cfg, st.agentWeights as Float64Array);
  const next = sk.next;
  const outcome = rebalance(st, data, cfg, proposal, next, t);
  sk.proposal = proposal;
  sk.inputsChanged = false;
  sk.supervisorChanged = multipliersChanged > 0 || st.statusChanges !== statusBefore;
  sk.weightsChanged = weightsChanged > 0;
  sk.nextChangeMs = Math.min(nextExpiryMs(st.outcomes, cfg.stats), nextCvarExpiryMs(st, cfg), nextSinceMs(st, data, t));
  const view: ReadView = { stats, cvarByClass: cvar.byClass, cvarUnclassified: cvar.unclassified, allocatorWeights: weights };
  lastRead.set(st, view);
  if (observe !== undefined) report(observe, st, view, next, data, cfg, t, outcome, true, supervisorDue);
}

function report(observe: TickObserver, st: RunState, read: ReadView, next: Float64Array, data: RunData, cfg: RunConfig, t: number, outcome: TickOutcome, evaluated: boolean, supervisorDue: boolean): void {
  observe({
    tMs: t,
    stats: read.stats,
    cvarByClass: read.cvarByClass,
    cvarUnclassified: read.cvarUnclassified,
    multipliers: st.multipliers,
    allocatorWeights: read.allocatorWeights,
    agentWeights: st.agentWeights as Float64Array,
    agentStatus: st.agentStatus,
    classStatus: st.classStatus,
    proposedTargets: next,
    proposal: st.skip.proposal as Float64Array,
    targetsPairs: cfg.mode === 'seed' ? null : st.scratch.targets.fill,
    regime: regimeAt(data, cfg, t),
    guardianPaused: st.guardianPaused,
    outcome,
    evaluated,
    supervisorDue,
    state: st,
  });
}
