import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { riskWeights, riskWeightsSeed, type AgentStatsArrays, type RiskWeightParams } from '../../../../engine/modules/allocator/risk-weights.js';
import { pySafeFloat } from '../../../../engine/core/python/py-safe-float.js';
import { SeedRaise } from '../../../../engine/core/errors.js';
import { readParityCases, TOL } from './parity-fixtures.js';

const P: RiskWeightParams = { maxWeight: 0.25, cvarPenaltyK: 0.015, ddPenaltyK: 0.01, unclassifiedCvarBps: Number.NaN };

/** Stats for agents with the given PnLs, hit 0.4, no errors, unclassified, eligible. */
function statsOf(pnl: readonly number[], over: Partial<Record<keyof AgentStatsArrays, unknown>> = {}): AgentStatsArrays {
  const n = pnl.length;
  return {
    n,
    pnlSumBps: Float64Array.from(pnl),
    hitRate: new Float64Array(n).fill(0.4),
    errorRate: new Float64Array(n),
    avgAbsErrorBps: new Float64Array(n),
    maxDrawdownBps: new Float64Array(n),
    strategyId: new Int32Array(n).fill(-1),
    eligible: new Uint8Array(n).fill(1),
    ...over,
  } as AgentStatsArrays;
}

const ones = (n: number): Float64Array => new Float64Array(n).fill(1);

