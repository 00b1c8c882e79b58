import { describe, expect, it } from 'vitest';
import { DOUBLE_ZERO } from '../../../engine/core/double-zero.js';

describe('DOUBLE_ZERO', () => {
  it('is +0, so a sum started from it has the bits of one started from 0', () => {
    expect(Object.is(DOUBLE_ZERO, 0)).toBe(true);
    expect(Object.is(DOUBLE_ZERO + -0, 0)).toBe(true); // -0 would stay -0
    expect(1 / DOUBLE_ZERO).toBe(Number.POSITIVE_INFINITY);
  });
});
