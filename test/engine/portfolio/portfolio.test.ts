import { describe, expect, it } from 'vitest';
import { blockBuyScale, costsPaidOf, equityOf, fillPending, markClose, markToMarket, newPortfolio, NO_FILL, setTargets } from '../../../engine/portfolio/portfolio.js';
import { resolveCostModel } from '../../../engine/portfolio/cost-model.js';
const TOL = 1e-9;

/** Marks closes (symbol id -> close) and fills every pending symbol among them, like the kernel's price block. */
function closeAndFill(p: ReturnType<typeof newPortfolio>, closes: Record<number, number>): number[] {
  const ids = Object.keys(closes).map(Number).sort((a, b) => a - b);
  for (const s of ids) markClose(p, s, closes[s] as number);
  const equity = markToMarket(p);
  const filled: number[] = [];
  for (const s of ids) if (fillPending(p, s, equity) !== NO_FILL) filled.push(s);
  markToMarket(p);
  return filled;
}

describe('fillPending', () => {
  it('sizes a fill as target weight times the equity marked before the fill', () => {
    const p = newPortfolio(2, 1_000_000);
    closeAndFill(p, { 0: 100, 1: 50 });
    setTargets(p, Float64Array.of(0.2, 0.5));
    closeAndFill(p, { 0: 100, 1: 50 });
    // 0.2 x 1e6 / 100 = 2000 shares; 0.5 x 1e6 / 50 = 10000 shares; cash 1e6 - 200k - 500k.
    expect(p.qty[0]).toBeCloseTo(2000, 9);
    expect(p.qty[1]).toBeCloseTo(10000, 9);
    expect(p.cash).toBeCloseTo(300_000, 6);
    expect(equityOf(p)).toBeCloseTo(1_000_000, 6);
  });

  it('charges (bps_per_turnover + slippage_bps) / 1e4 of the traded notional, from cash', () => {
    const p = newPortfolio(1, 1_000_000, resolveCostModel({ bpsPerTurnover: 10, slippageBps: 5 }, ['X']));
    closeAndFill(p, { 0: 100 });
    setTargets(p, Float64Array.of(0.5));
    const f = (() => {
      markClose(p, 0, 100);
      return fillPending(p, 0, markToMarket(p));
    })();
    // traded 500,000; cost 15 bps = 750.
    expect(f).toBeCloseTo(750, 9);
    expect(p.cash).toBeCloseTo(1_000_000 - 500_000 - 750, 6);
    expect(costsPaidOf(p)).toBeCloseTo(750, 9);
  });

  it('adds |traded| / equity to turnoverTraded, two-sided: selling 0.1 of one symbol and buying 0.1 of another adds 0.2', () => {
    const p = newPortfolio(2, 1_000_000);
    setTargets(p, Float64Array.of(0.5, 0.3));
    closeAndFill(p, { 0: 100, 1: 50 });
    // 500,000 + 300,000 traded on 1,000,000: 0.8
    expect(p.turnoverTraded).toBeCloseTo(0.8, 12);
    setTargets(p, Float64Array.of(0.4, 0.4));
    closeAndFill(p, { 0: 100, 1: 50 });
    // 100,000 sold + 100,000 bought on 1,000,000: 0.2 more
    expect(p.turnoverTraded).toBeCloseTo(1.0, 12);
  });

  it('divides by the equity marked before the block trades, not after its costs', () => {
    const p = newPortfolio(2, 1_000_000, resolveCostModel({ bpsPerTurnover: 10, slippageBps: 0 }, ['A', 'B']));
    setTargets(p, Float64Array.of(0.5, 0.3));
    closeAndFill(p, { 0: 100, 1: 50 });
    // 800,000 traded on the 1,000,000 both fills were sized on (the 800 of costs leave equity after): 0.8, not 800,000 / 999,200
    expect(costsPaidOf(p)).toBeCloseTo(800, 9);
    expect(p.turnoverTraded).toBeCloseTo(0.8, 12);
  });

  it('adds nothing to turnoverTraded for a fill the no-trade band or the minimum trade skips', () => {
    const p = newPortfolio(3, 1_000_000, resolveCostModel({ bpsPerTurnover: 0, slippageBps: 0, noTradeBand: 0.05, minTradeNotional: 200_000 }, ['A', 'B', 'C']));
    setTargets(p, Float64Array.of(0.5, 0.01, 0.1));
    // A trades 500,000 (0.5); B's weight change 0.01 is inside the 0.05 band; C's 100,000 is under the 200,000 minimum
    expect(closeAndFill(p, { 0: 100, 1: 50, 2: 20 })).toEqual([0]);
    expect(p.turnoverTraded).toBe(0.5);
    expect([p.skippedBand, p.skippedMinimum]).toEqual([1, 1]);
  });

  it('keeps a position within the band of a target of 0, and fills a weight change exactly at the band (strict)', () => {
    const p = newPortfolio(2, 1_000, resolveCostModel({ bpsPerTurnover: 0, slippageBps: 0, noTradeBand: 0.25 }, ['A', 'B']));
    setTargets(p, Float64Array.of(0.5, 0.25));
    // A's change 0.5 and B's 0.25 (exactly the band) both fill: 5 and 2.5 shares, cash 250
    expect(closeAndFill(p, { 0: 100, 1: 100 })).toEqual([0, 1]);
    setTargets(p, Float64Array.of(0.5, 0));
    // B going from 0.25 to 0 (exactly the band) sells; A, unchanged, is skipped
    expect(closeAndFill(p, { 0: 100, 1: 100 })).toEqual([1]);
    // A falls to 30: 150 of 650 of equity, 0.23, inside the band of 0: a target of 0 keeps it
    setTargets(p, Float64Array.of(0, 0));
    expect(closeAndFill(p, { 0: 30, 1: 100 })).toEqual([]);
    expect(p.qty[0]).toBe(5);
    expect(p.skippedBand).toBe(2);
  });

  it('returns NO_FILL and changes nothing when no target is pending', () => {
    const p = newPortfolio(1, 1_000);
    markClose(p, 0, 10);
    expect(fillPending(p, 0, markToMarket(p))).toBe(NO_FILL);
    expect(p.cash).toBe(1_000);
    expect(p.qty[0]).toBe(0);
  });
});

