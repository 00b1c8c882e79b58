/**
 * The portfolio on the virtual clock: cash, quantities per symbol, last close per symbol,
 * and target weights waiting for their fill.
 *
 * Fill rule: targets set by the tick at t fill, symbol by symbol, at that symbol's next
 * close strictly after t. The traded quantity brings the position to
 * target_weight * equity, with equity marked at that moment (all symbols at their last
 * close). Costs are (bps_per_turnover + slippage_bps) / 1e4 * |traded notional|, paid from
 * cash. Between fills positions drift with prices.
 */

/** Cost parameters, in basis points of traded notional. */
export interface CostParams {
  readonly bpsPerTurnover: number;
  readonly slippageBps: number;
}

/** Mutable portfolio state (kernel). */
export interface Portfolio {
  cash: number;
  readonly qty: Float64Array;
  readonly lastClose: Float64Array;
  /** Target weight per symbol awaiting its fill; NaN = nothing pending. */
  readonly pending: Float64Array;
  /** Current target weights (the last targets set). */
  readonly target: Float64Array;
  /** Sum of qty * lastClose, kept incrementally. */
  holdings: number;
  costsPaid: number;
  turnoverNotional: number;
}

/** Returns an all-cash portfolio over nSymbols. */
export function newPortfolio(nSymbols: number, initialCapital: number): Portfolio {
  return {
    cash: initialCapital,
    qty: new Float64Array(nSymbols),
    lastClose: new Float64Array(nSymbols).fill(Number.NaN),
    pending: new Float64Array(nSymbols).fill(Number.NaN),
    target: new Float64Array(nSymbols),
    holdings: 0,
    costsPaid: 0,
    turnoverNotional: 0,
  };
}

/** Returns cash + holdings. */
export function equityOf(p: Portfolio): number {
  return p.cash + p.holdings;
}

/** Result of a fill, for the event log. */
export interface FillResult {
  readonly qtyAfter: number;
  readonly tradedNotional: number;
  readonly cost: number;
}

/** Records a new close for symbol s (marking happens in `markToMarket`). */
export function markClose(p: Portfolio, s: number, close: number): void {
  p.lastClose[s] = close;
}

/**
 * Recomputes holdings = sum over symbols (in id order) of qty * last close and returns
 * equity. Recomputed rather than updated incrementally so no rounding drift accumulates.
 */
export function markToMarket(p: Portfolio): number {
  let h = 0;
  for (let s = 0; s < p.qty.length; s++) {
    const q = p.qty[s] as number;
    if (q !== 0) h += q * (p.lastClose[s] as number);
  }
  p.holdings = h;
  return p.cash + h;
}

/**
 * Fills symbol s's pending target at its last close, sizing it on `equity` (the equity
 * marked after all closes of this timestamp, the same for every fill at it). Returns the
 * fill, or null when nothing was pending.
 */
export function fillPending(p: Portfolio, s: number, equity: number, costs: CostParams): FillResult | null {
  const w = p.pending[s] as number;
  if (Number.isNaN(w)) return null;
  p.pending[s] = Number.NaN;
  const close = p.lastClose[s] as number;
  const q = p.qty[s] as number;
  const qtyAfter = (w * equity) / close;
  const traded = (qtyAfter - q) * close;
  const tradedAbs = Math.abs(traded);
  const cost = ((costs.bpsPerTurnover + costs.slippageBps) / 1e4) * tradedAbs;
  p.cash -= traded + cost;
  p.qty[s] = qtyAfter;
  p.costsPaid += cost;
  p.turnoverNotional += tradedAbs;
  return { qtyAfter, tradedNotional: traded, cost };
}

/**
 * Sets new targets; each replaces whatever was pending for its symbol. A symbol with a
 * non-zero target or a position gets a pending fill (drifted positions come back to their
 * weights); a flat symbol whose target is 0 has nothing pending, so a target cancelled
 * before its symbol's next close never fills.
 */
export function setTargets(p: Portfolio, weights: Float64Array): void {
  for (let s = 0; s < weights.length; s++) {
    const w = weights[s] as number;
    p.target[s] = w;
    p.pending[s] = w !== 0 || (p.qty[s] as number) !== 0 ? w : Number.NaN;
  }
}
