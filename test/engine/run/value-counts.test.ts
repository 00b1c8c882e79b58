import { describe, expect, it } from 'vitest';
import { countValue, medianOfCounts, newValueCounts } from '../../../engine/run/value-counts.js';

describe('medianOfCounts', () => {
  it('gives the middle value of an odd count and the mean of the two middle values of an even one, whatever the order of the values', () => {
    const odd = newValueCounts();
    for (const x of [24, 1, 24, 48, 1]) countValue(odd, x); // sorted: 1 1 24 24 48
    expect(medianOfCounts(odd)).toBe(24);
    const even = newValueCounts();
    for (const x of [6, 6, 6, 30, 30, 30, 30, 6, 72, 1]) countValue(even, x); // sorted: 1 6 6 6 6 | 30 30 30 30 72
    expect(medianOfCounts(even)).toBe(18);
    countValue(even, 1); // counting on after a median: 1 1 6 6 6 6 30 ...: the 6th of 11 is 6
    expect(medianOfCounts(even)).toBe(6);
  });

  it('is NaN when nothing was counted', () => {
    expect(medianOfCounts(newValueCounts())).toBeNaN();
  });
});
