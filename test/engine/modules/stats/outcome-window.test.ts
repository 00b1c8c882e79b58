import { describe, expect, it } from 'vitest';
import { addOutcomes, advanceTime, countWindowRows, newOutcomeStats, nextExpiryMs, sumOf, SUM, SUM_STRIDE } from '../../../../engine/modules/stats/outcome-window.js';
import { windowDrawdowns } from '../../../reference/window-drawdowns-rescan.js';
import { createRng } from '../../../../engine/core/rng.js';
import { TwoSum } from '../../../helpers/two-sum.js';

const P = { lookback: 0, longWindowMs: 1e12, shortWindowMs: 1e12, errorAbsBps: 50 };

/** Outcomes (agent, pnl, abs error, pnl error) drawn from a seeded stream. */
function draws(n: number, nAgents: number, seed: number): { a: number; pnl: number; abs: number; err: number }[] {
  const rng = createRng(seed, 'outcome-window');
  return Array.from({ length: n }, () => {
    const err = (rng() - 0.5) * 200;
    return { a: Math.floor(rng() * nAgents), pnl: (rng() - 0.45) * 100, abs: Math.abs(err), err };
  });
}

describe('addOutcomes', () => {
  // Lookbacks that are not powers of two: the ring holds exactly `lookback` records per agent.
  for (const lookback of [1, 3, 5, 7, 250]) {
    it(`keeps each agent's last ${lookback} outcomes in the count window`, () => {
      const nAgents = 4;
      const s = newOutcomeStats(nAgents, lookback);
      const seen: { pnl: number; abs: number; err: number }[][] = Array.from({ length: nAgents }, () => []);
      // Blocks of 1 to 7 outcomes at one time each, in row order.
      const all = draws(1200, nAgents, lookback);
      for (let i = 0, t = 0; i < all.length; t++) {
        const block = all.slice(i, i + 1 + (t % 7));
        i += block.length;
        const cols = { agent: Int32Array.from(block, (d) => d.a), pnlBps: Float64Array.from(block, (d) => d.pnl), pnlErrBps: Float64Array.from(block, (d) => d.err) };
        addOutcomes(s, { ...P, lookback }, t, cols, block.length);
        for (const d of block) (seen[d.a] as { pnl: number; abs: number; err: number }[]).push(d);
      }
      const rows = countWindowRows(s);
      for (let a = 0; a < nAgents; a++) {
        // The reference: the last `lookback` outcomes of the agent, summed plainly.
        const last = (seen[a] as { pnl: number; abs: number; err: number }[]).slice(-lookback);
        const from = rows.offsets[a] as number;
        expect(Array.from(rows.pnlBps.subarray(from, rows.offsets[a + 1]))).toEqual(last.map((x) => x.pnl));
        expect(Array.from(rows.absErrBps.subarray(from, rows.offsets[a + 1]))).toEqual(last.map((x) => x.abs));
        const sum = (f: (x: { pnl: number; abs: number; err: number }) => number): number => last.reduce((acc, x) => acc + f(x), 0);
        expect(sumOf(s, a, SUM.cSum)).toBeCloseTo(sum((x) => x.pnl), 9);
        expect(sumOf(s, a, SUM.cAbs)).toBeCloseTo(sum((x) => x.abs), 9);
        expect(sumOf(s, a, SUM.cPnlErr)).toBeCloseTo(sum((x) => x.err), 9);
        expect(sumOf(s, a, SUM.cHits)).toBe(last.filter((x) => x.pnl > 0).length);
        expect(sumOf(s, a, SUM.cErrors)).toBe(last.filter((x) => x.abs > P.errorAbsBps).length);
      }
    });
  }
});

