import { periodReturns } from '../../metrics/period-returns.js';
import { chartNumber } from './chart-number.js';

/** Month labels of the heatmap's x axis, in calendar order. */
export const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** One heatmap cell: a run's return compounded within one UTC calendar month. */
export interface MonthlyCell {
  readonly run: string;
  readonly year: string;
  readonly month: string;
  readonly value: number | null;
  readonly [key: string]: string | number | null;
}

/** One bar: a run's return compounded within one UTC calendar year. */
export interface YearlyBar {
  readonly run: string;
  readonly year: string;
  readonly value: number | null;
  readonly [key: string]: string | number | null;
}

/** Returns the monthly cells of a return series whose period i ends at tsMs[i] (metrics' `monthly_returns`), in time order. */
export function monthlyCells(returns: Float64Array, tsMs: Float64Array, run: string): MonthlyCell[] {
  return periodReturns(returns, tsMs, 'month').map((p) => ({ run, year: p.key.slice(0, 4), month: MONTH_LABELS[Number(p.key.slice(5, 7)) - 1] ?? p.key, value: chartNumber(p.value) }));
}

/** Returns the yearly bars of a return series (metrics' `yearly_returns`), in time order. */
export function yearlyBars(returns: Float64Array, tsMs: Float64Array, run: string): YearlyBar[] {
  return periodReturns(returns, tsMs, 'year').map((p) => ({ run, year: p.key, value: chartNumber(p.value) }));
}
