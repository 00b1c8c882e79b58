import { allocateTargetsSeedInto, newSeedTargetsScratch, type SeedTargetsScratch } from '../../modules/targets/allocate-targets.js';
import { newProgressiveFillScratch, progressiveFillInto, type ProgressiveFillScratch } from '../../modules/targets/progressive-fill.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/** The live findings a tick reads (the first n entries), grown by doubling; plus the filling's buffers. */
export interface TargetsScratch {
  n: number;
  agentId: Int32Array;
  symbolId: Int32Array;
  confidence: Float64Array;
  severityMult: Float64Array;
  /** Default mode: progressive filling's buffers; seed mode: seed 000's (the other one is empty). */
  readonly fill: ProgressiveFillScratch;
  readonly seed: SeedTargetsScratch;
}

/** Returns the targets stage's scratch for this run. */
export function newTargetsScratch(data: RunData, cfg: RunConfig): TargetsScratch {
  const cap = 1024;
  const seed = cfg.mode === 'seed';
  const nA = data.agents.length;
  const nS = data.symbols.length;
  return {
    n: 0,
    agentId: new Int32Array(cap),
    symbolId: new Int32Array(cap),
    confidence: new Float64Array(cap),
    severityMult: new Float64Array(cap),
    fill: seed ? newProgressiveFillScratch(0, 0) : newProgressiveFillScratch(nA, nS),
    seed: seed ? newSeedTargetsScratch(nA, nS) : newSeedTargetsScratch(0, 0),
  };
}

/**
 * Stage 5, targets: symbol targets (fractions of equity, before the regime multiplier) from
 * the live findings (emitted, not yet reconciled, long only) and the agents' final weights
 * (seed 000 CapitalAllocator.allocate in seed mode, progressive filling in default mode).
 * Returns the scratch's array: it holds this tick's proposal until the next evaluated tick
 * (what a skipped tick reuses).
 */
export function proposeTargets(st: RunState, data: RunData, cfg: RunConfig, agentWeight: Float64Array): Float64Array {
  const live = collectLive(st);
  if (cfg.mode === 'seed') {
    allocateTargetsSeedInto(live, agentWeight, data.symbols.length, cfg.targets, live.seed);
    return live.seed.symbolWeight;
  }
  // The inputs were validated when read (findings) and by the weights stage's invariants; the
  // per-tick re-validation of allocateTargets stays on its pure path.
  return progressiveFillInto(live, agentWeight, data.symbols.length, cfg.targets, live.fill).symbolWeight;
}

/** Copies the live long findings, oldest first, into the scratch (grown by doubling to the pending set's capacity). */
function collectLive(st: RunState): TargetsScratch {
  const p = st.pending;
  const sc = st.scratch.targets;
  if (sc.agentId.length < p.capacity) {
    sc.agentId = new Int32Array(p.capacity);
    sc.symbolId = new Int32Array(p.capacity);
    sc.confidence = new Float64Array(p.capacity);
    sc.severityMult = new Float64Array(p.capacity);
  }
  const mask = p.capacity - 1;
  let j = 0;
  // Long-only book: a short finding (direction -1) carries no long capital.
  for (let c = p.head; c < p.tail; c++) {
    const k = c & mask;
    if (p.live[k] !== 1 || (p.direction[k] as number) <= 0) continue;
    sc.agentId[j] = p.agent[k] as number;
    sc.symbolId[j] = p.symbol[k] as number;
    sc.confidence[j] = p.confidence[k] as number;
    sc.severityMult[j] = p.severityMult[k] as number;
    j++;
  }
  sc.n = j;
  return sc;
}
