/**
 * The seed-mode functions `bt parity` can run, by the contract's `fn` name
 * (shared/parity/CONTRACT.md, "The functions"). Each takes the case's `args` and returns
 * the seed's output as JSON-ready data, or throws SeedRaise where the seed raises.
 */
import { capitalAllocateSeed } from '../modules/targets/capital-allocate.js';
import { riskWeightsSeed } from '../modules/allocator/risk-weights.js';
import { governorAllocateSeed } from '../modules/governor/governor-allocate.js';
import { pnlWeightsSeed } from '../modules/allocator/pnl-weights.js';
import { updateConfidenceSeed } from '../modules/decay/update-confidence.js';
import { promotionDecisionSeed } from '../modules/promotion/promotion-decision.js';
import { strategyAttributionSeed } from '../modules/kill/strategy-attribution.js';
import { strategyKillSeed } from '../modules/kill/strategy-kill.js';

/** A seed-mode function: the case's args in, the seed's output out. */
export type SeedFunction = (args: Readonly<Record<string, unknown>>) => unknown;

/** Seed functions by contract name. */
export const SEED_FUNCTIONS: ReadonlyMap<string, SeedFunction> = new Map<string, SeedFunction>([
  ['capital_allocate', capitalAllocateSeed],
  ['governor_allocate', governorAllocateSeed],
  ['pnl_weights', pnlWeightsSeed],
  ['promotion_decision', promotionDecisionSeed],
  ['risk_weights', riskWeightsSeed],
  ['strategy_attribution', strategyAttributionSeed],
  ['strategy_kill', strategyKillSeed],
  ['update_confidence', updateConfidenceSeed],
]);

/** The known fn names, sorted (for error messages). */
export const SEED_FUNCTION_NAMES: readonly string[] = [...SEED_FUNCTIONS.keys()];
