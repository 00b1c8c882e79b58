import type { FieldSpec } from './field-spec.js';

/** reconciled.arrow columns: the seeds' alpha/reconciled.jsonl fields (seed 003), file order. */
export const RECONCILED_FIELDS: readonly FieldSpec[] = [
  { name: 'ts', type: 'timestamp', nullable: true, required: false, doc: 'time the outcome became known, epoch ms UTC; null = unknown' },
  { name: 'agent', type: 'dict32', nullable: false, required: true, doc: 'agent name' },
  { name: 'symbol', type: 'dict32', nullable: false, required: true, doc: 'instrument symbol' },
  { name: 'horizon_hours', type: 'float64', nullable: true, required: true, doc: 'reconciliation horizon, hours > 0' },
  { name: 'expected_pnl_bps', type: 'float64', nullable: true, required: true, doc: 'expected PnL, basis points' },
  { name: 'realized_pnl_bps', type: 'float64', nullable: true, required: true, doc: 'realized PnL, basis points' },
  { name: 'abs_error_bps', type: 'float64', nullable: true, required: true, doc: '|realized - expected|, basis points, >= 0' },
  { name: 'pnl_error_bps', type: 'float64', nullable: true, required: true, doc: 'realized - expected, basis points' },
  { name: 'sim_version', type: 'dict32', nullable: true, required: true, doc: 'version of the simulator that produced the expectation' },
  { name: 'strategy', type: 'dict32', nullable: true, required: false, doc: 'strategy class; null or absent = the agents file decides' },
];
