import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixedCost, impactCost, SKIP, skipCode, spreadCost } from '../../../engine/portfolio/costs.js';
import { resolveCostModel } from '../../../engine/portfolio/cost-model.js';
import { fillPending, markClose, markToMarket, newPortfolio, NO_FILL, setTargets } from '../../../engine/portfolio/portfolio.js';

const TOL = 1e-9;
const notional = fc.double({ min: 0, max: 1e9, noNaN: true });
const bps = fc.double({ min: 0, max: 500, noNaN: true });
const k = fc.double({ min: 0, max: 5, noNaN: true });
const sigma = fc.double({ min: 0, max: 0.5, noNaN: true });
const adv = fc.double({ min: 1, max: 1e10, noNaN: true });

describe('fixedCost', () => {
  it('charges (bps_per_turnover + slippage_bps) / 1e4 of the traded notional', () => {
    // 500,000 traded at 10 + 5 bps = 750.
    expect(fixedCost(500_000, 10, 5)).toBeCloseTo(750, 9);
  });
});

describe('spreadCost', () => {
  it('charges the half spread in bps of the traded notional', () => {
    // 200,000 x 3 bps = 60.
    expect(spreadCost(200_000, 3)).toBeCloseTo(60, 9);
  });
});

describe('impactCost', () => {
  it('charges k x sigma x sqrt(traded / ADV) of the traded notional', () => {
    // k 0.5, sigma 0.02, traded 1e6, ADV 4e8: 0.5 x 0.02 x sqrt(1/400) = 0.0005 -> 500.
    expect(impactCost(1e6, 0.5, 0.02, 4e8)).toBeCloseTo(500, 9);
  });

  it('is 0 when sigma or ADV is unknown or ADV is not positive', () => {
    expect(impactCost(1e6, 1, Number.NaN, 1e8)).toBe(0);
    expect(impactCost(1e6, 1, 0.02, Number.NaN)).toBe(0);
    expect(impactCost(1e6, 1, 0.02, 0)).toBe(0);
  });

  it('grows with the traded notional (monotone in |traded|)', () => {
    fc.assert(
      fc.property(notional, notional, k, sigma, adv, (a, b, kk, s, v) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(impactCost(lo, kk, s, v)).toBeLessThanOrEqual(impactCost(hi, kk, s, v));
      }),
    );
  });
});

describe('cost parts', () => {
  it('are never negative and are 0 for a zero trade', () => {
    fc.assert(
      fc.property(notional, bps, bps, bps, k, sigma, adv, (x, b1, b2, h, kk, s, v) => {
        for (const c of [fixedCost(x, b1, b2), spreadCost(x, h), impactCost(x, kk, s, v)]) expect(c).toBeGreaterThanOrEqual(0);
        expect(fixedCost(0, b1, b2) + spreadCost(0, h) + impactCost(0, kk, s, v)).toBe(0);
      }),
    );
  });
});

describe('skipCode', () => {
  it('skips by the band first, then by the larger of the two minimums, and keeps the rest', () => {
    // band 0.02: a 0.01 weight change is skipped; min notional 1000, min fraction 0.01 of 1e6 = 10,000.
    expect(skipCode(0.01, 50_000, 1e6, 0.02, 1000, 0.01)).toBe(SKIP.band);
    expect(skipCode(0.05, 9_999, 1e6, 0.02, 1000, 0.01)).toBe(SKIP.minimum);
    expect(skipCode(0.05, 10_000, 1e6, 0.02, 1000, 0.01)).toBe(SKIP.none);
    expect(skipCode(0, 0, 1e6, 0, 0, 0)).toBe(SKIP.none);
  });
});

