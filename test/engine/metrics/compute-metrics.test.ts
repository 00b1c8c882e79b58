import { describe, expect, it } from 'vitest';
import { computeMetrics, METRIC_FIELDS } from '../../../engine/metrics/compute-metrics.js';
import { close, loadReference, type ReferenceMetrics } from './reference-fixture.js';

const ref = loadReference();

function mismatches(actual: Record<string, unknown>, expected: ReferenceMetrics): string[] {
  const out: string[] = [];
  for (const f of METRIC_FIELDS) {
    const a = actual[f] as number | null;
    const e = expected[f] as number | null;
    if (!close(a, e)) out.push(`${f}: bt ${String(a)} vs numpy ${String(e)}`);
  }
  return out;
}

describe('computeMetrics', () => {
  for (const c of ref.synthetic) {
    it(`matches the numpy reference on ${c.name}`, () => {
      const opts = {
        periodsPerYear: c.N,
        ...(c.rf !== undefined ? { riskFreePerPeriod: c.rf } : {}),
        ...(c.mar !== undefined ? { mar: c.mar } : {}),
        ...(c.level !== undefined ? { level: c.level } : {}),
      };
      const rec = computeMetrics(Float64Array.from(c.returns), opts);
      expect(mismatches(rec, c.expected)).toEqual([]);
    });
  }

  it('lists the fields in the issue order, then notes', () => {
    const rec = computeMetrics(Float64Array.from([0.01, -0.02]), { periodsPerYear: 12 });
    expect(Object.keys(rec)).toEqual([...METRIC_FIELDS, 'notes']);
  });

  it('gives n = 0 and null everywhere else for an empty series', () => {
    const rec = computeMetrics(new Float64Array(0), { periodsPerYear: 252 });
    expect(rec.n).toBe(0);
    for (const f of METRIC_FIELDS) if (f !== 'n') expect(rec[f]).toBeNull();
    expect(rec.notes).toEqual(['no periods: every metric but n is undefined']);
  });

  it('gives a null Sharpe with a zero-variance reason for a constant series', () => {
    const rec = computeMetrics(Float64Array.from([0.01, 0.01, 0.01]), { periodsPerYear: 12 });
    expect(rec.sharpe).toBeNull();
    expect(rec.annualized_volatility).toBe(0);
    expect(rec.notes).toContain('sharpe: zero variance: every period has the same return');
    expect(rec.notes).toContain('calmar: no drawdown: max drawdown is 0');
  });

  it('reports a -100% period as max drawdown 1 and annualized return -1', () => {
    // wealth 1.1, 0, 0: drawdown 0/1.1 - 1 = -1; prod = 0 -> 0^(N/n) - 1 = -1.
    const rec = computeMetrics(Float64Array.from([0.1, -1, 0.2]), { periodsPerYear: 252 });
    expect(rec.max_drawdown).toBe(1);
    expect(rec.annualized_return).toBe(-1);
    expect(rec.total_return).toBe(-1);
  });

  it('gives a null annualized return when wealth goes negative', () => {
    const rec = computeMetrics(Float64Array.from([0.05, -1.5, 0.1]), { periodsPerYear: 12 });
    expect(rec.annualized_return).toBeNull();
    expect(rec.calmar).toBeNull();
    expect(rec.notes.some((s) => s.startsWith('annualized_return: compounded wealth is negative'))).toBe(true);
  });

  it('rejects NaN and Infinity naming the index', () => {
    expect(() => computeMetrics(Float64Array.from([0.01, NaN]), { periodsPerYear: 12 })).toThrow('returns[1] must be finite, found NaN');
    expect(() => computeMetrics(Float64Array.from([Infinity]), { periodsPerYear: 12 })).toThrow('returns[0] must be finite, found Infinity');
  });

  it('stays finite on 100 000 periods whose wealth overflows a double', () => {
    // prod(1.01^100000) = e^995 > 1.8e308: rescaled by powers of two.
    const r = new Float64Array(100_000).fill(0.01);
    r[5] = -0.5;
    const rec = computeMetrics(r, { periodsPerYear: 252 });
    expect(rec.total_return).toBeNull();
    // annualized = 1.01^252 * 0.5^(252/100000) / 1.01^(252/100000)... check via logs:
    const expected = Math.expm1(((99_999 * Math.log1p(0.01) + Math.log(0.5)) * 252) / 100_000);
    expect(Math.abs((rec.annualized_return as number) - expected)).toBeLessThan(1e-9 * expected);
    expect(rec.max_drawdown).toBe(0.5);
  });

  it('returns a new record and leaves the input untouched', () => {
    const r = Float64Array.from([0.03, -0.01, 0.02, -0.04]);
    const copy = r.slice();
    computeMetrics(r, { periodsPerYear: 12 });
    expect(r).toEqual(copy);
  });
});
