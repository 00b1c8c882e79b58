import { describe, expect, it } from 'vitest';
import { createNormalSampler, createUnitStudentT4Sampler } from '../../../datasets/generate/random-variates.js';
import { createRng } from '../../../engine/core/rng.js';

function sampleMoments(draw: () => number, n: number): { mean: number; variance: number; kurtosis: number } {
  const x = Float64Array.from({ length: n }, draw);
  const mean = x.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m4 = 0;
  for (const v of x) {
    m2 += (v - mean) ** 2;
    m4 += (v - mean) ** 4;
  }
  return { mean, variance: m2 / n, kurtosis: m4 / n / (m2 / n) ** 2 };
}

// statistical checks on 400k draws: the standard error of the mean and variance is ~0.002-0.005
describe('createNormalSampler', () => {
  it('draws mean 0, variance 1, kurtosis 3', () => {
    const rng = createRng(1, 'normal');
    const m = sampleMoments(createNormalSampler(rng), 400_000);
    expect(Math.abs(m.mean)).toBeLessThan(0.01);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.01);
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(0.05);
  });
});

describe('createUnitStudentT4Sampler', () => {
  it('draws unit variance with fat tails', () => {
    const rng = createRng(1, 't4');
    const m = sampleMoments(createUnitStudentT4Sampler(rng, createNormalSampler(rng)), 400_000);
    expect(Math.abs(m.mean)).toBeLessThan(0.01);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.05);
    expect(m.kurtosis).toBeGreaterThan(5);
  });

  it('repeats its draws for one seed and label', () => {
    const a = createRng(9, 't4');
    const b = createRng(9, 't4');
    const da = createUnitStudentT4Sampler(a, createNormalSampler(a));
    const db = createUnitStudentT4Sampler(b, createNormalSampler(b));
    for (let i = 0; i < 100; i++) expect(da()).toBe(db());
  });
});
