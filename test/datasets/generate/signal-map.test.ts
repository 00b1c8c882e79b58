import { describe, expect, it } from 'vitest';
import { confidenceOf, erfNonNegative, severityCodeOf } from '../../../datasets/generate/signal-map.js';

/** Abramowitz & Stegun 7.1.26's documented absolute error bound (not our TOL: an approximation). */
const AS_ERROR = 1.5e-7;

describe('erfNonNegative', () => {
  it('matches erf within the Abramowitz & Stegun bound', () => {
    // erf(0.5) = 0.5204998778130465, erf(1) = 0.8427007929497149, erf(2) = 0.9953222650189527 (tables)
    expect(Math.abs(erfNonNegative(0.5) - 0.5204998778130465)).toBeLessThan(AS_ERROR);
    expect(Math.abs(erfNonNegative(1) - 0.8427007929497149)).toBeLessThan(AS_ERROR);
    expect(Math.abs(erfNonNegative(2) - 0.9953222650189527)).toBeLessThan(AS_ERROR);
    expect(erfNonNegative(0)).toBe(0);
  });
});

describe('confidenceOf', () => {
  it('maps |signal| monotonically into [0, 1]', () => {
    let prev = -1;
    for (let s = 0; s <= 8; s += 0.001) {
      const c = confidenceOf(s);
      expect(c >= prev && c >= 0 && c <= 1).toBe(true);
      prev = c;
    }
    // 2 Phi(1) - 1 = 0.6826894921370859
    expect(Math.abs(confidenceOf(-1) - 0.6826894921370859)).toBeLessThan(AS_ERROR);
  });
});

describe('severityCodeOf', () => {
  it('buckets |signal| at 0.5, 1 and 1.75', () => {
    expect([0.49, 0.5, -0.99, 1, -1.74, 1.75, 9].map(severityCodeOf)).toEqual([0, 1, 1, 2, 2, 3, 3]);
  });
});