/** Marks closes and fills the block as the kernel does (stages/portfolio.ts): its buys cut by blockBuyScale when cash would not pay for them. */
function closeAndFillBlock(p: ReturnType<typeof newPortfolio>, closes: Record<number, number>): number[] {
  const ids = Object.keys(closes).map(Number).sort((a, b) => a - b);
  for (const s of ids) markClose(p, s, closes[s] as number);
  const equity = markToMarket(p);
  const scale = blockBuyScale(p, Int32Array.from(ids), ids.length, equity);
  const filled: number[] = [];
  for (const s of ids) if (fillPending(p, s, equity, scale) !== NO_FILL) filled.push(s);
  markToMarket(p);
  return filled;
}

describe('blockBuyScale and fillPending with the minimum trade', () => {
  it('fills no buy cut for cash below the minimum: no dust, the buy waits whole for cash', () => {
    // Equity 1,000,000: 3,000 of cash and 997,000 of B (not closing now). A asks 0.02 = 20,000 at
    // 100; cash pays for 3,000 of it, under the 5,000 minimum: A does not fill (it bought 30
    // shares before), stays pending, and cash is untouched.
    const p = newPortfolio(2, 3_000, resolveCostModel({ bpsPerTurnover: 0, slippageBps: 0, minTradeNotional: 5_000 }, ['A', 'B']));
    p.qty[1] = 9_970;
    markClose(p, 1, 100);
    setTargets(p, Float64Array.of(0.02, 0.997));
    expect(closeAndFillBlock(p, { 0: 100 })).toEqual([]);
    expect([p.qty[0], p.cash, p.pending[0]]).toEqual([0, 3_000, 0.02]);
    expect([p.buysCut, p.skippedMinimum]).toEqual([1, 1]);
  });

  it("gives the block's other buys the cash a buy cut below its minimum leaves", () => {
    // Equity 1,000,000: 10,000 of cash, 990,000 of C (not closing). A asks 60,000 (minimum 50,000),
    // B 20,000 (no minimum). One factor for both would be 10,000 / 80,000 = 0.125: A 7,500, under
    // its minimum, so A cannot fill below a factor of 50,000 / 60,000; B then takes the 10,000
    // alone (factor 0.5: 100 shares at 100) and A waits.
    const model = resolveCostModel({ bpsPerTurnover: 0, slippageBps: 0, symbols: { A: { minTradeNotional: 50_000 } } }, ['A', 'B', 'C']);
    const p = newPortfolio(3, 10_000, model);
    p.qty[2] = 9_900;
    markClose(p, 2, 100);
    setTargets(p, Float64Array.of(0.06, 0.02, 0.99));
    expect(closeAndFillBlock(p, { 0: 100, 1: 100 })).toEqual([1]);
    expect(Math.abs((p.qty[1] as number) - 100)).toBeLessThan(TOL);
    expect(p.cash).toBeGreaterThanOrEqual(0);
    expect(p.cash).toBeLessThan(TOL);
    expect([p.qty[0], p.pending[0]]).toEqual([0, 0.06]);
  });
});

