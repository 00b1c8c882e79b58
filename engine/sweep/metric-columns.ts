import { BENCHMARK_FIELDS } from '../metrics/benchmark-metrics.js';
import { METRIC_FIELDS } from '../metrics/compute-metrics.js';
import { TEARSHEET_FIELDS } from '../metrics/tearsheet-metrics.js';

/** Numeric RunMetrics fields, in results-table column order (metrics.json of `bt run`, docs/metrics.md). */
export const RESULT_METRIC_FIELDS = [
  ...METRIC_FIELDS,
  ...TEARSHEET_FIELDS,
  ...BENCHMARK_FIELDS,
  'periods_per_year',
  'initial_equity',
  'final_equity',
  'turnover_annualized',
  // 2026-12-04.4: beside the target turnover, the one cost settings move (docs/sweeps.md, Changes)
  'turnover_traded_annualized',
  'rebalances',
  'average_gross_exposure',
  'costs_paid',
  'n_kills',
] as const;

/** One numeric metric column of a sweep's results. */
export type ResultMetricField = (typeof RESULT_METRIC_FIELDS)[number];

/** Text RunMetrics fields, after the numeric ones (`notes` joined with '; '). */
export const RESULT_TEXT_FIELDS = ['periods_per_year_source', 'notes'] as const;

/** Which way a metric improves: 'higher', 'lower', or 'neutral' (a description of the run, not a score). */
export type MetricDirection = 'higher' | 'lower' | 'neutral';

/**
 * Returns the better direction of each numeric metric. max_drawdown is positive (a loss
 * fraction), so lower is better; var_95 and cvar_95 are negative returns, so higher is better.
 */
export const METRIC_DIRECTION: Readonly<Record<ResultMetricField, MetricDirection>> = {
  n: 'neutral',
  total_return: 'higher',
  annualized_return: 'higher',
  annualized_volatility: 'lower',
  sharpe: 'higher',
  sortino: 'higher',
  max_drawdown: 'lower',
  calmar: 'higher',
  var_95: 'higher',
  cvar_95: 'higher',
  skewness: 'neutral',
  excess_kurtosis: 'neutral',
  hit_rate: 'higher',
  best: 'neutral',
  worst: 'higher',
  omega: 'higher',
  ulcer_index: 'lower',
  tail_ratio: 'higher',
  longest_drawdown_periods: 'lower',
  beta: 'neutral',
  alpha: 'higher',
  alpha_annualized: 'higher',
  tracking_error: 'neutral',
  information_ratio: 'higher',
  up_capture: 'higher',
  down_capture: 'lower',
  correlation: 'neutral',
  periods_per_year: 'neutral',
  initial_equity: 'neutral',
  final_equity: 'higher',
  turnover_annualized: 'lower',
  turnover_traded_annualized: 'lower',
  rebalances: 'neutral',
  average_gross_exposure: 'neutral',
  costs_paid: 'lower',
  n_kills: 'lower',
};

/** Returns true when `name` is a numeric result metric. */
export function isResultMetricField(name: string): name is ResultMetricField {
  return (RESULT_METRIC_FIELDS as readonly string[]).includes(name);
}