describe('riskWeights', () => {
  it("honours a scenario's max_error_rate in seed mode too (the seed's literal 0.15 is only the default)", () => {
    // error_rate 0.3: out under the seed's 0.15, in under max_error_rate 0.5 (q = 5 and 3 -> 0.625/0.375, capped 0.25 each by P).
    const stats = statsOf([25, 9], { errorRate: Float64Array.of(0.3, 0) });
    expect(Array.from(riskWeights(stats, ones(2), new Float64Array(0), P, 'seed'))[0]).toBe(0);
    expect(Array.from(riskWeights(stats, ones(2), new Float64Array(0), { ...P, maxErrorRate: 0.5 }, 'seed'))[0]).toBeGreaterThan(0);
  });

  it('pushes a receiver above MAX_WEIGHT in seed mode and water-fills in default mode (Q001-1)', () => {
    // q = sqrt(pnl) * 1.0: 5/3/2 -> 0.5/0.3/0.2; seed: C gets all 0.25 excess -> 0.5
    expect(Array.from(riskWeights(statsOf([25, 9, 4]), ones(3), new Float64Array(0), P, 'seed'))).toEqual([0.25, 0.25, 0.5]);
    expect(Array.from(riskWeights(statsOf([25, 9, 4]), ones(3), new Float64Array(0), P, 'default'))).toEqual([0.25, 0.25, 0.25]);
  });

  it('caps every agent in default mode where seed leaves C at 0.3 (Q001-2)', () => {
    // q = 10/5/3/2 -> 0.5/0.25/0.15/0.1; water-filling: all four at 0.25
    const stats = statsOf([100, 25, 9, 4]);
    expect(Array.from(riskWeights(stats, ones(4), new Float64Array(0), P, 'seed'))).toEqual([0.25, 0.25, 0.3, 0.2]);
    expect(Array.from(riskWeights(stats, ones(4), new Float64Array(0), P, 'default'))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('holds the uncapped remainder as cash for a single agent (Q001-3)', () => {
    expect(Array.from(riskWeights(statsOf([25]), ones(1), new Float64Array(0), P, 'default'))).toEqual([0.25]);
  });

  it('clamps confidence multipliers to [0.5, 1.1] in default mode (Q001-6)', () => {
    // A mult 5 -> 1.1, D 1: q_A = 10 * 1.1 = 11, q_D = 10 -> 11/21, 10/21
    const w = riskWeights(statsOf([100, 100]), Float64Array.of(5, 1), new Float64Array(0), { ...P, maxWeight: 1 }, 'default');
    expect(Math.abs((w[0] ?? 0) - 11 / 21)).toBeLessThanOrEqual(TOL);
    expect(Math.abs((w[1] ?? 0) - 10 / 21)).toBeLessThanOrEqual(TOL);
  });

  it('gives no capital to an agent without error-rate data in default mode (Q001-6)', () => {
    const stats = statsOf([100, 100], { errorRate: Float64Array.of(Number.NaN, 0) });
    expect(Array.from(riskWeights(stats, ones(2), new Float64Array(0), { ...P, maxWeight: 1 }, 'seed'))).toEqual([0.5, 0.5]);
    expect(Array.from(riskWeights(stats, ones(2), new Float64Array(0), { ...P, maxWeight: 1 }, 'default'))).toEqual([0, 1]);
  });

  it('keeps a missing abs error at an explicit 999 bps (Q001-5)', () => {
    // E: 1 / (1 + 999/75) = 75/1074; Z: 1 -> E = (75/1074) / (1 + 75/1074) = 75/1149
    const stats = statsOf([100, 100], { avgAbsErrorBps: Float64Array.of(Number.NaN, 0) });
    const w = riskWeights(stats, ones(2), new Float64Array(0), { ...P, maxWeight: 1 }, 'default');
    expect(Math.abs((w[0] ?? 0) - 75 / 1149)).toBeLessThanOrEqual(TOL);
    const w2 = riskWeights(stats, ones(2), new Float64Array(0), { ...P, maxWeight: 1, missingAbsErrorBps: 0 }, 'default');
    expect(Array.from(w2)).toEqual([0.5, 0.5]);
  });

  it('raises ZeroDivisionError at -75 bps in seed mode and rejects negative errors in default (Q001-7)', () => {
    const stats = statsOf([100], { avgAbsErrorBps: Float64Array.of(-75) });
    expect(() => riskWeights(stats, ones(1), new Float64Array(0), P, 'seed')).toThrow(SeedRaise);
    expect(() => riskWeights(stats, ones(1), new Float64Array(0), P, 'default')).toThrow(/avgAbsErrorBps\[0\]/);
  });

  it('gives ineligible agents nothing', () => {
    const stats = statsOf([100, 100], { eligible: Uint8Array.of(0, 1) });
    expect(Array.from(riskWeights(stats, ones(2), new Float64Array(0), { ...P, maxWeight: 1 }, 'default'))).toEqual([0, 1]);
  });

  it('agrees with riskWeightsSeed on every parity case in seed mode', () => {
    const all = readParityCases('risk_weights');
    let compared = 0;
    for (const c of [...all.cases, ...all.quirks]) {
      if (c.raises !== undefined) continue;
      const a = c.args;
      const st = a['agent_stats'] as Record<string, Record<string, unknown>>;
      const cv = a['strategy_cvar'] as Record<string, Record<string, unknown>>;
      const cm = a['confidence_multipliers'] as Record<string, unknown>;
      const names = Object.keys(st);
      const classes = Object.keys(cv);
      const f = (n: string, k: string): number => (k in (st[n] ?? {}) ? pySafeFloat(st[n]?.[k], Number.NaN) : Number.NaN);
      const stats: AgentStatsArrays = {
        n: names.length,
        pnlSumBps: Float64Array.from(names, (n) => f(n, 'pnl_sum_bps')),
        hitRate: Float64Array.from(names, (n) => f(n, 'hit_rate')),
        errorRate: Float64Array.from(names, (n) => f(n, 'error_rate')),
        avgAbsErrorBps: Float64Array.from(names, (n) => f(n, 'avg_abs_error_bps')),
        maxDrawdownBps: Float64Array.from(names, (n) => f(n, 'max_drawdown_bps')),
        // a present null strategy looks up None: no class (index classes.length holds NaN)
        strategyId: Int32Array.from(names, (n) => {
          const s = st[n]?.['strategy'];
          if (s === undefined) return -1;
          return typeof s === 'string' && classes.includes(s) ? classes.indexOf(s) : classes.length;
        }),
        eligible: new Uint8Array(names.length).fill(1),
      };
      const cvar = Float64Array.from([...classes, ''], (k) => pySafeFloat(cv[k]?.['gap_cvar95_bps'] ?? 0, 0));
      cvar[classes.length] = Number.NaN;
      const mult = Float64Array.from(names, (n) => (cm[n] === null || cm[n] === undefined ? 1 : pySafeFloat(cm[n], 1)));
      const params = {
        maxWeight: Number(a['MAX_WEIGHT']),
        cvarPenaltyK: Number(a['CVAR_PENALTY_K']),
        ddPenaltyK: Number(a['DD_PENALTY_K']),
        unclassifiedCvarBps: classes.includes('unclassified') ? (cvar[classes.indexOf('unclassified')] ?? Number.NaN) : Number.NaN,
      };
      const w = riskWeights(stats, mult, cvar, params, 'seed');
      const e = riskWeightsSeed(a) as Record<string, number>;
      names.forEach((n, i) => expect(Math.abs((w[i] ?? 0) - (e[n] ?? 0))).toBeLessThanOrEqual(TOL));
      compared += 1;
    }
    expect(compared).toBe(56);
  });

  it('gives finite, non-negative weights under the cap summing to at most 1 (default mode)', () => {
    const arb = fc.array(
      fc.record({
        pnl: fc.double({ min: -500, max: 5000, noNaN: true }),
        hit: fc.double({ min: 0, max: 1, noNaN: true }),
        err: fc.double({ min: 0, max: 0.3, noNaN: true }),
        abs: fc.double({ min: 0, max: 500, noNaN: true }),
        dd: fc.double({ min: -1000, max: 0, noNaN: true }),
        m: fc.double({ min: 0, max: 5, noNaN: true }),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(arb, fc.double({ min: 0.05, max: 1, noNaN: true }), (rows, cap) => {
        const stats = statsOf(rows.map((r) => r.pnl), {
          hitRate: Float64Array.from(rows, (r) => r.hit),
          errorRate: Float64Array.from(rows, (r) => r.err),
          avgAbsErrorBps: Float64Array.from(rows, (r) => r.abs),
          maxDrawdownBps: Float64Array.from(rows, (r) => r.dd),
        });
        const mult = Float64Array.from(rows, (r) => r.m);
        const w = riskWeights(stats, mult, new Float64Array(0), { ...P, maxWeight: cap }, 'default');
        let s = 0;
        for (const v of w) {
          expect(Number.isFinite(v) && v >= 0 && v <= cap).toBe(true);
          s += v;
        }
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
        // reversing the agents reverses the weights
        const rev = riskWeights(statsOf([...rows].reverse().map((r) => r.pnl), {
          hitRate: Float64Array.from([...rows].reverse(), (r) => r.hit),
          errorRate: Float64Array.from([...rows].reverse(), (r) => r.err),
          avgAbsErrorBps: Float64Array.from([...rows].reverse(), (r) => r.abs),
          maxDrawdownBps: Float64Array.from([...rows].reverse(), (r) => r.dd),
        }), mult.slice().reverse(), new Float64Array(0), { ...P, maxWeight: cap }, 'default').reverse();
        rev.forEach((v, i) => expect(Math.abs(v - (w[i] ?? 0))).toBeLessThanOrEqual(1e-12));
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