describe('fillPending with a cost model', () => {
  const weight = fc.double({ min: 0, max: 1, noNaN: true });
  const price = fc.double({ min: 1, max: 1000, noNaN: true });
  it('trades all that was asked or nothing, and never pays a negative cost', () => {
    fc.assert(
      fc.property(weight, weight, price, price, fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 50_000, noNaN: true }), (w0, w1, p0, p1, band, minN) => {
        const model = resolveCostModel({ bpsPerTurnover: 5, slippageBps: 2, halfSpreadBps: 3, noTradeBand: band, minTradeNotional: minN }, ['X']);
        const p = newPortfolio(1, 1_000_000, model);
        markClose(p, 0, p0);
        setTargets(p, Float64Array.of(w0));
        const e0 = markToMarket(p);
        fillPending(p, 0, e0);
        markClose(p, 0, p1);
        const e1 = markToMarket(p);
        setTargets(p, Float64Array.of(w1));
        const qBefore = p.qty[0] as number;
        const asked = !Number.isNaN(p.pending[0] as number);
        const skippedBefore = p.skippedBand + p.skippedMinimum;
        const cost = fillPending(p, 0, e1);
        if (cost === NO_FILL) {
          expect(p.skippedBand + p.skippedMinimum).toBe(skippedBefore + (asked ? 1 : 0));
          expect(p.qty[0]).toBe(qBefore);
        } else {
          const qtyAfter = p.qty[0] as number;
          expect(Math.abs((qtyAfter * p1) / e1 - w1)).toBeLessThan(TOL);
          expect(cost).toBeGreaterThanOrEqual(0);
          if ((qtyAfter - qBefore) * p1 === 0) expect(cost).toBe(0);
        }
      }),
    );
  });

  it("adds fixed, spread and impact, taking sigma and ADV from the bars up to and including the fill's own", () => {
    // Window 2. Closes 100, 110, 99, 99 with volumes 10, 20, 30, 40. Returns 0.1, -0.1, 0;
    // the last two: mean -0.05, sample sd sqrt((0.05^2 + 0.05^2) / 1) = 0.0707106781...;
    // ADV = (99 x 30 + 99 x 40) / 2 = 3465. Target 0.5 of equity 1000 at 99: traded 500.
    // fixed 7 bps = 0.35; spread 3 bps = 0.15; impact 0.1 x 0.0707106781 x sqrt(500 / 3465) x 500.
    const model = resolveCostModel({ bpsPerTurnover: 5, slippageBps: 2, halfSpreadBps: 3, impactK: 0.1, impactWindow: 2 }, ['X']);
    const p = newPortfolio(1, 1000, model);
    [100, 110, 99].forEach((c, i) => markClose(p, 0, c, [10, 20, 30][i] as number));
    setTargets(p, Float64Array.of(0.5));
    markClose(p, 0, 99, 40);
    const f = fillPending(p, 0, markToMarket(p));
    const impact = 0.1 * Math.sqrt(0.005) * Math.sqrt(500 / 3465) * 500;
    expect(f).toBeCloseTo(0.35 + 0.15 + impact, 9);
    expect(p.costsFixed).toBeCloseTo(0.35, 9);
    expect(p.costsSpread).toBeCloseTo(0.15, 9);
    expect(p.costsImpact).toBeCloseTo(impact, 9);
  });

  it('charges no impact before the window holds impact_window returns, and counts those fills', () => {
    // Window 3, closes 100, 110, 121 (two equal returns: a sd of 0, no estimate) with volume 10:
    // no sigma, no impact, one fill counted. After 133.1 and 100 (returns 0.1, 0.1, 0.1, -0.2487...)
    // the window is full: impact > 0, nothing more counted.
    const model = resolveCostModel({ bpsPerTurnover: 0, slippageBps: 0, impactK: 0.5, impactWindow: 3 }, ['X']);
    const p = newPortfolio(1, 10_000, model);
    [100, 110, 121].forEach((c) => markClose(p, 0, c, 10));
    setTargets(p, Float64Array.of(0.5));
    expect(fillPending(p, 0, markToMarket(p))).toBe(0);
    expect(p.impactShortWindow).toBe(1);
    [133.1, 100].forEach((c) => markClose(p, 0, c, 10));
    setTargets(p, Float64Array.of(0.2));
    expect(fillPending(p, 0, markToMarket(p))).toBeGreaterThan(0);
    expect(p.costsImpact).toBeGreaterThan(0);
    expect(p.impactShortWindow).toBe(1);
  });

  it("takes half the bar's spread_bps when spread_column is on, else the constant", () => {
    // Bar spread 10 bps -> half 5 bps of 500 traded = 0.25; equity is then 999.75. A bar without
    // a spread falls back to 3 bps: target 0.3 x 999.75 = 299.925, traded |299.925 - 500| = 200.075.
    const model = resolveCostModel({ bpsPerTurnover: 0, slippageBps: 0, halfSpreadBps: 3, spreadColumn: true }, ['X']);
    const p = newPortfolio(1, 1000, model);
    markClose(p, 0, 100, Number.NaN, 10);
    setTargets(p, Float64Array.of(0.5));
    expect(fillPending(p, 0, markToMarket(p))).toBeCloseTo(0.25, 9);
    markClose(p, 0, 100, Number.NaN, Number.NaN);
    setTargets(p, Float64Array.of(0.3));
    expect(fillPending(p, 0, markToMarket(p))).toBeCloseTo(200.075 * 3e-4, 9);
  });

  it('caps a sale whose impact passes its proceeds at the proceeds: the sale raises no cash and never takes any', () => {
    // 100 shares at 100 in a symbol trading 1 share a day with closes 100, 150, 90, 140, 100
    // (window 3: sigma ~0.43, ADV ~110): impact 1 x 0.43 x sqrt(10000 / 110) x 10000 ~ 41,000,
    // 4 times the 10,000 of proceeds. Uncapped, cash went from 0 to about -40,000.
    const model = resolveCostModel({ bpsPerTurnover: 5, slippageBps: 0, impactK: 1, impactWindow: 3 }, ['X']);
    const p = newPortfolio(1, 0, model);
    p.qty[0] = 100;
    for (const c of [100, 150, 90, 140, 100]) markClose(p, 0, c, 1);
    setTargets(p, Float64Array.of(0));
    const cost = fillPending(p, 0, markToMarket(p));
    expect(cost).toBe(10_000);
    expect(p.cash).toBe(0);
    expect(p.costsFixed).toBeCloseTo(5, 9);
    expect(p.costsImpact).toBeCloseTo(10_000 - 5, 9);
    expect(p.costsCapped).toBe(1);
  });

  it("caps a fill's cost at its traded notional when a bar's spread_bps and the fixed bps pass 10000 bps together", () => {
    // spread_bps 20000 -> half 10000 bps, plus 50 bps fixed: 10050 bps of the 500 traded, capped at 500.
    const model = resolveCostModel({ bpsPerTurnover: 50, slippageBps: 0, spreadColumn: true }, ['X']);
    const p = newPortfolio(1, 1000, model);
    markClose(p, 0, 100, Number.NaN, 20_000);
    setTargets(p, Float64Array.of(0.5));
    expect(fillPending(p, 0, markToMarket(p), 1)).toBe(500);
    expect([p.costsFixed, p.costsSpread, p.costsImpact]).toEqual([2.5, 497.5, 0]);
  });

  it('never costs more than it trades, so a sale never lowers cash (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e4, noNaN: true }), k, bps, fc.double({ min: 0, max: 20_000, noNaN: true }), (qty, volume, kk, fixedBps, spreadBps) => {
        const model = resolveCostModel({ bpsPerTurnover: fixedBps, slippageBps: 0, impactK: kk, spreadColumn: true, impactWindow: 3 }, ['X']);
        const p = newPortfolio(1, 0, model);
        p.qty[0] = qty;
        for (const c of [100, 130, 80, 120, 100]) markClose(p, 0, c, volume, spreadBps);
        setTargets(p, Float64Array.of(0));
        const cost = fillPending(p, 0, markToMarket(p));
        expect(cost).toBeLessThanOrEqual(qty * 100 * (1 + 1e-12));
        expect(p.cash).toBeGreaterThanOrEqual(-1e-12 * qty * 100); // to rounding: the capped parts add up to |traded| within an ulp
      }),
    );
  });
});

describe('resolveCostModel', () => {
  it('applies per-symbol overrides over the defaults and ignores unknown names', () => {
    const m = resolveCostModel({ bpsPerTurnover: 5, slippageBps: 2, halfSpreadBps: 1, symbols: { BBB: { halfSpreadBps: 9, impactK: 0.3 }, ZZZ: { impactK: 1 } } }, ['AAA', 'BBB']);
    expect([...m.halfSpreadBps]).toEqual([1, 9]);
    expect([...m.impactK]).toEqual([0, 0.3]);
    expect([...m.bpsPerTurnover]).toEqual([5, 5]);
    expect(m.usesImpact).toBe(true);
  });
});
