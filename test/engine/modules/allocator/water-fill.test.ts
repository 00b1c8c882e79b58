import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { waterFill } from '../../../../engine/modules/allocator/water-fill.js';
import { TOL } from './parity-fixtures.js';

/** Reference: cap and redistribute among the uncapped, repeated until nothing exceeds the cap. */
function iterativeReference(w: readonly number[], cap: number, total: number): number[] {
  const x = w.map(() => 0);
  const fixed = w.map((v) => v <= 0);
  let left = total;
  for (;;) {
    const free = w.reduce((s, v, i) => (fixed[i] ? s : s + v), 0);
    if (free <= 0) return x;
    let changed = false;
    w.forEach((v, i) => {
      if (!fixed[i] && (v * left) / free > cap) {
        fixed[i] = true;
        x[i] = cap;
        changed = true;
      }
    });
    if (!changed) {
      w.forEach((v, i) => {
        if (!fixed[i]) x[i] = (v * left) / free;
      });
      return x;
    }
    left = total - x.reduce((s, v, i) => (fixed[i] && w[i]! > 0 ? s + v : s), 0);
  }
}

const arb = fc.record({
  w: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })), { maxLength: 30 }),
  cap: fc.double({ min: 0.01, max: 1, noNaN: true }),
  total: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('waterFill', () => {
  it('caps 0.5/0.3/0.2 at 0.25 and leaves the rest out (Q001-1 corrected)', () => {
    const x = waterFill(Float64Array.of(0.5, 0.3, 0.2), 0.25, 1);
    // every share wants >= 0.25 after redistribution: all three at the cap, 0.25 left as cash
    expect(Array.from(x)).toEqual([0.25, 0.25, 0.25]);
  });

  it('redistributes the excess over the uncapped in proportion (Q000-2 shape)', () => {
    const x = waterFill(Float64Array.of(0.2, 0.04, 0.04, 0.04, 0.04, 0.04), 0.2, 0.9);
    // BTC 0.5 of 0.9 = 0.45 > 0.2 -> 0.2; the other five share 0.7: 0.14 each
    expect(x[0]).toBe(0.2);
    for (let i = 1; i < 6; i++) expect(Math.abs((x[i] ?? 0) - 0.14)).toBeLessThanOrEqual(TOL);
  });

  it('gives finite, non-negative, capped weights summing to min(total, cap * positives)', () => {
    fc.assert(
      fc.property(arb, ({ w, cap, total }) => {
        const x = waterFill(Float64Array.from(w), cap, total);
        const pos = w.filter((v) => v > 0).length;
        let s = 0;
        x.forEach((v, i) => {
          expect(Number.isFinite(v) && v >= 0 && v <= cap).toBe(true);
          if ((w[i] ?? 0) === 0) expect(v).toBe(0);
          s += v;
        });
        expect(Math.abs(s - Math.min(total, cap * pos))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('agrees with iterative cap-and-redistribute and does not depend on order', () => {
    fc.assert(
      fc.property(arb, ({ w, cap, total }) => {
        const x = waterFill(Float64Array.from(w), cap, total);
        const ref = iterativeReference(w, cap, total);
        ref.forEach((v, i) => expect(Math.abs((x[i] ?? 0) - v)).toBeLessThanOrEqual(1e-12));
        const rev = waterFill(Float64Array.from(w).reverse(), cap, total).reverse();
        rev.forEach((v, i) => expect(Math.abs((x[i] ?? 0) - v)).toBeLessThanOrEqual(1e-12));
      }),
      { numRuns: 500, seed: 2 },
    );
  });

  it('leaves its input untouched', () => {
    const w = Float64Array.of(3, 1, 0, 2);
    waterFill(w, 0.3, 1);
    expect(Array.from(w)).toEqual([3, 1, 0, 2]);
  });
});

/** The allocation as written before its sort was a merge sort: indices sorted by Array.prototype.sort (weight descending, ties by index). */
function comparatorSortReference(raw: Float64Array, cap: number, total: number): Float64Array {
  const n = raw.length;
  const top = raw.reduce((m, w) => (w > m ? w : m), 0);
  const weights = top > 0 && Number.isFinite(top) ? raw.map((w) => w / top) : raw;
  const order: number[] = [];
  for (let i = 0; i < n; i++) if ((weights[i] as number) > 0) order.push(i);
  order.sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  const suffix = new Float64Array(order.length + 1);
  for (let k = order.length - 1; k >= 0; k--) suffix[k] = (suffix[k + 1] as number) + (weights[order[k] as number] as number);
  const out = new Float64Array(n);
  let left = total;
  let k = 0;
  for (; k < order.length; k++) {
    const i = order[k] as number;
    if (((weights[i] as number) * left) / (suffix[k] as number) <= cap) break;
    out[i] = cap;
    left -= cap;
  }
  if (left < 0) left = 0;
  const rest = suffix[k] as number;
  for (let j = k; j < order.length; j++) {
    const i = order[j] as number;
    out[i] = Math.min(cap, ((weights[i] as number) * left) / rest);
  }
  return out;
}

describe('waterFill order', () => {
  it('sums and caps in the order of a comparator sort (weight descending, ties by index), bit for bit, with many ties and up to 300 weights', () => {
    const arbW = fc.array(fc.oneof(fc.constant(0), fc.constantFrom(0.5, 1, 2, 3), fc.double({ min: 1e-9, max: 100, noNaN: true })), { maxLength: 300 });
    fc.assert(
      fc.property(arbW, fc.constantFrom(0.01, 0.05, 0.25, 1), fc.constantFrom(0.5, 1), (w, cap, total) => {
        const raw = Float64Array.from(w);
        const got = waterFill(raw, cap, total);
        const want = comparatorSortReference(raw, cap, total);
        for (let i = 0; i < raw.length; i++) expect(Object.is(got[i], want[i]), `${i}: ${got[i]} vs ${want[i]}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
