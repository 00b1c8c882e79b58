import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kthValue, newOrderStatisticScratch, nextValue } from '../../../../engine/modules/cvar/order-statistic.js';

/** Values with many ties and both zeros; the typed-array sort orders -0 before +0, as `before` does. */
const arbValue = fc.oneof(fc.constantFrom(0, -0, 1, -1, 5), fc.integer({ min: -20, max: 20 }), fc.double({ min: -500, max: 500, noNaN: true }));
const show = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

describe('kthValue and nextValue', () => {
  it('return the k-th and (k+1)-th values of a full sort, a zero\'s sign included, and leave the input as it was', () => {
    const sc = newOrderStatisticScratch();
    fc.assert(
      fc.property(fc.array(arbValue, { minLength: 1, maxLength: 700 }), fc.nat(), fc.nat({ max: 5 }), (xs, kSeed, pad) => {
        const src = Float64Array.from([...Array<number>(pad).fill(99), ...xs]); // a range inside a larger array
        const before = src.slice();
        const sorted = Float64Array.from(xs).sort();
        const k = kSeed % xs.length;
        const got = kthValue(src, pad, pad + xs.length, k, sc);
        expect(show(got)).toBe(show(sorted[k] as number));
        if (k + 1 < xs.length) expect(show(nextValue(src, pad, pad + xs.length, k, got, sc))).toBe(show(sorted[k + 1] as number));
        expect(src).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('selects on sorted, reversed, constant and organ-pipe inputs (pivots that shrink ranges slowly)', () => {
    const sc = newOrderStatisticScratch();
    const n = 5000;
    const patterns: Record<string, (i: number) => number> = { sorted: (i) => i, reversed: (i) => n - i, equal: () => 7, organ: (i) => Math.min(i, n - i), zeros: (i) => (i % 2 === 0 ? -0 : 0) };
    for (const [name, f] of Object.entries(patterns)) {
      const v = Float64Array.from({ length: n }, (_, i) => f(i));
      const sorted = v.slice().sort();
      for (const k of [0, 1, 249, 250, 2500, n - 2, n - 1]) expect(show(kthValue(v, 0, n, k, sc)), `${name} k=${k}`).toBe(show(sorted[k] as number));
    }
  });
});
