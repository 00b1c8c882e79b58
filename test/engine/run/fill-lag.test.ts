import { describe, expect, it } from 'vitest';
import { countFindings, countPrices, finishFillLag, newFillLagCounter, type FillLagCounter } from '../../../engine/run/fill-lag.js';
import { tickTimes } from '../../../engine/clock/schedule.js';
import { createRng, type Rng } from '../../../engine/core/rng.js';
import { MS } from '../../../engine/core/time.js';
import { bruteFillLag } from '../../helpers/fill-lag-brute-force.js';

const T0 = Date.UTC(2022, 0, 1);

interface Rows {
  tsMs: Float64Array;
  symbolId: Int32Array;
  horizonHours: Float64Array;
}

/** Rows from..to of the columns as a batch (copies: a streamed batch's arrays are reused). */
function batch(r: Rows, from: number, to: number): { n: number; tsMs: Float64Array; symbolId: Int32Array; horizonHours: Float64Array } {
  return { n: to - from, tsMs: r.tsMs.slice(from, to), symbolId: r.symbolId.slice(from, to), horizonHours: r.horizonHours.slice(from, to) };
}

/**
 * Random findings and prices over `days` days on hourly times, sorted by time: sparse prices (each
 * symbol on its own grid, with gaps, the last one stopping) or a dense grid (every symbol every 6
 * hours, so a tick's next closes are all at one time); `horizons` the findings' horizons are drawn from.
 */
function randomData(seed: number, days: number, nSymbols: number, horizons: readonly number[] = [Number.NaN, 1, 6, 12, 24, 48], dense = false): { findings: Rows; prices: Rows } {
  const rng = createRng(seed, 'fill-lag-test');
  const pick = (xs: readonly number[]): number => xs[Math.floor(rng() * xs.length)] as number;
  const ft: number[] = [];
  const fs: number[] = [];
  const fh: number[] = [];
  const pt: number[] = [];
  const ps: number[] = [];
  for (let hour = 0; hour < days * 24; hour++) {
    const t = T0 + hour * MS.hour;
    for (let s = 0; s < nSymbols; s++) {
      // symbol s closes every (s + 1) * 6 hours, with gaps; the last one stops after 5 days (its findings then wait to the end)
      if (dense ? hour % 6 === 0 : hour % ((s + 1) * 6) === 0 && rng() < 0.8 && (s < nSymbols - 1 || hour < 5 * 24)) {
        pt.push(t);
        ps.push(s);
      }
    }
    const n = Math.floor(rng() * 3);
    for (let k = 0; k < n; k++) {
      ft.push(t + pick([0, 0, 15 * MS.minute]));
      fs.push(Math.floor(rng() * nSymbols));
      fh.push(pick(horizons));
    }
  }
  const order = [...ft.keys()].sort((a, b) => (ft[a] as number) - (ft[b] as number) || a - b);
  return {
    findings: { tsMs: Float64Array.from(order, (i) => ft[i] as number), symbolId: Int32Array.from(order, (i) => fs[i] as number), horizonHours: Float64Array.from(order, (i) => fh[i] as number) },
    prices: { tsMs: Float64Array.from(pt), symbolId: Int32Array.from(ps), horizonHours: new Float64Array(pt.length) },
  };
}

/** Feeds the counter batches of 1..maxBatch rows from a source drawn at random, until both are used up: any interleaving the run could pull. */
function countInRandomBatches(c: FillLagCounter, findings: Rows, prices: Rows, rng: Rng, maxBatch: number): void {
  let fi = 0;
  let pi = 0;
  while (fi < findings.tsMs.length || pi < prices.tsMs.length) {
    const size = 1 + Math.floor(rng() * maxBatch);
    if (pi >= prices.tsMs.length || (fi < findings.tsMs.length && rng() < 0.5)) {
      const to = Math.min(fi + size, findings.tsMs.length);
      countFindings(c, batch(findings, fi, to));
      fi = to;
    } else {
      const to = Math.min(pi + size, prices.tsMs.length);
      countPrices(c, batch(prices, pi, to));
      pi = to;
    }
  }
}

