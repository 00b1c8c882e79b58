import { rankedValue } from './best-config.js';
import type { JournalResult } from './journal.js';

/**
 * Returns each result's rank by `objective` (1 = best: largest when maximizing, smallest when
 * minimizing; equal values ranked by the smaller config id, as bestConfig picks), by config
 * id. Results whose objective is null, or that never traded (never-traded.ts), get no rank.
 */
export function rankConfigs(rows: readonly JournalResult[], objective: string, direction: 'maximize' | 'minimize'): ReadonlyMap<string, number> {
  const scored = rows
    .map((r) => ({ id: r.config_id, v: rankedValue(r, objective) }))
    .filter((x): x is { id: string; v: number } => x.v !== null)
    .sort((a, b) => (direction === 'maximize' ? b.v - a.v : a.v - b.v) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Map(scored.map((x, i) => [x.id, i + 1]));
}
