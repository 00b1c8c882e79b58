// Its own module: `bt compare --help` lists them without loading the comparison code.
/** Metrics `--rank-by` accepts, with the direction that ranks first. */
export const RANKABLE_METRICS: Readonly<Record<string, 'higher' | 'lower'>> = {
  sharpe: 'higher',
  sortino: 'higher',
  max_drawdown: 'lower',
  cvar_95: 'higher', // a negative return: closer to 0 is better
  calmar: 'higher',
  turnover_annualized: 'lower',
  turnover_traded_annualized: 'lower',
  n_kills: 'lower',
  total_return: 'higher',
  annualized_return: 'higher',
  annualized_volatility: 'lower',
  final_equity: 'higher',
};
