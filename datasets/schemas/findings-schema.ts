import type { FieldSpec } from './field-spec.js';

/** findings.arrow columns (see datasets/README.md); sorted by ts, agent, symbol, severity, confidence, direction, horizon_hours, expected_pnl_bps (datasets/read/finding-order.ts). */
export const FINDINGS_FIELDS: readonly FieldSpec[] = [
  { name: 'ts', type: 'timestamp', nullable: false, required: true, doc: 'time the finding was emitted, epoch ms UTC' },
  { name: 'agent', type: 'dict32', nullable: false, required: true, doc: 'agent name' },
  { name: 'symbol', type: 'dict32', nullable: false, required: true, doc: 'instrument symbol' },
  { name: 'severity', type: 'dict8', nullable: false, required: true, doc: 'low | medium | high | critical (Int8 or Int32 indices)' },
  { name: 'confidence', type: 'float64', nullable: false, required: true, doc: 'fraction in [0, 1]' },
  { name: 'direction', type: 'int8', nullable: true, required: false, doc: '+1 long or -1 short; null or absent = +1' },
  { name: 'horizon_hours', type: 'float64', nullable: true, required: false, doc: 'hours until reconciliation, > 0; null or absent = scenario default' },
  { name: 'strategy', type: 'dict32', nullable: true, required: false, doc: 'strategy class; null or absent = the agents file decides' },
  { name: 'expected_pnl_bps', type: 'float64', nullable: true, required: false, doc: "an outside model's expected PnL in bps (reconcile.expected_model: column); null or absent = score-linear" },
];
