import { describe, expect, it } from 'vitest';
import { shouldReallocate } from '../../../../engine/modules/governor/reallocation.js';

describe('shouldReallocate', () => {
  it('reallocates when there is no previous allocation', () => {
    expect(shouldReallocate(null, Float64Array.of(0.5), 0.1, 'seed')).toBe(true);
  });

  it('reallocates at a change equal to the threshold (seed ">= 10%")', () => {
    expect(shouldReallocate(Float64Array.of(0.5, 0.5), Float64Array.of(0.25, 0.75), 0.25, 'seed')).toBe(true);
    expect(shouldReallocate(Float64Array.of(0.5, 0.5), Float64Array.of(0.3, 0.7), 0.25, 'seed')).toBe(false);
  });

  it('counts a change equal to the threshold up to float noise in default mode only', () => {
    // 0.3 - 0.2 = 0.09999999999999998 < 0.1
    const prev = Float64Array.of(0.2);
    const next = Float64Array.of(0.3);
    expect(shouldReallocate(prev, next, 0.1, 'seed')).toBe(false);
    expect(shouldReallocate(prev, next, 0.1, 'default')).toBe(true);
  });

  it('uses the largest absolute change', () => {
    // changes +0.05, -0.2, +0.15: the largest, a decrease, reaches 0.2
    expect(shouldReallocate(Float64Array.of(0.4, 0.6, 0), Float64Array.of(0.45, 0.4, 0.15), 0.2, 'default')).toBe(true);
    // changes +0.1, -0.1: they sum to 0.2, but the largest, 0.1, is under 0.15
    for (const mode of ['seed', 'default'] as const) expect(shouldReallocate(Float64Array.of(0.4, 0.6), Float64Array.of(0.5, 0.5), 0.15, mode)).toBe(false);
    // only the last weight moves, by 0.3
    expect(shouldReallocate(Float64Array.of(0.2, 0.2, 0.6), Float64Array.of(0.2, 0.2, 0.3), 0.25, 'seed')).toBe(true);
  });
});
