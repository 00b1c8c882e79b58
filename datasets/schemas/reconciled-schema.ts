import type { FieldSpec } from './field-spec.js';

/**
 * reconciled.arrow columns: the seeds' alpha/reconciled.jsonl fields (seed 003), file order.
 * A field seed 003 reads with r.get(...) and no use of its absence is optional here: the
 * column may be missing (all null), as the live readers accept (expected_pnl_bps is added by
 * a later reconcile.py, sim_version by rec[-1].get("sim_version")).
 */
export const RECONCILED_FIELDS: readonly FieldSpec[] = [
  { name: 'ts', type: 'timestamp', nullable: true, required: false, doc: 'time the outcome became known, epoch ms UTC; null = unknown' },
  { name: 'agent', type: 'dict32', nullable: false, required: true, doc: 'agent name' },
  { name: 'symbol', type: 'dict32', nullable: false, required: true, doc: 'instrument symbol' },
  { name: 'horizon_hours', type: 'float64', nullable: true, required: true, doc: 'reconciliation horizon, hours > 0' },
  { name: 'expected_pnl_bps', type: 'float64', nullable: true, required: false, doc: 'expected PnL, basis points; null or absent = unknown' },
  { name: 'realized_pnl_bps', type: 'float64', nullable: true, required: true, doc: 'realized PnL, basis points' },
  { name: 'abs_error_bps', type: 'float64', nullable: true, required: true, doc: '|realized - expected|, basis points, >= 0' },
  { name: 'pnl_error_bps', type: 'float64', nullable: true, required: true, doc: 'realized - expected, basis points' },
  { name: 'sim_version', type: 'dict32', nullable: true, required: false, doc: 'version of the simulator that produced the expectation; null or absent = unknown' },
  { name: 'strategy', type: 'dict32', nullable: true, required: false, doc: 'strategy class; null or absent = the agents file decides' },
];
