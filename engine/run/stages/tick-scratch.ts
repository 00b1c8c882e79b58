import type { AgentRules } from '../../modules/promotion/promotion-decision.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import { newStatsScratch, type StatsScratch } from './agent-stats.js';
import { newCvarScratch, type CvarScratch } from './cvar.js';
import { newDecayScratch, type DecayScratch } from './decay.js';
import { agentRulesOf } from './decisions.js';
import { newTargetsScratch, type TargetsScratch } from './targets.js';
import { newWeightsScratch, type WeightsScratch } from './weights.js';

/**
 * The per-tick stages' own buffers, sized once per run and reused every tick (no allocation
 * on the tick path): each stage's tables and results, valid until the next evaluated tick
 * (what a skipped tick reads), plus what they carry from tick to tick (the CVaR windows kept
 * sorted, the outcome counts the stats rows and decisions were computed on). Data-only
 * classes and typed arrays, so a run snapshot (v8 serialize) holds them. Classes, not literals:
 * see RunState (engine/run/state.ts).
 */
export class TickScratch {
  readonly stats: StatsScratch;
  readonly decay: DecayScratch;
  readonly cvar: CvarScratch;
  readonly weights: WeightsScratch;
  readonly targets: TargetsScratch;
  /** The decision rules (agentRulesOf(cfg)) and each agent's outcome count at its last decision (-1: never). */
  readonly rules: AgentRules;
  readonly decidedCount: Float64Array;

  constructor(data: RunData, cfg: RunConfig) {
    this.stats = newStatsScratch(data);
    this.decay = newDecayScratch(data, cfg);
    this.cvar = newCvarScratch(data);
    this.weights = newWeightsScratch(data);
    this.targets = newTargetsScratch(data, cfg);
    this.rules = agentRulesOf(cfg);
    this.decidedCount = new Float64Array(data.agents.length).fill(-1);
  }
}

/** Returns the stages' scratch for a run over `data` under `cfg`. */
export function newTickScratch(data: RunData, cfg: RunConfig): TickScratch {
  return new TickScratch(data, cfg);
}
