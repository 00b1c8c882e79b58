import { describe, expect, it } from 'vitest';
import { doubledF64, growableF64, pushF64, pushF64Range } from '../../../engine/core/growable.js';

describe('pushF64Range', () => {
  it('leaves the values, length and capacity pushF64 of each value leaves, over ranges that cross several doublings', () => {
    const src = Float64Array.from({ length: 300 }, (_, i) => (i % 5 === 0 ? -0 : i * 1.5 - 77));
    const byRange = growableF64(4);
    const byValue = growableF64(4);
    for (const [from, to] of [[0, 3], [3, 3], [3, 9], [9, 140], [140, 141], [141, 300]] as const) {
      pushF64Range(byRange, src, from, to);
      for (let i = from; i < to; i++) pushF64(byValue, src[i] as number);
      expect(byRange.length).toBe(byValue.length);
      expect(byRange.data.length).toBe(byValue.data.length);
      expect(Array.from(byRange.data).every((v, i) => Object.is(v, byValue.data[i]))).toBe(true);
    }
    expect(byRange.length).toBe(300);
  });
});

describe('doubledF64', () => {
  it('returns a copy twice as long, the values first and zeros after', () => {
    const a = Float64Array.from([1, -0, 3]);
    const b = doubledF64(a);
    expect(b).not.toBe(a);
    expect(b.length).toBe(6);
    expect(Object.is(b[1], -0)).toBe(true);
    expect(Array.from(b)).toEqual([1, -0, 3, 0, 0, 0]);
  });
});
