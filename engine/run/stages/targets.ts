import { allocateTargetsSeedInto, newSeedTargetsScratch, type SeedTargetsScratch } from '../../modules/targets/allocate-targets.js';
import { newProgressiveFillScratch, progressiveFillInto, type ProgressiveFillScratch } from '../../modules/targets/progressive-fill.js';
import { findingColumns } from '../pending-findings.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/** The live findings a tick reads (the first n entries), grown by doubling; plus the filling's buffers (a class, not a literal: see RunState). */
export class TargetsScratch {
  n: number;
  agentId: Int32Array;
  symbolId: Int32Array;
  confidence: Float64Array;
  severityMult: Float64Array;
  /**
   * Per agent: 1 when its findings are gathered. Seed mode: every agent (seed 000 reads every
   * finding). Default mode: the agents whose weight is not 0, set each evaluated tick.
   */
  readonly gathered: Uint8Array;
  /** Default mode: progressive filling's buffers; seed mode: seed 000's (the other one is empty). */
  readonly fill: ProgressiveFillScratch;
  readonly seed: SeedTargetsScratch;

  constructor(data: RunData, cfg: RunConfig) {
    const cap = 1024;
    const seed = cfg.mode === 'seed';
    const nA = data.agents.length;
    const nS = data.symbols.length;
    this.n = 0;
    this.agentId = new Int32Array(cap);
    this.symbolId = new Int32Array(cap);
    this.confidence = new Float64Array(cap);
    this.severityMult = new Float64Array(cap);
    this.gathered = new Uint8Array(nA).fill(1);
    this.fill = seed ? newProgressiveFillScratch(0, 0) : newProgressiveFillScratch(nA, nS);
    this.seed = seed ? newSeedTargetsScratch(nA, nS) : newSeedTargetsScratch(0, 0);
  }
}

/** Returns the targets stage's scratch for this run. */
export function newTargetsScratch(data: RunData, cfg: RunConfig): TargetsScratch {
  return new TargetsScratch(data, cfg);
}

/**
 * Stage 5, targets: symbol targets (fractions of equity, before the regime multiplier) from
 * the live findings (emitted, not yet reconciled, long only) and the agents' final weights
 * (seed 000 CapitalAllocator.allocate in seed mode, progressive filling in default mode).
 * Returns the scratch's array: it holds this tick's proposal until the next evaluated tick
 * (what a skipped tick reuses).
 */
export function proposeTargets(st: RunState, data: RunData, cfg: RunConfig, agentWeight: Float64Array): Float64Array {
  const sc = st.scratch.targets;
  if (cfg.mode === 'seed') {
    const live = collectLive(st, data);
    allocateTargetsSeedInto(live, agentWeight, data.symbols.length, cfg.targets, live.seed);
    return live.seed.symbolWeight;
  }
  // A finding of an agent without capital brings w * c * sev = 0 (c and sev are finite: the
  // findings were validated when read), which the filling leaves out anyway: skip it here.
  for (let a = 0; a < agentWeight.length; a++) sc.gathered[a] = agentWeight[a] !== 0 ? 1 : 0;
  const live = collectLive(st, data);
  // The inputs were validated when read (findings) and by the weights stage's invariants; the
  // per-tick re-validation of allocateTargets stays on its pure path.
  return progressiveFillInto(live, agentWeight, data.symbols.length, cfg.targets, live.fill).symbolWeight;
}

/** Copies the live long findings of the gathered agents, oldest first, into the scratch (grown by doubling to the pending set's capacity). */
function collectLive(st: RunState, data: RunData): TargetsScratch {
  const p = st.pending;
  const sc = st.scratch.targets;
  if (sc.agentId.length < p.capacity) {
    sc.agentId = new Int32Array(p.capacity);
    sc.symbolId = new Int32Array(p.capacity);
    sc.confidence = new Float64Array(p.capacity);
    sc.severityMult = new Float64Array(p.capacity);
  }
  const mask = p.capacity - 1;
  const { agentId, symbolId, confidence, severityMult, gathered } = sc;
  const live = p.live;
  // the findings' own columns: entry c at c & fm (its row in memory, or its ring slot)
  const { direction, agent, symbol, confidence: conf, severityMult: sev, mask: fm } = findingColumns(p, data.findings);
  // Two passes. The first lists the counters of the live long findings of gathered agents in
  // agentId (branchless: every slot is written at j, and j moves on only for a kept one; live
  // and gathered are 0 or 1, (0 - d) >>> 31 is 1 exactly for d > 0). Long-only book: a short
  // finding (direction -1) carries no long capital. Kept and skipped entries interleave at
  // random, so a branch on them would be mispredicted about every other entry; and on dense
  // data a sixth of the entries is kept, so writing one slot beats copying four columns for each.
  let j = 0;
  for (let c = p.head; c < p.tail; c++) {
    const f = c & fm;
    agentId[j] = c;
    j += (live[c & mask] as number) & ((0 - (direction[f] as number)) >>> 31) & (gathered[agent[f] as number] as number);
  }
  // The second copies the kept findings' columns, oldest first (entry i's counter is read before it is overwritten).
  for (let i = 0; i < j; i++) {
    const f = (agentId[i] as number) & fm;
    agentId[i] = agent[f] as number;
    symbolId[i] = symbol[f] as number;
    confidence[i] = conf[f] as number;
    severityMult[i] = sev[f] as number;
  }
  sc.n = j;
  return sc;
}
