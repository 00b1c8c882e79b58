import { describe, expect, it } from 'vitest';
import { periodsPerYearMix } from '../../../engine/sweep/periods-per-year-mix.js';
import { buildSummary } from '../../../engine/sweep/summary.js';
import { headerOf, resultOf } from './fixtures.js';

describe('periodsPerYearMix', () => {
  it('flags ranked configurations that annualize with different periods per year, and says whether the objective is annualized', () => {
    const rows = [resultOf('a', { periods_per_year: 52 }), resultOf('b', { periods_per_year: 12 }), resultOf('c', { periods_per_year: 12 })];
    const sharpe = periodsPerYearMix(rows, 'sharpe');
    expect(sharpe?.values).toEqual([12, 52]);
    expect(sharpe?.objective_annualized).toBe(true);
    expect(sharpe?.note).toMatch(/^the ranked configurations annualize with different periods per year \(metrics\.periods_per_year: 12, 52\): the ranks by sharpe compare figures annualized with different N/);
    expect(periodsPerYearMix(rows, 'max_drawdown')?.objective_annualized).toBe(false);
    expect(periodsPerYearMix(rows.slice(1), 'sharpe')).toBeNull();
  });

  it("is summary.json's periods_per_year_mixed over the ranked configurations only: one that never traded does not count", () => {
    // 'b' annualizes with 52 a year but never traded: not ranked, so the ranked ones share 12
    const rows = [resultOf('a', { periods_per_year: 12, turnover_traded_annualized: 0.5 }), resultOf('b', { periods_per_year: 52, turnover_traded_annualized: 0 }), resultOf('c', { periods_per_year: 12, sharpe: 2, turnover_traded_annualized: 0.5 })];
    expect(buildSummary(headerOf(['a', 'b', 'c']), rows).periods_per_year_mixed).toBeNull();
    const mixed = [rows[0], resultOf('b', { periods_per_year: 52, turnover_traded_annualized: 0.5 }), rows[2]].map((r) => r as (typeof rows)[number]);
    expect(buildSummary(headerOf(['a', 'b', 'c']), mixed).periods_per_year_mixed?.values).toEqual([12, 52]);
  });
});
