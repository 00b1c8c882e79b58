import { describe, expect, it } from 'vitest';
import { quantileType7, tailRisk } from '../../../engine/metrics/var-cvar.js';
import { selectKth } from '../../../engine/metrics/select-kth.js';

describe('quantileType7', () => {
  it('interpolates between order statistics like R type 7', () => {
    // sorted 1..5, p = 0.3: index 1 + 4 * 0.3 = 2.2 -> 2 + 0.2 * (3 - 2) = 2.2
    expect(quantileType7(Float64Array.from([5, 3, 1, 4, 2]), 0.3)).toBeCloseTo(2.2, 15);
    expect(quantileType7(Float64Array.from([7]), 0.05)).toBe(7);
    expect(quantileType7(new Float64Array(0), 0.05)).toBeNaN();
  });
});

describe('selectKth', () => {
  it('agrees with a full sort at every k on data with ties', () => {
    const base = Float64Array.from({ length: 301 }, (_, i) => Math.round(Math.sin(i * 7.3) * 20) / 10 + 0); // + 0 turns -0 into 0
    const sorted = base.slice().sort((a, b) => a - b);
    for (let k = 0; k < base.length; k++) expect(selectKth(base.slice(), k)).toBe(sorted[k]);
  });
});

describe('tailRisk', () => {
  it('takes the tail strictly below VaR (PerformanceAnalytics ES) and k smallest (empyrical)', () => {
    // 20 returns -0.20, -0.19, ..., -0.01: alpha = 1 - 0.95; index 1 + 19 * 0.05 = 1.95
    // VaR = 0.05 * -0.20 + 0.95 * -0.19 = -0.1905; PA tail = {-0.20}; empyrical k = floor(0.95) = 0 -> {-0.20}.
    const r = Float64Array.from({ length: 20 }, (_, i) => -(20 - i) / 100);
    const pa = tailRisk(r);
    expect(pa.valueAtRisk.value).toBeCloseTo(-0.1905, 15);
    expect(pa.conditionalValueAtRisk.value).toBeCloseTo(-0.2, 15);
    expect(tailRisk(r, 0.95, 'empyrical').conditionalValueAtRisk.value).toBeCloseTo(-0.2, 15);
  });

  it('sets ES to VaR when no return lies strictly below it', () => {
    const t = tailRisk(Float64Array.from([-0.02, -0.02, 0.01]));
    expect(t.valueAtRisk.value).toBe(-0.02);
    expect(t.conditionalValueAtRisk).toEqual({ value: -0.02, note: 'no return strictly below VaR: ES set to VaR (as PerformanceAnalytics does)' });
  });

  it('gives null for a gain at the 5% quantile and caps losses over 100% at -1', () => {
    expect(tailRisk(Float64Array.from([0.01, 0.02])).valueAtRisk.value).toBeNull();
    expect(tailRisk(Float64Array.from([0.01, 0.02]), 0.95, 'empyrical').valueAtRisk.value).toBeCloseTo(0.0105, 15);
    expect(tailRisk(Float64Array.from([-1.5, -1.4])).valueAtRisk.value).toBe(-1);
  });

  it('rejects a level outside (0.5, 1)', () => {
    expect(() => tailRisk(Float64Array.from([0.1]), 1)).toThrow('level must be in (0.5, 1), found 1');
  });
});

describe('tailRisk on long series', () => {
  /** Sort-based reference: R type 7 at 1 - 0.95 and the mean strictly below it. */
  function bySort(r: Float64Array): { q: number; es: number } {
    const s = r.slice().sort((a, b) => a - b);
    const index = 1 + (s.length - 1) * (1 - 0.95);
    const lo = Math.floor(index);
    const h = index - lo;
    const a = s[lo - 1] as number;
    const b = s[lo] as number;
    const q = index > lo && a !== b ? (1 - h) * a + h * b : a;
    let sum = 0;
    let c = 0;
    for (const x of s) if (x < q) { sum += x; c++; }
    return { q, es: sum / c };
  }

  it('copies only the lower tail yet agrees with a full sort', () => {
    const r = Float64Array.from({ length: 200_001 }, (_, i) => Math.sin(i * 12.9898) * 0.02 + Math.cos(i * 0.001) * 0.001);
    const { q, es } = bySort(r);
    const t = tailRisk(r);
    expect(t.valueAtRisk.value).toBe(q);
    expect(Math.abs((t.conditionalValueAtRisk.value as number) - es)).toBeLessThan(1e-12);
  });

  it('falls back to a full copy when the strided sample misses the tail', () => {
    // Sampled positions (multiples of the stride 48) hold the lowest values, so the sample's
    // threshold admits too few values and the count check rejects it.
    const n = 200_000;
    const r = Float64Array.from({ length: n }, (_, i) => (i % 48 === 0 ? -0.05 - i * 1e-9 : (i % 1000) * 1e-5 - 0.005));
    const { q, es } = bySort(r);
    const t = tailRisk(r);
    expect(t.valueAtRisk.value).toBe(q);
    expect(Math.abs((t.conditionalValueAtRisk.value as number) - es)).toBeLessThan(1e-12);
  });
});
