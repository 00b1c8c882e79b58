/**
 * The portfolio on the virtual clock: cash, quantities per symbol, last close per symbol,
 * and target weights waiting for their fill.
 *
 * Fill rule: targets set by the tick at t fill, symbol by symbol, at that symbol's next
 * close strictly after t. The traded quantity brings the position to
 * target_weight * equity, with equity marked at that moment (all symbols at their last
 * close). Costs (costs.ts: fixed + half spread + square-root impact) are paid from cash; a
 * fill inside the no-trade band or below the minimum trade size is skipped whole. Between
 * fills positions drift with prices.
 *
 * The book never borrows: the fills of one price block are simultaneous, so its buys may spend
 * what its sales raise, but when cash after all of them (costs included) would fall below 0 its
 * buys are scaled by one common factor so that it does not (blockBuyScale), and each buy cut
 * short stays pending for the rest at its symbol's next close. Symbols need not share a
 * calendar: a sale waiting for a symbol whose closes pause would otherwise leave the buys of a
 * rotation to spend cash the book does not have (2 x gross exposure at cash_buffer 0). The
 * minimum trade size applies to what fills: a buy cut below it does not fill (no dust) and waits
 * whole, and the factor is found with that rule, so the cash it leaves goes to the other buys.
 */
import { DOUBLE_ZERO } from '../core/double-zero.js';
import { minimumTrade, SKIP, skipCode, type SkipCode } from './costs.js';
import { resolveCostModel, type CostModel } from './cost-model.js';
import { cappedParts, costOf, COST_PARTS, isImpactShortWindow } from './fill-cost.js';
import { newTrailingWindow, pushBar, type TrailingWindow } from './trailing-window.js';

/** Mutable portfolio state (kernel). A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class Portfolio {
  cash: number;
  readonly qty: Float64Array;
  readonly lastClose: Float64Array;
  /**
   * Per symbol, the time of its last close (NaN: none yet) and the longest time between two of
   * its closes so far (0 with fewer than two): a position whose closes stopped (a delisting)
   * is marked at its last close to the end, and these say so (stale-positions.ts).
   */
  readonly lastCloseMs: Float64Array;
  readonly longestCloseGapMs: Float64Array;
  /** Target weight per symbol awaiting its fill; NaN = nothing pending. */
  readonly pending: Float64Array;
  /** Current target weights (the last targets set). */
  readonly target: Float64Array;
  /** Sum of qty * lastClose, kept incrementally. */
  holdings: number;
  /**
   * Sum over fills of |traded| / the equity the fill was sized on (the book marked at its price
   * block's closes, before the block's fills): the turnover traded, in fractions of equity.
   */
  turnoverTraded: number;
  readonly model: CostModel;
  /** Trailing returns and traded values per symbol (the impact term's sigma and ADV). */
  readonly trail: TrailingWindow;
  /** Half spread of each symbol's last bar from the prices' spread_bps column, in bps; NaN = none. */
  readonly barHalfSpreadBps: Float64Array;
  /**
   * The cost parts summed over fills in event order, in currency units (costs paid: costsPaidOf),
   * and the fills skipped (a buy cut for cash below the minimum counts with the minimum's).
   */
  costsFixed: number;
  costsSpread: number;
  costsImpact: number;
  skippedBand: number;
  skippedMinimum: number;
  /** Buys cut short (or to nothing) because the block's cash would not pay for them in full. */
  buysCut: number;
  /** Fills whose cost was capped at their traded notional (costs.ts, capToTraded). */
  costsCapped: number;
  /**
   * Fills of a symbol with impact_k > 0 and an ADV that charged no impact because its window
   * held fewer than impact_window returns: no sigma yet (trailing-window.ts, trailingSigma).
   */
  impactShortWindow: number;

  constructor(nSymbols: number, initialCapital: number, model?: CostModel) {
    const m = model ?? resolveCostModel({ bpsPerTurnover: 0, slippageBps: 0 }, new Array<string>(nSymbols).fill(''));
    this.cash = initialCapital;
    this.qty = new Float64Array(nSymbols);
    this.lastClose = new Float64Array(nSymbols).fill(Number.NaN);
    this.lastCloseMs = new Float64Array(nSymbols).fill(Number.NaN);
    this.longestCloseGapMs = new Float64Array(nSymbols);
    this.pending = new Float64Array(nSymbols).fill(Number.NaN);
    this.target = new Float64Array(nSymbols);
    this.holdings = DOUBLE_ZERO;
    this.turnoverTraded = DOUBLE_ZERO;
    this.model = m;
    this.trail = newTrailingWindow(nSymbols, m.usesImpact ? m.impactWindow : 0);
    this.barHalfSpreadBps = new Float64Array(m.spreadColumn ? nSymbols : 0).fill(Number.NaN);
    this.costsFixed = DOUBLE_ZERO;
    this.costsSpread = DOUBLE_ZERO;
    this.costsImpact = DOUBLE_ZERO;
    this.skippedBand = 0;
    this.skippedMinimum = 0;
    this.buysCut = 0;
    this.costsCapped = 0;
    this.impactShortWindow = 0;
  }
}

