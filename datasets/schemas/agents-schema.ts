import type { FieldSpec } from './field-spec.js';

/** agents.arrow columns: the seeds' agent_schedule.json (seed 000), one row per agent, sorted by agent. */
export const AGENTS_FIELDS: readonly FieldSpec[] = [
  { name: 'agent', type: 'utf8', nullable: false, required: true, doc: 'agent name, unique, sorted by UTF-16 code units' },
  { name: 'strategy', type: 'utf8', nullable: false, required: true, doc: 'strategy class (empty string = none)' },
  { name: 'enabled', type: 'bool', nullable: false, required: true, doc: 'schedule flag; a disabled agent gets no capital (seed 000)' },
  { name: 'weight', type: 'float64', nullable: false, required: true, doc: 'schedule weight, finite >= 0 (seed 000)' },
  { name: 'interval_minutes', type: 'float64', nullable: true, required: true, doc: 'run interval in minutes, > 0; null = absent' },
  { name: 'since', type: 'timestamp', nullable: true, required: false, doc: 'when the agent joins the roster (UTC); null or absent = at its first finding' },
];

/** Keys of one kill-list entry in strategy_kill_list.yaml (seed 004), snake_case -> columns.ts name. */
export const KILL_LIST_KEYS = {
  status: 'status',
  max_drawdown_bps: 'maxDrawdownBps',
  min_hit_rate: 'minHitRate',
  reason: 'reason',
} as const;
