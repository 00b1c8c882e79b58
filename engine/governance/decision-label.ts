import type { DecisionKind, DecisionStats } from './governance-input.js';

/** The seeds' decision word for each decision kind (seed 004: PROMOTE / RETIRE / KILL; classes prefixed). */
export const DECISION_LABEL: Readonly<Record<DecisionKind, string>> = {
  agent_promoted: 'PROMOTE',
  agent_retired: 'RETIRE',
  agent_killed: 'KILL',
  class_retired: 'CLASS_RETIRE',
  class_killed: 'CLASS_KILL',
};

/** The statistics a decision line shows, in order. */
export const STAT_KEYS = ['pnl_sum_bps', 'hit_rate', 'error_rate', 'avg_abs_error_bps', 'avg_pnl_error_bps', 'max_drawdown_bps', 'n_outcomes'] as const;

/** Returns one statistic as text: bps to 0.1, counts whole, rates to 3 decimals. */
export function formatStat(key: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  if (key.endsWith('_bps')) return v.toFixed(1);
  if (key.startsWith('n_')) return String(Math.round(v));
  return v.toFixed(3);
}

/** Returns 'pnl_sum_bps -8679.2, hit_rate 0.381, ...' for the statistics present, or '' when none were recorded. */
export function statsText(stats: DecisionStats | null): string {
  if (stats === null) return '';
  return STAT_KEYS.filter((k) => k in stats).map((k) => `${k} ${formatStat(k, stats[k])}`).join(', ');
}
