import { describe, expect, it } from 'vitest';
import {
  addClassOutcome,
  addClassRun,
  createClassPnlState,
  strategyAttribution,
  strategyAttributionSeed,
} from '../../../../engine/modules/kill/strategy-attribution.js';
import { loadCases, scoreCases } from '../../parity/load-cases.js';

describe('strategyAttributionSeed', () => {
  it('matches all 50 seed cases bit for bit', () => {
    const r = scoreCases(strategyAttributionSeed, loadCases('cases_strategy_attribution.jsonl'));
    expect(r.failures).toEqual([]);
    expect(r.bitwise).toBe(50);
  });

  it('raises KeyError on an event without strategy (Q004-7)', () => {
    const r = scoreCases(strategyAttributionSeed, loadCases('quirks.jsonl', 'strategy_attribution'));
    expect(r.failures).toEqual([]);
    expect(() => strategyAttributionSeed({ events: [{ strategy: 'arb' }] })).toThrow("KeyError: 'pnl_bps'");
  });
});

describe('addClassOutcome', () => {
  it('tracks count, left-to-right sum, peak from 0, drawdown and hits', () => {
    const st = createClassPnlState(2);
    // class 1: pnl -5, +10, -8, +1 -> cum -5, 5, -3, -2; peak 0, 5, 5, 5; dd -5, 0, -8, -7
    for (const x of [-5, 10, -8, 1]) addClassOutcome(st, 1, x);
    expect(Array.from(st.n)).toEqual([0, 4]);
    expect(st.sumBps[1]).toBe(-2);
    expect(st.peakBps[1]).toBe(5);
    expect(st.maxDrawdownBps[1]).toBe(-8);
    expect(st.hits[1]).toBe(2);
    expect(st.maxDrawdownBps[0]).toBe(0);
  });
});

describe('strategyAttribution', () => {
  it('returns per-class stats with sorted agents and NaN hit rate for empty classes', () => {
    const s = strategyAttribution(
      {
        n: 4,
        classId: Int32Array.from([0, 0, 2, 0]),
        pnlBps: Float64Array.from([3, 0, -4, -6]),
        agentId: Int32Array.from([5, 1, -1, 5]),
      },
      3,
    );
    expect(Array.from(s.nEvents)).toEqual([3, 0, 1]);
    expect(Array.from(s.pnlSumBps)).toEqual([-3, 0, -4]);
    // class 0: cum 3, 3, -3; peak 3; dd 0, 0, -6
    expect(Array.from(s.maxDrawdownBps)).toEqual([-6, 0, -4]);
    expect(s.hitRate[0]).toBeCloseTo(1 / 3, 15);
    expect(Number.isNaN(s.hitRate[1])).toBe(true);
    expect(s.agents.map((a) => Array.from(a))).toEqual([[1, 5], [], []]);
  });
});

describe('addClassRun', () => {
  it('leaves every figure as addClassOutcome of each outcome in order does (Object.is per value), runs of any class and length', () => {
    // values spanning magnitudes (rounding in the running sum), signs and zeros of both signs
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 4294967296;
    };
    const pnl = Float64Array.from({ length: 400 }, (_, i) => (i % 37 === 0 ? (i % 2 === 0 ? 0 : -0) : (next() - 0.5) * 10 ** Math.floor(next() * 7 - 2)));
    const byRun = createClassPnlState(3);
    const byOutcome = createClassPnlState(3);
    let from = 0;
    let cls = 0;
    while (from < pnl.length) {
      const to = Math.min(pnl.length, from + 1 + Math.floor(next() * 40));
      addClassRun(byRun, cls, pnl, from, to);
      for (let i = from; i < to; i++) addClassOutcome(byOutcome, cls, pnl[i] as number);
      from = to;
      cls = (cls + 1 + Math.floor(next() * 2)) % 3;
    }
    for (const k of ['n', 'sumBps', 'peakBps', 'maxDrawdownBps', 'hits'] as const) {
      const a = Array.from(byRun[k]);
      const b = Array.from(byOutcome[k]);
      expect(a.every((v, i) => Object.is(v, b[i]))).toBe(true);
    }
    expect(Array.from(byRun.n).reduce((x, y) => x + y, 0)).toBe(400);
  });

  it('changes nothing for an empty run', () => {
    const st = createClassPnlState(1);
    addClassOutcome(st, 0, 3);
    addClassRun(st, 0, new Float64Array(4), 2, 2);
    expect([st.n[0], st.sumBps[0], st.hits[0]]).toEqual([1, 3, 1]);
  });
});
