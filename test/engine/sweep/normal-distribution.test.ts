import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../../engine/sweep/normal-distribution.js';

// test/reference/normal_quantile_reference.py: 60-digit mpmath values of the same doubles, committed
const REF = JSON.parse(readFileSync('test/fixtures/sweep/normal_quantile_reference.json', 'utf8')) as {
  quantile: [number, number][];
  cdf: [number, number][];
};

/** Returns |x - ref| / |ref| (absolute error at ref = 0). */
function relativeError(x: number, ref: number): number {
  return ref === 0 ? Math.abs(x) : Math.abs(x - ref) / Math.abs(ref);
}

function worstQuantileError(select: (p: number) => boolean): number {
  const rows = REF.quantile.filter(([p]) => select(p));
  expect(rows.length).toBeGreaterThan(0);
  return Math.max(...rows.map(([p, z]) => relativeError(normalQuantile(p), z)));
}

describe('normalQuantile', () => {
  it('is within 1e-15 relative of mpmath around 0.5', () => {
    expect(worstQuantileError((p) => Math.abs(p - 0.5) <= 0.425)).toBeLessThanOrEqual(1e-15);
  });

  it('is within 1e-15 relative of mpmath in both tails, down to 1e-300', () => {
    expect(worstQuantileError((p) => p < 0.075)).toBeLessThanOrEqual(1e-15);
    expect(worstQuantileError((p) => p > 0.925)).toBeLessThanOrEqual(1e-15);
  });

  it('is within 1e-15 relative of mpmath at 1 - 1e-6', () => {
    expect(worstQuantileError((p) => p === 1 - 1e-6)).toBeLessThanOrEqual(1e-15);
  });

  it('is within 1e-15 relative of mpmath at 1 - 1/N and 1 - 1/(N e) for N up to 1e6', () => {
    // the two arguments of the expected maximum Sharpe (overfitting.ts), computed the same way
    const ns = [2, 3, 5, 10, 12, 100, 1000, 1e4, 1e5, 1e6];
    const ps = new Set(ns.flatMap((n) => [1 - 1 / n, 1 - 1 / (n * Math.E)]));
    expect(REF.quantile.filter(([p]) => ps.has(p))).toHaveLength(ps.size);
    expect(worstQuantileError((p) => ps.has(p))).toBeLessThanOrEqual(1e-15);
  });

  it('is infinite at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});

describe('normalCdf', () => {
  it('is within 1e-15 relative of mpmath from -38 to 8', () => {
    const worst = Math.max(...REF.cdf.map(([z, p]) => relativeError(normalCdf(z), p)));
    expect(worst).toBeLessThanOrEqual(1e-15);
  });
});