/** Returns an all-cash portfolio over nSymbols; costs default to none. */
export function newPortfolio(nSymbols: number, initialCapital: number, model?: CostModel): Portfolio {
  return new Portfolio(nSymbols, initialCapital, model);
}

/**
 * Returns the costs paid: fixed + spread + impact, each summed over fills, added in that order,
 * so the breakdown adds up to it exactly. The sum of the fills' own costs (each fill's three
 * parts added, the cash it paid) equals it up to rounding.
 */
export function costsPaidOf(p: Portfolio): number {
  return p.costsFixed + p.costsSpread + p.costsImpact;
}

/** Returns cash + holdings. */
export function equityOf(p: Portfolio): number {
  return p.cash + p.holdings;
}

/** fillPending's result when nothing filled (a cost is never negative). */
export const NO_FILL = -1;

/**
 * Records a new bar for symbol s: its close (marking happens in `markToMarket`), and for the
 * cost model its volume (NaN = none) and quoted spread in bps (NaN = none).
 */
export function markClose(p: Portfolio, s: number, close: number, volume = Number.NaN, spreadBps = Number.NaN): void {
  p.lastClose[s] = close;
  if (p.trail.n > 0) pushBar(p.trail, s, close, volume);
  if (p.model.spreadColumn) p.barHalfSpreadBps[s] = spreadBps >= 0 ? spreadBps / 2 : Number.NaN;
}

/** Records that symbol s has a close at time t (its last close time and the longest gap between its closes). */
export function markCloseTime(p: Portfolio, s: number, t: number): void {
  const gap = t - (p.lastCloseMs[s] as number);
  if (gap > (p.longestCloseGapMs[s] as number)) p.longestCloseGapMs[s] = gap;
  p.lastCloseMs[s] = t;
}

