import { describe, expect, it } from 'vitest';
import { alignedReturns } from '../../../../engine/report/compare/aligned-returns.js';
import { buildComparison } from '../../../../engine/report/compare/build-comparison.js';
import { compareTable } from '../../../../engine/report/compare/compare-table.js';
import { variantParamsNote, variantScenarioText, writtenParamKeys } from '../../../../engine/report/compare/variant-scenario-text.js';

describe('alignedReturns', () => {
  it('gives both curves the return from one shared time stamp to the next, compounding the points only one has', () => {
    const r = alignedReturns(
      { tsMs: Float64Array.from([1, 2, 3]), equity: Float64Array.from([110, 121, 133.1]), initialEquity: 100 },
      { tsMs: Float64Array.from([1, 3]), equity: Float64Array.from([100, 90]), initialEquity: 100 },
    );
    expect([...r.tsMs]).toEqual([1, 3]);
    // both start at 1: from the initial capital; then 1 -> 3: a 133.1 / 110 - 1 = 0.21 (two periods of 10%), b 90 / 100 - 1
    expect(r.a[0]).toBeCloseTo(0.1, 12);
    expect(r.a[1]).toBeCloseTo(0.21, 12);
    expect([...r.b]).toEqual([0, 90 / 100 - 1]);
  });

  it('bases the returns on the first shared stamp when one curve starts before it', () => {
    // a starts at 1, b at 2: a's return to 2 and b's from its capital cover different spans, so 2 is only a base
    const r = alignedReturns(
      { tsMs: Float64Array.from([1, 2, 3]), equity: Float64Array.from([110, 121, 133.1]), initialEquity: 100 },
      { tsMs: Float64Array.from([2, 3]), equity: Float64Array.from([50, 60]), initialEquity: 40 },
    );
    expect([...r.tsMs]).toEqual([3]);
    expect(r.a[0]).toBeCloseTo(133.1 / 121 - 1, 12);
    expect(r.b[0]).toBeCloseTo(60 / 50 - 1, 12);
  });
});

