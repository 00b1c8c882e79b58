/**
 * Reconciliation of one finding at its horizon (seed 003 §3 fields: expected_pnl_bps,
 * realized_pnl_bps, abs_error_bps, pnl_error_bps).
 *
 * realized_pnl_bps = direction * (P(t+h) / P(t) - 1) * 1e4, with P the last close at or
 * before the time (the engine guarantees P(t+h) is the bar at or before the due time,
 * never a later one).
 * expected_pnl_bps comes from the expected-return model; the seeds' default is
 * "score-linear": expected = k * confidence * severity multiplier (the agent expects to be
 * right in its own direction, so the expectation is positive).
 * pnl_error_bps = realized - expected (negative = worse than expected); abs_error_bps = |pnl_error_bps|.
 */

/** Parameters of the score-linear expected-return model. */
export interface ScoreLinearModel {
  readonly kind: 'score-linear';
  /** Expected bps per unit of score (score = confidence * severity multiplier). */
  readonly bpsPerScore: number;
}

/**
 * The ridge model of seed 003 §6 (ridge-model.ts): retrained every `retrainMs` on the outcomes
 * reconciled by then, once `minOutcomes` exist; score-linear (`bpsPerScore`) until the first fit.
 */
export interface RidgeExpectedModel {
  readonly kind: 'ridge';
  readonly bpsPerScore: number;
  readonly lambda: number;
  readonly retrainMs: number;
  readonly minOutcomes: number;
}

/** The findings' own expected_pnl_bps column (an outside model); score-linear where it is null. */
export interface ColumnExpectedModel {
  readonly kind: 'column';
  readonly bpsPerScore: number;
}

/** An expected-return model: pluggable; score-linear is the seeds' default and every model's fallback. */
export type ExpectedModel = ScoreLinearModel | RidgeExpectedModel | ColumnExpectedModel;

/**
 * Returns the score-linear expected pnl in bps of a finding (every model's fallback). + 0 turns
 * the -0 of a confidence stored as -0 into the 0 it means (every other value unchanged): the
 * event log's expected pnl, recomputed from this by its reader too, does not show a zero's sign.
 */
export function expectedPnlBps(model: ExpectedModel, confidence: number, severityMult: number): number {
  return model.bpsPerScore * confidence * severityMult + 0;
}

/** Returns the realized, direction-aware pnl in bps between an entry and an exit close. */
export function realizedPnlBps(direction: number, entryClose: number, exitClose: number): number {
  return direction * (exitClose / entryClose - 1) * 1e4;
}
