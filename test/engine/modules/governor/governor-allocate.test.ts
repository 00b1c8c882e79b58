import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { governorAllocate, governorAllocateSeed } from '../../../../engine/modules/governor/governor-allocate.js';
import { readParityCases, TOL } from '../allocator/parity-fixtures.js';

const P = { minAlloc: 0.05, maxAlloc: 0.4, riskMultiplier: 1 };

describe('governorAllocate', () => {
  it('reports two agents under a 40% max as infeasible and holds the rest as cash (Q002-1)', () => {
    const seed = governorAllocate(Float64Array.of(0.7234, 0.4567), P, 'seed');
    // 0.7234/1.1801 = 0.6130 -> clamp 0.4; 0.3870 stays; renormalize: 0.4/0.787 = 0.5083 > max
    expect(Math.abs((seed.weights[0] ?? 0) - 0.4 / (0.4 + 0.4567 / 1.1801))).toBeLessThanOrEqual(TOL);
    expect(seed.feasible).toBe(false);
    const r = governorAllocate(Float64Array.of(0.7234, 0.4567), P, 'default');
    expect(Array.from(r.weights)).toEqual([0.4, 0.4]);
    expect(r.feasible).toBe(false);
    expect(r.note).toMatch(/max_alloc.*cash/);
  });

  it('meets min and max exactly when feasible', () => {
    // 0.9/0.1/0.1/0.1: A capped at 0.4, the others share 0.6 in proportion: 0.2 each
    const r = governorAllocate(Float64Array.of(0.9, 0.1, 0.1, 0.1), P, 'default');
    [0.4, 0.2, 0.2, 0.2].forEach((v, i) => expect(Math.abs((r.weights[i] ?? 0) - v)).toBeLessThanOrEqual(TOL));
    expect(r.feasible).toBe(true);
    expect(r.note).toBeNull();
  });

  it('deploys capital before proportion: zero scores share the rest once every positive score is at max_alloc', () => {
    // 0.6 / 0.3 / 0 in [0.05, 0.4]: with the zero score at 0.05 no lambda reaches 1 (0.85 at most)
    const r = governorAllocate(Float64Array.of(0.6, 0.3, 0), P, 'default');
    [0.4, 0.4, 0.2].forEach((v, i) => expect(Math.abs((r.weights[i] ?? 0) - v)).toBeLessThanOrEqual(TOL));
    expect(r.feasible).toBe(true);
    // one agent fewer, the same rule: every agent at max, a zero score included
    expect(Array.from(governorAllocate(Float64Array.of(0.6, 0), P, 'default').weights)).toEqual([0.4, 0.4]);
  });

  it('treats negative scores as 0 and lifts them to min_alloc', () => {
    // 1/1/-3 -> 1/1/0 in [0.05, 0.6]: C at 0.05, A and B 0.475 each
    const r = governorAllocate(Float64Array.of(1, 1, -3), { ...P, maxAlloc: 0.6 }, 'default');
    [0.475, 0.475, 0.05].forEach((v, i) => expect(Math.abs((r.weights[i] ?? 0) - v)).toBeLessThanOrEqual(TOL));
  });

  it('splits equally when no score is positive or when n x min_alloc > 1', () => {
    const zero = governorAllocate(new Float64Array(5), P, 'default');
    zero.weights.forEach((v) => expect(v).toBeCloseTo(0.2, 15));
    const many = governorAllocate(Float64Array.from({ length: 25 }, (_, i) => i), P, 'default');
    many.weights.forEach((v) => expect(v).toBeCloseTo(0.04, 15));
    expect(many.feasible).toBe(false);
    expect(many.note).toMatch(/min_alloc.*equal split/);
  });

  it('scales by the risk multiplier last, leaving the rest as cash', () => {
    const r = governorAllocate(Float64Array.of(0.9, 0.1, 0.1, 0.1), { ...P, riskMultiplier: 0.8 }, 'default');
    [0.32, 0.16, 0.16, 0.16].forEach((v, i) => expect(Math.abs((r.weights[i] ?? 0) - v)).toBeLessThanOrEqual(TOL));
  });

  it('agrees with governorAllocateSeed on every parity case in seed mode, bit for bit', () => {
    const { cases, quirks } = readParityCases('governor_allocate');
    for (const c of [...cases, ...quirks]) {
      const sc = c.args['scores'] as Record<string, number>;
      const names = Object.keys(sc);
      const p = { minAlloc: Number(c.args['min_alloc']), maxAlloc: Number(c.args['max_alloc']), riskMultiplier: Number(c.args['risk_multiplier']) };
      const r = governorAllocate(Float64Array.from(names, (n) => sc[n] ?? 0), p, 'seed');
      const e = governorAllocateSeed(c.args) as Record<string, number>;
      names.forEach((n, i) => expect(r.weights[i]).toBe(e[n]));
    }
  });

  it('stays within [min, max] x risk multiplier, sums to the multiplier when feasible, ignores order', () => {
    const arb = fc.record({
      s: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
      lo: fc.double({ min: 0, max: 0.1, noNaN: true }),
      hi: fc.double({ min: 0.1, max: 1, noNaN: true }),
      rm: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, ({ s, lo, hi, rm }) => {
        const p = { minAlloc: lo, maxAlloc: hi, riskMultiplier: rm };
        const r = governorAllocate(Float64Array.from(s), p, 'default');
        const n = s.length;
        const sum = r.weights.reduce((a, b) => a + b, 0);
        if (r.feasible) {
          expect(Math.abs(sum - rm)).toBeLessThanOrEqual(1e-12);
          r.weights.forEach((v) => expect(v >= lo * rm - 1e-15 && v <= hi * rm + 1e-15).toBe(true));
        } else {
          expect(n * hi < 1 || n * lo > 1).toBe(true);
          expect(sum).toBeLessThanOrEqual(rm + 1e-12);
        }
        const rev = governorAllocate(Float64Array.from(s).reverse(), p, 'default').weights.reverse();
        rev.forEach((v, i) => expect(Math.abs(v - (r.weights[i] ?? 0))).toBeLessThanOrEqual(1e-12));
      }),
      { numRuns: 400, seed: 6 },
    );
  });
});
