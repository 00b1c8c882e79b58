import type { JournalResult } from './journal.js';

/** Result metrics computed with the periods per year (annualized by sqrt(N), N or (1 + x)^N; turnover per year of N periods): the ones a mixed N makes incomparable. */
export const ANNUALIZED_BY_PERIODS: ReadonlySet<string> = new Set(['annualized_return', 'annualized_volatility', 'sharpe', 'sortino', 'calmar', 'alpha_annualized', 'tracking_error', 'information_ratio', 'turnover_annualized', 'turnover_traded_annualized']);

/** What summary.json says when the ranked configurations annualize with different periods per year. */
export interface PeriodsPerYearMix {
  /** The distinct metrics.periods_per_year of the ranked configurations, ascending. */
  readonly values: readonly number[];
  /** Whether the objective is one of ANNUALIZED_BY_PERIODS, so the ranks compare annualizations. */
  readonly objective_annualized: boolean;
  readonly note: string;
}

/** Returns the distinct metrics.periods_per_year of `rows`, ascending (one value: they annualize alike). */
export function distinctPeriodsPerYear(rows: readonly JournalResult[]): number[] {
  return [...new Set(rows.map((r) => r.metrics.periods_per_year))].sort((a, b) => a - b);
}

/**
 * Returns the flag for ranked configurations (`ranked`) that annualize with different periods
 * per year, else null. The convention: each configuration's annualized figures use its own N
 * (its curve's calendar), and ranks compare them as they are: right when the calendars differ
 * (a sweep over data of another frequency), and an artefact when they do not (N swept through
 * metrics.periods_per_year: the same returns rank by sqrt(N)). bt cannot tell the two apart from
 * the figures, so it ranks and says so. (clock.cadence does not move N: the equity curve has one
 * point per price time, whatever the tick.)
 */
export function periodsPerYearMix(ranked: readonly JournalResult[], objective: string): PeriodsPerYearMix | null {
  const values = distinctPeriodsPerYear(ranked);
  if (values.length <= 1) return null;
  const annualized = ANNUALIZED_BY_PERIODS.has(objective);
  const ranks = annualized
    ? `the ranks by ${objective} compare figures annualized with different N: right when the configurations' calendars differ, an artefact of N when they share one (the same returns rank by sqrt(N) or N)`
    : `${objective} is not annualized, so its ranks are not moved by N, but the annualized columns (sharpe, sortino, annualized_return, ...) are not comparable across them`;
  return { values, objective_annualized: annualized, note: `the ranked configurations annualize with different periods per year (metrics.periods_per_year: ${values.join(', ')}): ${ranks}; to compare returns alone, set metrics.periods_per_year in the base scenario rather than in the space` };
}
