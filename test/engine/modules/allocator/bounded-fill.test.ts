import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundedFill } from '../../../../engine/modules/allocator/bounded-fill.js';
import { TOL } from './parity-fixtures.js';

describe('boundedFill', () => {
  it('caps the leader and shares the rest in proportion', () => {
    // 0.9/0.1/0.1/0.1 in [0.05, 0.4]: A capped at 0.4, the rest 0.6 split equally: 0.2 each
    const x = boundedFill(Float64Array.of(0.9, 0.1, 0.1, 0.1), 0.05, 0.4, 1);
    expect(x).not.toBeNull();
    [0.4, 0.2, 0.2, 0.2].forEach((v, i) => expect(Math.abs((x?.[i] ?? 0) - v)).toBeLessThanOrEqual(TOL));
  });

  it('lifts the laggard to the floor and shares the rest in proportion', () => {
    // 1/1/0.01 in [0.1, 0.6]: C 0.004975 < 0.1 -> 0.1; A and B share 0.9: 0.45 each
    const x = boundedFill(Float64Array.of(1, 1, 0.01), 0.1, 0.6, 1);
    [0.45, 0.45, 0.1].forEach((v, i) => expect(Math.abs((x?.[i] ?? 0) - v)).toBeLessThanOrEqual(TOL));
  });

  it('lets zero weights share what the capped positives cannot hold', () => {
    // 1/0/0 in [0.05, 0.4]: A at 0.4, B and C share 0.6: 0.3 each
    const x = boundedFill(Float64Array.of(1, 0, 0), 0.05, 0.4, 1);
    [0.4, 0.3, 0.3].forEach((v, i) => expect(Math.abs((x?.[i] ?? 0) - v)).toBeLessThanOrEqual(TOL));
  });

  it('returns null for infeasible bounds', () => {
    expect(boundedFill(Float64Array.of(1, 2), 0.05, 0.4, 1)).toBeNull();
    expect(boundedFill(Float64Array.of(1, 2, 3), 0.5, 0.9, 1)).toBeNull();
  });

  it('meets both bounds and the total exactly, proportional between them', () => {
    const arb = fc
      .record({
        w: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })), { minLength: 1, maxLength: 30 }),
        a: fc.double({ min: 0, max: 1, noNaN: true }),
        b: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ w, a, b }) => {
        const n = w.length;
        const lo = Math.min(a, b) / n; // n * lo <= 1
        const hi = Math.max(1 / n, Math.max(a, b)); // n * hi >= 1
        return { w, lo: Math.min(lo, hi), hi };
      });
    fc.assert(
      fc.property(arb, ({ w, lo, hi }) => {
        const x = boundedFill(Float64Array.from(w), lo, hi, 1);
        expect(x).not.toBeNull();
        if (x === null) return;
        const s = x.reduce((p, v) => p + v, 0);
        expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-12);
        x.forEach((v) => expect(v >= lo && v <= hi).toBe(true));
        // strictly between the bounds, x / w is one common lambda
        const ratios = Array.from(x).map((v, i) => ((w[i] ?? 0) > 0 && v > lo && v < hi ? v / (w[i] ?? 1) : NaN)).filter((r) => !Number.isNaN(r));
        for (const r of ratios) expect(Math.abs(r - (ratios[0] ?? r))).toBeLessThanOrEqual(1e-9 * Math.max(1, r));
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});
