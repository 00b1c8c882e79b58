import { describe, expect, it } from 'vitest';
import { createFastRng } from '../../../datasets/generate/fast-rng.js';

describe('createFastRng', () => {
  it('repeats its stream for one seed and label and differs for another label', () => {
    const a = createFastRng(1, 'x');
    const b = createFastRng(1, 'x');
    const c = createFastRng(1, 'y');
    const da = Array.from({ length: 50 }, a);
    expect(Array.from({ length: 50 }, b)).toEqual(da);
    expect(Array.from({ length: 50 }, c)).not.toEqual(da);
  });

  it('draws in [0, 1) with mean 1/2 and variance 1/12', () => {
    // 500k uniforms: standard error of the mean 0.29 / sqrt(5e5) = 4e-4
    const r = createFastRng(2, 'u');
    let sum = 0;
    let sumSq = 0;
    let inRange = true;
    const n = 500_000;
    for (let i = 0; i < n; i++) {
      const u = r();
      if (!(u >= 0 && u < 1)) inRange = false;
      sum += u;
      sumSq += u * u;
    }
    expect(inRange).toBe(true);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.002);
    expect(Math.abs(sumSq / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(0.001);
  });
});