describe('the time windows over the log ring', () => {
  it('hold exactly the outcomes after now - window while the ring wraps and grows', () => {
    const nAgents = 3;
    const W = { lookback: 4, longWindowMs: 40, shortWindowMs: 9, errorAbsBps: 50 };
    const s = newOutcomeStats(nAgents, W.lookback);
    const all = draws(20000, nAgents, 11);
    const added: { t: number; a: number; pnl: number }[] = [];
    // Blocks whose size swings from 1 to 96 outcomes: the window's outcome count rises past the
    // ring's first capacity (1024, so it doubles with live entries across the wrap) and falls back.
    for (let i = 0, t = 0; i < all.length; t++) {
      const size = 1 + Math.floor(95 * Math.abs(Math.sin(t / 37)));
      const block = all.slice(i, i + size);
      i += block.length;
      const cols = { agent: Int32Array.from(block, (d) => d.a), pnlBps: Float64Array.from(block, (d) => d.pnl), pnlErrBps: Float64Array.from(block, (d) => d.err) };
      addOutcomes(s, W, t, cols, block.length);
      for (const d of block) added.push({ t, a: d.a, pnl: d.pnl });
      if (t % 5 !== 0) continue;
      advanceTime(s, W, t);
      const long = added.filter((x) => x.t > t - W.longWindowMs);
      const short = added.filter((x) => x.t > t - W.shortWindowMs);
      expect(nextExpiryMs(s, W)).toBe(Math.min((long[0] as { t: number }).t + W.longWindowMs, (short[0] as { t: number }).t + W.shortWindowMs));
      const dd = windowDrawdowns(s);
      for (let a = 0; a < nAgents; a++) {
        const mine = long.filter((x) => x.a === a);
        expect(sumOf(s, a, SUM.lCount)).toBe(mine.length);
        expect(sumOf(s, a, SUM.sCount)).toBe(short.filter((x) => x.a === a).length);
        expect(sumOf(s, a, SUM.lSum)).toBeCloseTo(mine.reduce((acc, x) => acc + x.pnl, 0), 9);
        // The window drawdown walks the ring in order: the reference's sums, bit for bit.
        let cum = 0;
        let peak = 0;
        let worst = 0;
        for (const x of mine) {
          cum += x.pnl;
          if (cum > peak) peak = cum;
          if (cum - peak < worst) worst = cum - peak;
        }
        expect(dd[a]).toBe(mine.length === 0 ? Number.NaN : worst);
      }
    }
    expect(s.logAgent.length).toBeGreaterThan(1024);
  });
});


describe('runs of one agent in a block', () => {
  it('give the same bits as a reference that adds and expires each outcome alone', () => {
    const nAgents = 5;
    const W = { lookback: 6, longWindowMs: 30, shortWindowMs: 7, errorAbsBps: 50 };
    const s = newOutcomeStats(nAgents, W.lookback);
    const ref = Array.from({ length: nAgents }, () => ({ seen: [] as number[][], cSum: new TwoSum(), cAbs: new TwoSum(), cPnlErr: new TwoSum(), lSum: new TwoSum(), lSumSq: new TwoSum(), sSum: new TwoSum() }));
    const log: { t: number; a: number; pnl: number }[] = [];
    let longFront = 0;
    let shortFront = 0;
    const all = draws(6000, nAgents, 21);
    for (let i = 0, t = 0; i < all.length; t++) {
      // a block of up to 40 outcomes sorted by agent (stable): runs of one agent, as findings come
      const block = all.slice(i, i + 1 + (t % 40)).sort((x, y) => x.a - y.a);
      i += block.length;
      addOutcomes(s, W, t, { agent: Int32Array.from(block, (d) => d.a), pnlBps: Float64Array.from(block, (d) => d.pnl), pnlErrBps: Float64Array.from(block, (d) => d.err) }, block.length);
      for (const d of block) {
        const r = ref[d.a] as (typeof ref)[number];
        const old = r.seen.length >= W.lookback ? (r.seen[r.seen.length - W.lookback] as number[]) : null;
        if (old !== null) {
          r.cSum.add(-(old[0] as number));
          r.cAbs.add(-Math.abs(old[1] as number));
          r.cPnlErr.add(-(old[1] as number));
        }
        r.seen.push([d.pnl, d.err]);
        r.cSum.add(d.pnl);
        r.cAbs.add(d.abs);
        r.cPnlErr.add(d.err);
        r.lSum.add(d.pnl);
        r.lSumSq.add(d.pnl * d.pnl);
        r.sSum.add(d.pnl);
        log.push({ t, a: d.a, pnl: d.pnl });
      }
      if (t % 3 !== 0) continue;
      advanceTime(s, W, t);
      for (; longFront < log.length && (log[longFront] as { t: number }).t <= t - W.longWindowMs; longFront++) {
        const x = log[longFront] as { a: number; pnl: number };
        (ref[x.a] as (typeof ref)[number]).lSum.add(-x.pnl);
        (ref[x.a] as (typeof ref)[number]).lSumSq.add(-(x.pnl * x.pnl));
      }
      for (; shortFront < log.length && (log[shortFront] as { t: number }).t <= t - W.shortWindowMs; shortFront++) {
        const x = log[shortFront] as { a: number; pnl: number };
        (ref[x.a] as (typeof ref)[number]).sSum.add(-x.pnl);
      }
      for (let a = 0; a < nAgents; a++) {
        const r = ref[a] as (typeof ref)[number];
        for (const [field, sum] of [[SUM.cSum, r.cSum], [SUM.cAbs, r.cAbs], [SUM.cPnlErr, r.cPnlErr], [SUM.lSum, r.lSum], [SUM.lSumSq, r.lSumSq], [SUM.sSum, r.sSum]] as const) {
          expect(s.sums[a * SUM_STRIDE + field]).toBe(sum.hi);
          expect(sumOf(s, a, field)).toBe(sum.hi + sum.lo);
        }
      }
    }
  });
});
