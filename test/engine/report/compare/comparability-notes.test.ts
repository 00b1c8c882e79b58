import { describe, expect, it } from 'vitest';
import { comparabilityNotes, figuresNote } from '../../../../engine/report/compare/comparability-notes.js';
import { tearsheetTable, type CompareRowOut } from '../../../../engine/report/compare/compare-table.js';

const DAY = 86_400_000;
const jan = Date.UTC(2020, 0, 1);
const run = (label: string, days: readonly number[], ppy: number, benchmark: unknown): { label: string; metrics: Record<string, unknown>; curve: { tsMs: Float64Array } } => ({
  label,
  metrics: { periods_per_year: ppy, benchmark },
  curve: { tsMs: Float64Array.from(days.map((d) => jan + d * DAY)) },
});
const spx = { symbol: 'SPX', prices: 'p.arrow', n: 2 };

describe('comparabilityNotes', () => {
  it('says nothing for runs of one span, calendar and benchmark (the variants of one scenario)', () => {
    expect(comparabilityNotes([run('a', [0, 1, 2], 252, spx), run('b', [0, 1, 2], 252, { ...spx, n: 2 })])).toEqual([]);
  });

  it('names each run\'s span when the spans differ, at the resolution the instants need', () => {
    const notes = comparabilityNotes([run('a', [0, 1, 2], 252, spx), run('b', [1, 2], 252, spx)]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^the runs cover different spans \(equity points a: 2020-01-01 \.\. 2020-01-03, b: 2020-01-02 \.\. 2020-01-03\): each row's figures are over its own span; a Sharpe difference and its interval are over the periods the pair shares/);
    // one instant off midnight puts every date at minutes
    const hourly = comparabilityNotes([{ ...run('a', [0, 1], 252, spx), curve: { tsMs: Float64Array.from([jan, jan + DAY + 3_600_000]) } }, run('b', [0, 2], 252, spx)]);
    expect(hourly[0]).toContain('a: 2020-01-01 00:00 .. 2020-01-02 01:00, b: 2020-01-01 00:00 .. 2020-01-03 00:00');
  });

  it('says when the runs annualize with different periods per year, and when two runs measure against different benchmarks (a run without one shows n/a: no note for it alone)', () => {
    const notes = comparabilityNotes([run('a', [0, 1], 12, spx), run('b', [0, 1], 365, null), run('c', [0, 1], 12, { symbol: 'AAPL', prices: 'p.arrow', n: 2 })]);
    expect(notes).toEqual([
      'the runs annualize with different periods per year (a: 12, b: 365, c: 12): each annualized figure uses its own run\'s count, and cvar_95 and alpha are returns of one period of different lengths',
      'the runs are measured against different benchmarks (a: SPX in p.arrow, b: none, c: AAPL in p.arrow): beta, alpha, tracking error, information ratio, capture ratios and correlation do not compare across them',
    ]);
    expect(comparabilityNotes([run('a', [0, 1], 12, spx), run('b', [0, 1], 12, null)])).toEqual([]);
  });
});

describe('figuresNote', () => {
  it('gives the one-period unit of cvar_95 as the runs\' shared periods per year, or says each run has its own', () => {
    expect(figuresNote([12, 12])).toContain('cvar_95 the mean of the returns below their 5% quantile, a one-period return (12 periods a year)');
    expect(figuresNote([12, 365])).toContain("(each run's periods per year)");
    expect(figuresNote([12])).toContain('sharpe, sortino and calmar annualized ratios, risk-free rate and MAR 0');
  });
});

describe('tearsheetTable', () => {
  it("says in its caption which figures are one period's (alpha) and which annualized, where the column names are metrics.json's", () => {
    const row = (beta: number | null): CompareRowOut => ({ rank: 1, run: 'a', metrics: { beta, alpha: 0.01 }, sharpe_diff_vs_first: null });
    expect(tearsheetTable([row(1.1)]).caption).toContain("alpha one period's, alpha_annualized and tracking_error annualized");
    expect(tearsheetTable([row(null)]).caption).toBe('Tear sheet (docs/metrics.md): longest drawdown in periods');
  });
});
