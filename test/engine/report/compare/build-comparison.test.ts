import { describe, expect, it } from 'vitest';
import { alignedReturns } from '../../../../engine/report/compare/aligned-returns.js';
import { buildComparison } from '../../../../engine/report/compare/build-comparison.js';
import { compareTable } from '../../../../engine/report/compare/compare-table.js';
import { variantScenarioText } from '../../../../engine/report/compare/variant-scenario-text.js';

describe('alignedReturns', () => {
  it('keeps the periods both curves have, the first return from the initial capital', () => {
    const r = alignedReturns(
      { tsMs: Float64Array.from([1, 2, 3]), equity: Float64Array.from([110, 121, 133.1]), initialEquity: 100 },
      { tsMs: Float64Array.from([1, 3]), equity: Float64Array.from([100, 90]), initialEquity: 100 },
    );
    expect([...r.tsMs]).toEqual([1, 3]);
    // a at 3: 133.1 / 121 - 1 = 0.1; b at 3: 90 / 100 - 1
    expect(r.a[0]).toBeCloseTo(0.1, 12);
    expect(r.a[1]).toBeCloseTo(0.1, 12);
    expect([...r.b]).toEqual([0, 90 / 100 - 1]);
  });
});

describe('buildComparison', () => {
  const ts = Float64Array.from({ length: 30 }, (_, i) => i);
  const curve = (drift: number, wiggle: number): Float64Array => {
    let e = 100;
    return Float64Array.from(ts, (i) => (e *= 1 + drift + wiggle * Math.sin(i)));
  };
  const inputs = [
    { label: 'base', contentKey: 'base', metrics: { sharpe: 1, max_drawdown: 0.3, periods_per_year: 12 }, curve: { tsMs: ts, equity: curve(0.01, 0.02), initialEquity: 100 } },
    { label: 'safer', contentKey: 'safer', metrics: { sharpe: 0.8, max_drawdown: 0.1, periods_per_year: 12 }, curve: { tsMs: ts, equity: curve(0.005, 0.01), initialEquity: 100 } },
    { label: 'bolder', contentKey: 'bolder', metrics: { sharpe: 1.5, max_drawdown: 0.5, periods_per_year: 12 }, curve: { tsMs: ts, equity: curve(0.02, 0.03), initialEquity: 100 } },
  ];
  const settings = { rankBy: 'sharpe', seed: 3, resamples: 300, meanBlock: null, level: 0.9 };

  it('ranks by the named metric in its better direction', () => {
    expect(buildComparison(inputs, settings).runs.map((r) => r.run)).toEqual(['bolder', 'base', 'safer']);
    expect(buildComparison(inputs, { ...settings, rankBy: 'max_drawdown' }).runs.map((r) => r.run)).toEqual(['safer', 'base', 'bolder']);
  });

  it('gives every run but the first a Sharpe difference interval around its estimate', () => {
    const c = buildComparison(inputs, settings);
    expect(c.first).toBe('base');
    expect(c.bootstrap.mean_block).toBe(3); // round(30^(1/3))
    for (const r of c.runs) {
      const d = r.sharpe_diff_vs_first;
      if (r.run === 'base') expect(d).toBeNull();
      else expect((d?.low as number) <= (d?.estimate as number) && (d?.estimate as number) <= (d?.high as number)).toBe(true);
    }
  });

  it('names the bootstrap stream by content key, so relabelled runs get the same intervals', () => {
    // the same runs typed as other paths: labels change, content keys do not
    const typed = inputs.map((inp) => ({ ...inp, label: `./results/${inp.label}` }));
    const diffs = (c: ReturnType<typeof buildComparison>): unknown[] => c.runs.map((r) => r.sharpe_diff_vs_first);
    expect(diffs(buildComparison(typed, settings))).toEqual(diffs(buildComparison(inputs, settings)));
  });

  it('gives the same result for the same seed', () => {
    expect(JSON.stringify(buildComparison(inputs, settings))).toBe(JSON.stringify(buildComparison(inputs, settings)));
  });

  it('formats a table with one row per run and the interval column', () => {
    const c = buildComparison(inputs, settings);
    const t = compareTable(c.runs, c.first, 0.9, 'sharpe');
    expect(t.columns.at(-1)).toBe('Sharpe diff vs base [90% CI]');
    expect(t.rows.map((r) => r[1])).toEqual(['bolder', 'base', 'safer']);
    expect(t.rows[1]?.at(-1)).toBe('(baseline)');
  });
});

describe('variantScenarioText', () => {
  it('replaces allocator.variant, drops allocator.params and keeps comments and other keys', () => {
    const text = '# head\nname: q\nallocator:\n  variant: risk-penalized # mine\n  mode: default\n  params:\n    max_weight: 0.2\nseed: 1\n';
    const out = variantScenarioText(text, 'pnl-weighted');
    expect(out).toContain('# head');
    expect(out).toContain('variant: pnl-weighted');
    expect(out).toContain('mode: default');
    expect(out).not.toContain('max_weight');
    expect(out).toContain('seed: 1');
  });
});