describe('buildComparison', () => {
  const ts = Float64Array.from({ length: 30 }, (_, i) => i);
  const curve = (drift: number, wiggle: number): Float64Array => {
    let e = 100;
    return Float64Array.from(ts, (i) => (e *= 1 + drift + wiggle * Math.sin(i)));
  };
  const inputs = [
    { label: 'base', metrics: { sharpe: 1, max_drawdown: 0.3, periods_per_year: 12 }, curve: { tsMs: ts, equity: curve(0.01, 0.02), initialEquity: 100 } },
    { label: 'safer', metrics: { sharpe: 0.8, max_drawdown: 0.1, periods_per_year: 12 }, curve: { tsMs: ts, equity: curve(0.005, 0.01), initialEquity: 100 } },
    { label: 'bolder', metrics: { sharpe: 1.5, max_drawdown: 0.5, periods_per_year: 12 }, curve: { tsMs: ts, equity: curve(0.02, 0.03), initialEquity: 100 } },
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

  it('gives a run the same interval whatever its label or place among the runs', () => {
    // every pair draws from one stream: the interval depends on the returns and the seed alone
    const typed = inputs.map((inp) => ({ ...inp, label: `./results/${inp.label}` }));
    const byRun = (c: ReturnType<typeof buildComparison>): Record<string, unknown> => Object.fromEntries(c.runs.map((r) => [r.run.replace('./results/', ''), r.sharpe_diff_vs_first]));
    expect(byRun(buildComparison(typed, settings))).toEqual(byRun(buildComparison(inputs, settings)));
    const [base, safer, bolder] = inputs;
    const alone = buildComparison([base, bolder] as typeof inputs, settings);
    expect(byRun(alone)['bolder']).toEqual(byRun(buildComparison([base, safer, bolder] as typeof inputs, settings))['bolder']);
  });

  it('compares a daily run with a monthly one on monthly returns, annualized 12 times a year', () => {
    // the same asset, daily and at every 21st day: the returns between shared stamps are equal, so the difference is 0
    const days = Float64Array.from({ length: 252 }, (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000);
    let e = 100;
    const daily = Float64Array.from(days, (_, i) => (e *= 1 + 0.001 + 0.01 * Math.sin(i * 1.3)));
    const pick = (x: Float64Array): Float64Array => x.filter((_, i) => i % 21 === 20);
    const c = buildComparison(
      [
        { label: 'daily', metrics: { periods_per_year: 252 }, curve: { tsMs: days, equity: daily, initialEquity: 100 } },
        { label: 'monthly', metrics: { periods_per_year: 12 }, curve: { tsMs: pick(days), equity: pick(daily), initialEquity: 100 } },
      ],
      settings,
    );
    const d = c.runs.find((r) => r.run === 'monthly')?.sharpe_diff_vs_first;
    expect(d).toMatchObject({ estimate: 0, low: 0, high: 0, aligned_periods: 11, periods_per_year: 12 });
  });

  it('keeps the first run\'s periods per year for a run of the same calendar over a shorter span', () => {
    // weekdays annualized at a user's 260: a run that stops earlier shares weekdays, not another calendar
    const days = Float64Array.from({ length: 400 }, (_, i) => Date.UTC(2021, 0, 4) + (Math.floor(i / 5) * 7 + (i % 5)) * 86_400_000);
    let e = 100;
    const eq = Float64Array.from(days, (_, i) => (e *= 1 + 0.001 + 0.01 * Math.sin(i * 1.3)));
    const c = buildComparison(
      [
        { label: 'full', metrics: { periods_per_year: 260 }, curve: { tsMs: days, equity: eq, initialEquity: 100 } },
        { label: 'shorter', metrics: { periods_per_year: 260 }, curve: { tsMs: days.subarray(0, 300), equity: eq.map((x) => x * 1.01).subarray(0, 300), initialEquity: 101 } },
      ],
      settings,
    );
    expect(c.runs.find((r) => r.run === 'shorter')?.sharpe_diff_vs_first).toMatchObject({ aligned_periods: 300, periods_per_year: 260 });
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
  const text = '# head\nname: q\nallocator:\n  variant: risk-penalized # mine\n  mode: default\n  params:\n    max_weight: 0.2\n    dd_penalty_k: 0.001\nseed: 1\n';

  it('replaces allocator.variant, drops allocator.params and keeps comments and other keys', () => {
    const out = variantScenarioText(text, 'pnl-weighted');
    expect(out).toContain('# head');
    expect(out).toContain('variant: pnl-weighted');
    expect(out).toContain('mode: default');
    expect(out).not.toContain('max_weight');
    expect(out).toContain('seed: 1');
  });

  it("keeps allocator.params for the scenario's own variant, whose run is then bt run's", () => {
    const out = variantScenarioText(text, 'risk-penalized');
    expect(out).toContain('max_weight: 0.2');
    expect(out).toContain('dd_penalty_k: 0.001');
  });

  it('names the params the file writes, and whose they are, when other variants run', () => {
    expect(writtenParamKeys(text)).toEqual(['dd_penalty_k', 'max_weight']);
    expect(writtenParamKeys('name: q\nallocator:\n  variant: pnl-weighted\n')).toEqual([]);
    expect(variantParamsNote('risk-penalized', ['dd_penalty_k', 'max_weight'], ['risk-penalized', 'capital-governor', 'pnl-weighted'])).toBe(
      "allocator.params (dd_penalty_k, max_weight) are risk-penalized's, the scenario's variant, and its run uses them; capital-governor, pnl-weighted run on their own defaults",
    );
    expect(variantParamsNote('risk-penalized', ['max_weight'], ['pnl-weighted'])).toBe("allocator.params (max_weight) are risk-penalized's, the scenario's variant; pnl-weighted runs on its own defaults");
    expect(variantParamsNote('risk-penalized', [], ['risk-penalized', 'pnl-weighted'])).toBeNull();
    expect(variantParamsNote('risk-penalized', ['max_weight'], ['risk-penalized'])).toBeNull();
  });
});