describe('countFindings / countPrices / finishFillLag', () => {
  it('counts the live findings due at or before their symbol\'s next close after their first tick, as brute force does, whatever the batches and their interleaving', () => {
    for (const seed of [1, 2, 3]) {
      const { findings, prices } = randomData(seed, 60, 5);
      for (const cadenceMs of [MS.hour, 4 * MS.hour, MS.day]) {
        const startMs = T0 + 5 * MS.hour;
        const endMs = T0 + 58 * MS.day;
        const want = bruteFillLag({ tsMs: findings.tsMs, symbol: findings.symbolId, horizonHours: findings.horizonHours }, { tsMs: prices.tsMs, symbol: prices.symbolId }, startMs, endMs, cadenceMs, 24);
        expect(want.live).toBeGreaterThan(100);
        expect(want.beforeFill).toBeGreaterThan(0);
        expect(want.beforeFill).toBeLessThan(want.live);
        const rng = createRng(seed, `interleave-${cadenceMs}`);
        for (let rep = 0; rep < 4; rep++) {
          const c = newFillLagCounter(tickTimes(startMs, endMs, cadenceMs), endMs, 24 * MS.hour, 5);
          countInRandomBatches(c, findings, prices, rng, 60);
          expect(finishFillLag(c)).toEqual(want);
        }
      }
    }
  });

  it('counts ticks far finer than the closes in time linear in the ticks, prices pulled before the findings or after', () => {
    // 10-second ticks over 20 days of hourly closes (172,800 ticks, a slot each while the prices
    // run ahead): freeing the slots one splice at a time took minutes, quadratic in the ticks
    const { findings, prices } = randomData(11, 20, 3);
    const startMs = T0;
    const endMs = T0 + 19 * MS.day;
    const cadenceMs = 10 * MS.second;
    const want = bruteFillLag({ tsMs: findings.tsMs, symbol: findings.symbolId, horizonHours: findings.horizonHours }, { tsMs: prices.tsMs, symbol: prices.symbolId }, startMs, endMs, cadenceMs, 24);
    expect(want.live).toBeGreaterThan(100);
    const ticks = tickTimes(startMs, endMs, cadenceMs);
    const pricesFirst = newFillLagCounter(ticks, endMs, 24 * MS.hour, 3);
    countPrices(pricesFirst, batch(prices, 0, prices.tsMs.length));
    countFindings(pricesFirst, batch(findings, 0, findings.tsMs.length));
    expect(finishFillLag(pricesFirst)).toEqual(want);
    const findingsFirst = newFillLagCounter(ticks, endMs, 24 * MS.hour, 3);
    countFindings(findingsFirst, batch(findings, 0, findings.tsMs.length));
    countPrices(findingsFirst, batch(prices, 0, prices.tsMs.length));
    expect(finishFillLag(findingsFirst)).toEqual(want);
  }, 5_000);

  it('holds a slot per run of ticks with no price between them, not one per tick, while the prices run ahead of the findings', () => {
    // 1-minute ticks over 30 days of closes every 6 h or more (43,201 ticks): each tick held a
    // slot and a close per symbol until the findings came (0.5 GB over a year of 20 symbols)
    const { findings, prices } = randomData(13, 30, 4);
    const startMs = T0;
    const endMs = T0 + 30 * MS.day;
    const cadenceMs = MS.minute;
    const ticks = tickTimes(startMs, endMs, cadenceMs);
    const c = newFillLagCounter(ticks, endMs, 24 * MS.hour, 4);
    countPrices(c, batch(prices, 0, prices.tsMs.length));
    const priceTimes = new Set(prices.tsMs).size;
    expect(ticks.length).toBeGreaterThan(40_000);
    // at most one slot per price time (the span that ends at it) and the last one
    expect(c.slots.length).toBeLessThanOrEqual(priceTimes + 1);
    countFindings(c, batch(findings, 0, findings.tsMs.length));
    const want = bruteFillLag({ tsMs: findings.tsMs, symbol: findings.symbolId, horizonHours: findings.horizonHours }, { tsMs: prices.tsMs, symbol: prices.symbolId }, startMs, endMs, cadenceMs, 24);
    expect(want.live).toBeGreaterThan(100);
    expect(finishFillLag(c)).toEqual(want);
  });

  it('counts as brute force does when the batches hold one horizon (NaN: the default) and the closes lie on one grid or not', () => {
    for (const [horizons, dense] of [[[24], false], [[Number.NaN], false], [[24], true], [[Number.NaN, 6, 30], true]] as const) {
      const { findings, prices } = randomData(7, 40, 4, horizons, dense);
      for (const cadenceMs of [MS.hour, MS.day]) {
        const startMs = T0 + 5 * MS.hour;
        const endMs = T0 + 38 * MS.day;
        const want = bruteFillLag({ tsMs: findings.tsMs, symbol: findings.symbolId, horizonHours: findings.horizonHours }, { tsMs: prices.tsMs, symbol: prices.symbolId }, startMs, endMs, cadenceMs, 24);
        expect(want.live).toBeGreaterThan(100);
        const rng = createRng(7, `uniform-${cadenceMs}`);
        for (let rep = 0; rep < 3; rep++) {
          const c = newFillLagCounter(tickTimes(startMs, endMs, cadenceMs), endMs, 24 * MS.hour, 4);
          countInRandomBatches(c, findings, prices, rng, 200);
          expect(finishFillLag(c)).toEqual(want);
        }
      }
    }
  });

  it('takes a close at the tick as before it and a close at the due time as too late for the book; a finding due by its first tick or after the end is not live', () => {
    const d = MS.day;
    const h = MS.hour;
    // daily ticks 0..5d; symbol 0 closes daily at 0h, symbol 1 at 0h and 12h
    const prices: Rows = { tsMs: new Float64Array(), symbolId: new Int32Array(), horizonHours: new Float64Array() };
    const pt: number[] = [];
    const ps: number[] = [];
    for (let k = 0; k <= 5; k++) {
      pt.push(T0 + k * d, T0 + k * d);
      ps.push(0, 1);
      if (k < 5) {
        pt.push(T0 + k * d + 12 * h);
        ps.push(1);
      }
    }
    prices.tsMs = Float64Array.from(pt);
    prices.symbolId = Int32Array.from(ps);
    const findings: Rows = {
      // at the close and tick of day 1, 24 h, symbol 0: its next close is its due time -> before the fill
      // the same on symbol 1: its 12:00 close comes first -> held
      // day 1 at 06:00, 12 h, symbol 0: the first tick (day 2) is after its due time -> not live
      // day 2 at 00:00, 48 h, symbol 0: held from day 3
      // day 4, 48 h: due after the end (5d) -> not live
      tsMs: Float64Array.from([T0 + d, T0 + d, T0 + d + 6 * h, T0 + 2 * d, T0 + 4 * d]),
      symbolId: Int32Array.from([0, 1, 0, 0, 0]),
      horizonHours: Float64Array.from([Number.NaN, 24, 12, 48, 48]),
    };
    const c = newFillLagCounter(tickTimes(T0, T0 + 5 * d, d), T0 + 5 * d, 24 * h, 2);
    countPrices(c, batch(prices, 0, prices.tsMs.length));
    countFindings(c, batch(findings, 0, findings.tsMs.length));
    // live: rows 0, 1, 3; before the fill: row 0; horizons 24, 24, 48; lags 24 (row 0), 12 (row 1), 24 (row 3)
    expect(finishFillLag(c)).toEqual({ live: 3, beforeFill: 1, medianHorizonHours: 24, medianLagHours: 24 });
  });

  it('counts a live finding whose symbol has no close after its tick in the run as before the fill, with no lag', () => {
    const d = MS.day;
    const c = newFillLagCounter(tickTimes(T0, T0 + 3 * d, d), T0 + 3 * d, 24 * MS.hour, 1);
    countPrices(c, { n: 1, tsMs: Float64Array.from([T0]), symbolId: Int32Array.from([0]) });
    countFindings(c, { n: 1, tsMs: Float64Array.from([T0]), symbolId: Int32Array.from([0]), horizonHours: Float64Array.from([Number.NaN]) });
    const lag = finishFillLag(c);
    expect(lag).toEqual({ live: 1, beforeFill: 1, medianHorizonHours: 24, medianLagHours: Number.NaN });
    expect(finishFillLag(c)).toEqual(lag); // finishing again counts nothing twice
  });
});
