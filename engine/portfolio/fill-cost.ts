/**
 * The cost of one fill of symbol s now, from the cost model and the bars seen so far (the
 * trailing window, the last bar's quoted spread): costs.ts's parts, capped, into a module
 * scratch so that pricing a fill allocates nothing. Read by portfolio.ts's fills and by its
 * projection of a price block's cash, so the two cannot differ.
 */
import { capToTraded, fixedCost, impactCost, spreadCost } from './costs.js';
import type { CostModel } from './cost-model.js';
import { hasFullReturns, trailingAdv, trailingSigma, type TrailingWindow } from './trailing-window.js';

/** What a fill's cost reads of the portfolio (portfolio.ts, Portfolio): the model, the trailing window, each symbol's last bar's half spread (NaN: none). */
export interface CostInputs {
  readonly model: CostModel;
  readonly trail: TrailingWindow;
  readonly barHalfSpreadBps: Float64Array;
}

/** The cost parts of trading `tradedAbs` of symbol s now (costs.ts), each in currency units, before capToTraded. */
function fixedPart(c: CostInputs, s: number, tradedAbs: number): number {
  return fixedCost(tradedAbs, c.model.bpsPerTurnover[s] as number, c.model.slippageBps[s] as number);
}

function spreadPart(c: CostInputs, s: number, tradedAbs: number): number {
  const barSpread = c.model.spreadColumn ? (c.barHalfSpreadBps[s] as number) : Number.NaN;
  return spreadCost(tradedAbs, Number.isNaN(barSpread) ? (c.model.halfSpreadBps[s] as number) : barSpread);
}

function impactPart(c: CostInputs, s: number, tradedAbs: number): number {
  const k = c.model.impactK[s] as number;
  return k > 0 ? impactCost(tradedAbs, k, trailingSigma(c.trail, s), trailingAdv(c.trail, s)) : 0;
}

/** The cost parts of the last cappedParts call: fixed, spread, impact (one scratch: no allocation per fill). */
export const COST_PARTS = new Float64Array(3);

/**
 * Sets COST_PARTS to the cost parts of trading `tradedAbs` of symbol s now, capped in order so that
 * they add up to at most |traded| (a fill never costs more than it trades, costs.ts), and
 * returns whether a cap cut one.
 */
export function cappedParts(c: CostInputs, s: number, tradedAbs: number): boolean {
  const fixedAsked = fixedPart(c, s, tradedAbs);
  const spreadAsked = spreadPart(c, s, tradedAbs);
  const impactAsked = impactPart(c, s, tradedAbs);
  const fixed = capToTraded(fixedAsked, 0, tradedAbs);
  const spread = capToTraded(spreadAsked, fixed, tradedAbs);
  const impact = capToTraded(impactAsked, fixed + spread, tradedAbs);
  COST_PARTS[0] = fixed;
  COST_PARTS[1] = spread;
  COST_PARTS[2] = impact;
  return fixed < fixedAsked || spread < spreadAsked || impact < impactAsked;
}

/** Whether symbol s charges no impact now only for want of a full window of returns (impact_k > 0, an ADV known). */
export function isImpactShortWindow(c: CostInputs, s: number): boolean {
  return (c.model.impactK[s] as number) > 0 && !hasFullReturns(c.trail, s) && trailingAdv(c.trail, s) > 0;
}

/** Returns the cost of trading `tradedAbs` of symbol s now, summed as fillPending (portfolio.ts) charges it. */
export function costOf(c: CostInputs, s: number, tradedAbs: number): number {
  cappedParts(c, s, tradedAbs);
  return (COST_PARTS[0] as number) + (COST_PARTS[1] as number) + (COST_PARTS[2] as number);
}