describe('setTargets', () => {
  it('never fills a target cancelled (set back to 0) before its symbol next closes', () => {
    // Issue 9 item 1: w = 0.2 at tick 1, w = 0 at tick 2, then the weekly close comes.
    const p = newPortfolio(1, 1_000_000);
    closeAndFill(p, { 0: 100 });
    setTargets(p, Float64Array.of(0.2));
    setTargets(p, Float64Array.of(0));
    expect(closeAndFill(p, { 0: 110 })).toEqual([]);
    closeAndFill(p, { 0: 121 });
    expect(p.qty[0]).toBe(0);
    expect(equityOf(p)).toBe(1_000_000);
  });

  it('trades to the latest of several targets set before the next close', () => {
    const p = newPortfolio(1, 1_000_000);
    closeAndFill(p, { 0: 100 });
    setTargets(p, Float64Array.of(0.2));
    setTargets(p, Float64Array.of(0.1));
    closeAndFill(p, { 0: 100 });
    expect(p.qty[0]).toBeCloseTo(1000, 9); // 0.1 x 1e6 / 100
  });

  it('sells a held position when its target goes to 0', () => {
    const p = newPortfolio(1, 1_000_000);
    closeAndFill(p, { 0: 100 });
    setTargets(p, Float64Array.of(0.5));
    closeAndFill(p, { 0: 100 });
    setTargets(p, Float64Array.of(0));
    expect(closeAndFill(p, { 0: 120 })).toEqual([0]);
    // 5000 shares sold at 120: cash 500,000 + 600,000.
    expect(p.qty[0]).toBe(0);
    expect(p.cash).toBeCloseTo(1_100_000, 6);
  });

  it('rebalances a drifted position back to an unchanged target', () => {
    const p = newPortfolio(2, 1_000);
    closeAndFill(p, { 0: 10, 1: 10 });
    setTargets(p, Float64Array.of(0.5, 0));
    closeAndFill(p, { 0: 10, 1: 10 });
    closeAndFill(p, { 0: 20 }); // 50 shares now worth 1000 of equity 1500
    setTargets(p, Float64Array.of(0.5, 0));
    closeAndFill(p, { 0: 20 });
    // 0.5 x 1500 / 20 = 37.5 shares.
    expect(Math.abs((p.qty[0] as number) - 37.5)).toBeLessThan(TOL);
    expect(Number.isNaN(p.pending[1] as number)).toBe(true);
  });
});

describe('markToMarket', () => {
  it('returns cash plus quantity times last close, summed in symbol order', () => {
    const p = newPortfolio(2, 100);
    p.qty[0] = 2;
    p.qty[1] = 3;
    markClose(p, 0, 10);
    markClose(p, 1, 5);
    expect(markToMarket(p)).toBe(100 + 20 + 15);
    expect(p.holdings).toBe(35);
  });
});
