import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pnlWeights, pnlWeightsSeed } from '../../../../engine/modules/allocator/pnl-weights.js';
import { SeedRaise } from '../../../../engine/core/errors.js';
import { readParityCases, TOL } from './parity-fixtures.js';

const all = (n: number): Uint8Array => new Uint8Array(n).fill(1);
const pnl = (...xs: number[]): Float64Array => Float64Array.from(xs);

describe('pnlWeights', () => {
  it('gives losers and zero-PnL agents nothing in default mode (Q004-1)', () => {
    expect(Array.from(pnlWeights(pnl(100, -50, 0), all(3), 0.02, 'seed'))).toEqual([0.9615, 0.0192, 0.0192]);
    expect(Array.from(pnlWeights(pnl(100, -50, 0), all(3), 0.02, 'default'))).toEqual([1, 0, 0]);
  });

  it('does not round, so equal winners get exactly 1/3 (Q004-2)', () => {
    expect(Array.from(pnlWeights(pnl(1, 1, 1), all(3), 0.02, 'seed'))).toEqual([0.3333, 0.3333, 0.3333]);
    const w = pnlWeights(pnl(1, 1, 1), all(3), 0.02, 'default');
    w.forEach((v) => expect(Math.abs(v - 1 / 3)).toBeLessThanOrEqual(1e-15));
  });

  it('returns all cash when nobody has positive PnL (Q004-3, Q004-5)', () => {
    expect(Array.from(pnlWeights(pnl(-5, 0), all(2), 0.02, 'seed'))).toEqual([0.5, 0.5]);
    expect(Array.from(pnlWeights(pnl(-5, 0), all(2), 0.02, 'default'))).toEqual([0, 0]);
    expect(() => pnlWeights(pnl(-5), all(1), 0, 'seed')).toThrow(SeedRaise);
    expect(Array.from(pnlWeights(pnl(-5), all(1), 0, 'default'))).toEqual([0]);
  });

  it('rounds ties to even in seed mode only (Q004-4)', () => {
    expect(Array.from(pnlWeights(pnl(1, 31), all(2), 0.02, 'seed'))).toEqual([0.0312, 0.9688]);
    expect(Array.from(pnlWeights(pnl(1, 31), all(2), 0.02, 'default'))).toEqual([0.03125, 0.96875]);
  });

  it('floors a small winner at min_weight after normalizing', () => {
    // 1/99/900 -> 0.001 < 0.02 -> 0.02; B and C share 0.98 as 99:900
    const w = pnlWeights(pnl(1, 99, 900), all(3), 0.02, 'default');
    [0.02, (0.98 * 99) / 999, (0.98 * 900) / 999].forEach((v, i) => expect(Math.abs((w[i] ?? 0) - v)).toBeLessThanOrEqual(TOL));
  });

  it('splits equally when winners x min_weight exceeds 1', () => {
    const w = pnlWeights(Float64Array.from({ length: 60 }, (_, i) => i + 1), all(60), 0.02, 'default');
    w.forEach((v) => expect(Math.abs(v - 1 / 60)).toBeLessThanOrEqual(1e-15));
  });

  it('leaves ineligible agents out as if absent', () => {
    expect(Array.from(pnlWeights(pnl(100, 300), Uint8Array.of(1, 0), 0.02, 'seed'))).toEqual([1, 0]);
    expect(Array.from(pnlWeights(pnl(100, 300), Uint8Array.of(1, 0), 0.02, 'default'))).toEqual([1, 0]);
  });

  it('agrees with pnlWeightsSeed on every parity case in seed mode', () => {
    const { cases, quirks } = readParityCases('pnl_weights');
    let compared = 0;
    for (const c of [...cases, ...quirks]) {
      if (c.raises !== undefined) continue;
      const st = c.args['agent_stats'] as Record<string, { pnl_sum_bps: number }>;
      const names = Object.keys(st);
      const w = pnlWeights(Float64Array.from(names, (n) => st[n]?.pnl_sum_bps ?? 0), all(names.length), Number(c.args['min_weight']), 'seed');
      const e = pnlWeightsSeed(c.args) as Record<string, number>;
      names.forEach((n, i) => expect(w[i]).toBe(e[n]));
      compared += 1;
    }
    expect(compared).toBe(54);
  });

  it('gives finite weights >= min_weight for winners, 0 for others, summing to 1 (default mode)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { maxLength: 40 }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (xs, mw) => {
          const w = pnlWeights(Float64Array.from(xs), all(xs.length), mw, 'default');
          const winners = xs.filter((x) => x > 0).length;
          const s = w.reduce((a, b) => a + b, 0);
          expect(Math.abs(s - (winners > 0 ? 1 : 0))).toBeLessThanOrEqual(1e-12);
          w.forEach((v, i) => {
            expect(Number.isFinite(v) && v >= 0).toBe(true);
            if ((xs[i] ?? 0) <= 0) expect(v).toBe(0);
            else if (winners * mw <= 1) expect(v).toBeGreaterThanOrEqual(mw - 1e-15);
          });
        },
      ),
      { numRuns: 400, seed: 4 },
    );
  });
});
