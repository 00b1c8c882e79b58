/**
 * The cost of one fill, in currency units, as three parts summed in this fixed order:
 *   fixed  = (bps_per_turnover + slippage_bps) / 1e4 x |traded|
 *   spread = half_spread_bps / 1e4 x |traded|          (half the quoted spread: we cross it once)
 *   impact = k x sigma x sqrt(|traded| / ADV) x |traded| (square-root law: Almgren et al. 2005,
 *            Torre's BARRA impact model; sigma and ADV over the trailing window, trailing-window.ts)
 * |traded| and ADV are notionals (currency); sigma is the stdev of close-to-close returns.
 * A fill never costs more than it trades: the parts are capped in that order so that their sum
 * is at most |traded| (capToTraded). The impact term grows as |traded|^1.5 and passes |traded|
 * for trades large against ADV (k x sigma x sqrt(|traded| / ADV) > 1), the half spread of a
 * bar's spread_bps column can reach 10000 bps on top of the fixed bps: uncapped, a sale would
 * take cash instead of raising it and the book would borrow.
 * Before a fill, a no-trade band and a minimum trade size may skip it entirely; they never
 * shrink it (it trades all that was asked, or nothing). Only the cash does: a buy the price
 * time's cash cannot pay for is cut (portfolio.ts, blockBuyScale), and the minimum applies to
 * what fills: a buy cut below it does not fill (it waits for cash like a buy cut to nothing).
 */

/** Cost parameters of one symbol (scenario `costs`, with `costs.symbols.<SYM>` overrides applied). */
export interface SymbolCostParams {
  readonly bpsPerTurnover: number;
  readonly slippageBps: number;
  /** Constant half spread, in bps of traded notional. */
  readonly halfSpreadBps: number;
  /** Square-root impact coefficient k (dimensionless); 0 = no impact. */
  readonly impactK: number;
  /** Skip a fill whose |traded| is below this notional (currency units). */
  readonly minTradeNotional: number;
  /** Skip a fill whose |traded| is below this fraction of equity, in [0, 1]. */
  readonly minTradeFraction: number;
  /** Skip a fill whose |w_target - w_current| is below this (fraction of equity, in [0, 1]). */
  readonly noTradeBand: number;
}

/** Why a fill was skipped: 0 it trades, 1 no-trade band, 2 minimum trade size. */
export const SKIP = { none: 0, band: 1, minimum: 2 } as const;
export type SkipCode = (typeof SKIP)[keyof typeof SKIP];

/** Returns the fixed cost (commission + slippage) of a fill, in currency units. */
export function fixedCost(tradedAbs: number, bpsPerTurnover: number, slippageBps: number): number {
  return ((bpsPerTurnover + slippageBps) / 1e4) * tradedAbs;
}

/** Returns the cost of crossing half the spread, in currency units. */
export function spreadCost(tradedAbs: number, halfSpreadBps: number): number {
  return (halfSpreadBps / 1e4) * tradedAbs;
}

/**
 * Returns the square-root market impact k x sigma x sqrt(|traded| / ADV) x |traded|, in
 * currency units; 0 when k is 0 or sigma or ADV is unknown (NaN) or ADV is not > 0.
 */
export function impactCost(tradedAbs: number, k: number, sigma: number, advNotional: number): number {
  if (k === 0 || tradedAbs === 0 || !(sigma >= 0) || !(advNotional > 0)) return 0;
  return k * sigma * Math.sqrt(tradedAbs / advNotional) * tradedAbs;
}

/**
 * Returns `part` cut so that it and the parts charged before it (`charged`) add up to at most
 * |traded|: a fill never costs more than it trades, so a sale never takes cash.
 */
export function capToTraded(part: number, charged: number, tradedAbs: number): number {
  return Math.min(part, Math.max(0, tradedAbs - charged));
}

/** Returns the minimum trade size max(min_trade_notional, min_trade_fraction x |equity|), in currency units (0: none). */
export function minimumTrade(equity: number, minTradeNotional: number, minTradeFraction: number): number {
  return Math.max(minTradeNotional, minTradeFraction * Math.abs(equity));
}

/**
 * Returns whether a fill is skipped: by the no-trade band when |w_target - w_current| is
 * below it, else by the minimum trade size when |traded| is below minimumTrade. Strict: a band
 * of 0 skips nothing, a trade exactly at the minimum fills.
 */
export function skipCode(weightChangeAbs: number, tradedAbs: number, equity: number, noTradeBand: number, minTradeNotional: number, minTradeFraction: number): SkipCode {
  if (weightChangeAbs < noTradeBand) return SKIP.band;
  if (tradedAbs < minimumTrade(equity, minTradeNotional, minTradeFraction)) return SKIP.minimum;
  return SKIP.none;
}