/** Returns true when a bar is only its close (no impact window, no spread column): markClose then sets lastClose alone. */
export function marksCloseOnly(p: Portfolio): boolean {
  return p.trail.n === 0 && !p.model.spreadColumn;
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

/** The band's or the minimum's skip code of trading symbol s from q to weight w at `close` (|traded| `tradedAbs`), sized on `equity`. */
function skipOf(p: Portfolio, s: number, w: number, q: number, close: number, tradedAbs: number, equity: number): SkipCode {
  const m = p.model;
  const band = m.noTradeBand[s] as number;
  const minN = m.minTradeNotional[s] as number;
  const minF = m.minTradeFraction[s] as number;
  return band > 0 || minN > 0 || minF > 0 ? skipCode(Math.abs(w - (q * close) / equity), tradedAbs, equity, band, minN, minF) : SKIP.none;
}

/** Returns symbol s's minimum trade size on `equity` (costs.ts, minimumTrade), in currency units; 0 without one. */
function minimumOf(p: Portfolio, s: number, equity: number): number {
  return minimumTrade(equity, p.model.minTradeNotional[s] as number, p.model.minTradeFraction[s] as number);
}

/** The quantity a buy from q toward `full` reaches when cut to `scale` of it (blockBuyScale). */
function cutQty(q: number, full: number, scale: number): number {
  return q + scale * (full - q);
}

/** Returns cash after filling the block's symbols `syms[0..n)` in order, their buys cut to `scale`, as fillPending would, without filling them. */
function cashAfterBlock(p: Portfolio, syms: Int32Array, n: number, equity: number, scale: number): number {
  let cash = p.cash;
  for (let k = 0; k < n; k++) {
    const s = syms[k] as number;
    const w = p.pending[s] as number;
    if (Number.isNaN(w)) continue;
    const close = p.lastClose[s] as number;
    const q = p.qty[s] as number;
    const full = (w * equity) / close;
    const asked = (full - q) * close;
    if (skipOf(p, s, w, q, close, Math.abs(asked), equity) !== SKIP.none) continue;
    const cut = scale < 1 && asked > 0;
    const traded = cut ? (cutQty(q, full, scale) - q) * close : asked;
    if (cut && traded < minimumOf(p, s, equity)) continue; // fillPending fills no cut buy below the minimum
    cash -= traded + costOf(p, s, Math.abs(traded));
  }
  return cash;
}

/**
 * Cash below 0 by at most this fraction of equity after a block's fills is rounding, not
 * borrowing: targets that sum to exactly 1 (cash_buffer 0) leave cash at -1e-16 x equity or so,
 * and cutting the buys for that would leave each pending for a dust fill at its next close.
 */
const ROUNDING_CASH = 1e-9;

/**
 * Returns the factor in [0, 1] the buys of the price block `syms[0..n)` are cut to so that
 * cash after its fills and costs stays >= 0: 1 when it does at full size, to rounding, else the
 * largest factor found by bisection (cost grows with size, so cash after the block falls as the
 * factor grows; a buy cut below its minimum, which does not fill, takes nothing until the factor
 * lifts it to the minimum, so it still falls) at which it does, computed in the order the fills
 * apply, so the cash they leave is >= 0 exactly. 0 when the block's sales alone leave cash
 * below 0 (a block without buys then fills as it would at 1: the factor acts on buys only).
 */
export function blockBuyScale(p: Portfolio, syms: Int32Array, n: number, equity: number): number {
  if (cashAfterBlock(p, syms, n, equity, 1) >= -ROUNDING_CASH * Math.abs(equity)) return 1;
  if (cashAfterBlock(p, syms, n, equity, 0) < 0) return 0;
  let lo = 0;
  let hi = 1;
  // 60 halvings take the interval below 1e-18: the factor is exact to a double's precision
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (cashAfterBlock(p, syms, n, equity, mid) >= 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Fills symbol s's pending target at its last close, sizing it on `equity` (the equity
 * marked after all closes of this timestamp, the same for every fill at it), a buy cut to
 * `buyScale` (blockBuyScale: < 1 when the block's cash would not pay for its buys in full; the
 * buy then stays pending for the rest). Returns the fill's cost (>= 0; the quantity after it
 * is p.qty[s]), or NO_FILL when nothing was pending, the band / minimum skipped it (the target
 * stays; the next targets set bring a new pending fill) or a buy was cut to nothing or below
 * the minimum (it stays pending whole). A number, not a record: fills run inside the price loop
 * and allocate nothing.
 */
export function fillPending(p: Portfolio, s: number, equity: number, buyScale = 1): number {
  const w = p.pending[s] as number;
  if (Number.isNaN(w)) return NO_FILL;
  p.pending[s] = Number.NaN;
  const close = p.lastClose[s] as number;
  const q = p.qty[s] as number;
  const full = (w * equity) / close;
  let qtyAfter = full;
  let traded = (full - q) * close;
  const skip = skipOf(p, s, w, q, close, Math.abs(traded), equity);
  if (skip !== SKIP.none) {
    if (skip === SKIP.band) p.skippedBand += 1;
    else p.skippedMinimum += 1;
    return NO_FILL;
  }
  if (buyScale < 1 && traded > 0) {
    p.pending[s] = w; // the rest waits for cash, at the symbol's next close
    p.buysCut += 1;
    qtyAfter = cutQty(q, full, buyScale);
    if (qtyAfter === q) return NO_FILL; // cut to nothing (or to less than the quantity's last bit)
    traded = (qtyAfter - q) * close;
    // the minimum applies to what fills, not to what was asked: no dust buy
    if (traded < minimumOf(p, s, equity)) {
      p.skippedMinimum += 1;
      return NO_FILL;
    }
  }
  const tradedAbs = Math.abs(traded);
  if (cappedParts(p, s, tradedAbs)) p.costsCapped += 1;
  const fixed = COST_PARTS[0] as number;
  const spread = COST_PARTS[1] as number;
  const impact = COST_PARTS[2] as number;
  if (tradedAbs > 0 && isImpactShortWindow(p, s)) p.impactShortWindow += 1;
  const cost = fixed + spread + impact;
  p.costsFixed += fixed;
  p.costsSpread += spread;
  p.costsImpact += impact;
  p.cash -= traded + cost;
  p.qty[s] = qtyAfter;
  // a bust book (equity <= 0) has no fraction to trade: its fills add nothing rather than a negative or infinite share
  if (equity > 0) p.turnoverTraded += tradedAbs / equity;
  return cost;
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
