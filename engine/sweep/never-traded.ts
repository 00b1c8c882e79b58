import type { JournalResult } from './journal.js';

/**
 * Returns true when the configuration never traded: no fill moved any notional
 * (turnover_traded_annualized exactly 0). Its book stayed in cash, so a scale-blind objective
 * (max_drawdown 0, a total return of 0 when the others lost) would rank it first for doing
 * nothing: it is left out of the ranking, the best and the walk-forward (docs/sweeps.md).
 * An absent figure (null: a run with no equity points) is not evidence of either.
 */
export function isNeverTraded(r: JournalResult): boolean {
  return r.metrics.turnover_traded_annualized === 0;
}
