import { appendEvent } from '../../events/log.js';
import { pushF64 } from '../../core/growable.js';
import type { AgentStatsTable, AllocatorPlugin } from '../../modules/allocator/plugin.js';
import { checkAllocatorWeights } from '../../modules/allocator/check-weights.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import { isAgentInPlay, type RunState } from '../state.js';

const NO_DECAY_BOUNDS = { floor: 1, ceil: 1 } as const;

/**
 * Stage 4, weights (first half): the allocator variant (strategies/) turns statistics,
 * confidence multipliers and class CVaR into agent weights.
 */
export function variantWeights(
  st: RunState,
  cfg: RunConfig,
  allocator: AllocatorPlugin,
  allocatorParams: Readonly<Record<string, unknown>>,
  stats: AgentStatsTable,
  cvar: { readonly byClass: Float64Array; readonly unclassified: number },
  scheduleWeight: Float64Array,
  agents: readonly string[],
  t: number,
): Float64Array {
  const weights = allocator.allocate(
    {
      stats,
      confidenceMult: st.multipliers,
      confidenceBounds: cfg.decay.enabled ? { floor: cfg.decay.floor, ceil: cfg.decay.ceil } : NO_DECAY_BOUNDS,
      strategyCvarBps: cvar.byClass,
      unclassifiedCvarBps: cvar.unclassified,
      scheduleWeight,
      prevWeights: st.agentWeights,
    },
    allocatorParams,
    cfg.mode,
  );
  checkAllocatorWeights(allocator.name, weights, agents, t);
  return weights;
}

/** The final weights' two buffers: st.agentWeights is one, the tick writes the other and compares (a class, not a literal: see RunState). */
export class WeightsScratch {
  readonly a: Float64Array;
  readonly b: Float64Array;

  constructor(agents: number) {
    this.a = new Float64Array(agents);
    this.b = new Float64Array(agents);
  }
}

/** Returns the weights stage's scratch for this run. */
export function newWeightsScratch(data: RunData): WeightsScratch {
  return new WeightsScratch(data.agents.length);
}

/**
 * Stage 4, weights (second half, after this tick's decisions): an agent out of play (not
 * joined, disabled, retired, killed, or its class removed) gets 0. Each joined agent's change
 * is logged (weights_set) and recorded. Sets st.agentWeights (one of the stage's two buffers,
 * never the previous tick's) and returns how many weights changed.
 */
export function setAgentWeights(st: RunState, data: RunData, weights: Float64Array, t: number): number {
  const nA = data.agents.length;
  const sc = st.scratch.weights;
  const prevWeights = st.agentWeights;
  const agentWeight = prevWeights === sc.a ? sc.b : sc.a;
  let changed = 0;
  for (let a = 0; a < nA; a++) {
    const k = data.agentStrategy[a] as number;
    agentWeight[a] = isAgentInPlay(st, data, a) ? (weights[a] as number) : 0;
    if (st.agentJoined[a] === 0) continue;
    const prev = prevWeights === null ? 0 : (prevWeights[a] as number);
    if (agentWeight[a] !== prev || st.weightRecorded[a] === 0) {
      changed++;
      st.weightRecorded[a] = 1;
      appendEvent(st.log, 'weights_set', t, a, -1, k, agentWeight[a] as number);
      pushF64(st.out.weightTs, t);
      pushF64(st.out.weightAgent, a);
      pushF64(st.out.weightValue, agentWeight[a] as number);
      pushF64(st.out.weightMultiplier, st.multipliers[a] as number);
    }
  }
  st.agentWeights = agentWeight;
  return changed;
}
