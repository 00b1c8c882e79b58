/** Metrics shown as percentages (fractions in the files). */
const PERCENT = new Set(['total_return', 'annualized_return', 'annualized_volatility', 'max_drawdown', 'var_95', 'cvar_95', 'hit_rate', 'best', 'worst', 'average_gross_exposure', 'turnover_annualized', 'turnover_traded_annualized', 'alpha', 'alpha_annualized', 'tracking_error', 'ulcer_index']);

/** Metrics shown as whole numbers. */
const COUNT = new Set(['n', 'n_kills', 'kills', 'rebalances', 'final_equity', 'initial_equity', 'costs_paid', 'longest_drawdown_periods', 'rank']);

/** Returns a metric value as table text: percentages for fractions, thousands-separated counts and money, 3 decimals for ratios, 'n/a' for null. */
export function formatMetric(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  if (PERCENT.has(name)) return `${(value * 100).toFixed(2)}%`;
  if (COUNT.has(name)) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(3);
}
