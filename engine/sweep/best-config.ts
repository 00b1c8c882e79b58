import type { JournalResult } from './journal.js';
import { isNeverTraded } from './never-traded.js';

/** Returns a metric of a result as a number, or null when it is missing or not finite. */
export function metricOf(r: JournalResult, field: string): number | null {
  const v = (r.metrics as unknown as Readonly<Record<string, unknown>>)[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Returns the value `objective` ranks a result by: its metric, or null when the metric is undefined or the configuration never traded (isNeverTraded). */
export function rankedValue(r: JournalResult, objective: string): number | null {
  return isNeverTraded(r) ? null : metricOf(r, objective);
}

/**
 * Returns the best result by `objective` (largest when maximizing, smallest when minimizing),
 * ties broken by the smaller config id; results whose objective is null, or that never traded,
 * never win. Null when no result has a value.
 */
export function bestConfig(rows: readonly JournalResult[], objective: string, direction: 'maximize' | 'minimize'): JournalResult | null {
  let best: JournalResult | null = null;
  let bestValue = 0;
  for (const r of rows) {
    const v = rankedValue(r, objective);
    if (v === null) continue;
    const better = best === null || (direction === 'maximize' ? v > bestValue : v < bestValue) || (v === bestValue && r.config_id < best.config_id);
    if (better) {
      best = r;
      bestValue = v;
    }
  }
  return best;
}
