/**
 * The state-changing events a run records (events.arrow), past tense. Columns: ts, kind,
 * agent, symbol, strategy, v1, v2, v3, text. What each value column holds per kind:
 */
export const LOGGED_EVENT_KINDS = [
  'outcome_reconciled', // agent, symbol, strategy; v1 realized_pnl_bps, v2 expected_pnl_bps, v3 finding row
  'multiplier_updated', // agent; v1 new confidence multiplier
  'weights_set', // agent; v1 new agent weight
  'agent_promoted', // agent; text reasons
  'agent_retired', // agent; text reasons
  'agent_killed', // agent; text reasons
  'class_killed', // strategy; text reasons (kill list KILL)
  'class_retired', // strategy; text reasons (kill list breach)
  'targets_set', // symbol; v1 new target weight
  'rebalance_skipped', // v1 max |change|; text reason
  'guardian_paused', // v1 portfolio drawdown
  'guardian_resumed', // v1 portfolio drawdown
  'fill', // symbol; v1 quantity after, v2 fill price, v3 cost
  'agent_joined', // agent, strategy; the agent enters the roster (its first finding, or its agents-file since)
  'model_fitted', // v1 rows used, v2 lambda, v3 coefficient count; text {features, coefficients} (reconcile.expected_model: ridge)
] as const;
export type LoggedEventKind = (typeof LOGGED_EVENT_KINDS)[number];

/** Code of each kind in the kind column (its index in LOGGED_EVENT_KINDS). */
export const KIND_CODE: Readonly<Record<LoggedEventKind, number>> = Object.fromEntries(
  LOGGED_EVENT_KINDS.map((k, i) => [k, i]),
) as Record<LoggedEventKind, number>;
