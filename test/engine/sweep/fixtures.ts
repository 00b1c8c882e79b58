import type { JournalHeader, JournalResult } from '../../../engine/sweep/journal.js';
import type { RunMetrics } from '../../../engine/run/run-metrics.js';
import { RESULT_METRIC_FIELDS } from '../../../engine/sweep/metric-columns.js';

/** Returns a journal result with the given metrics over a default record (test fixture). */
export function resultOf(id: string, metrics: Partial<Record<string, number | null>>, params: JournalResult['params'] = {}, curve: JournalResult['curve'] = { ts: [1, 2], equity: [101, 102] }): JournalResult {
  const base: Record<string, unknown> = { n: 2, sharpe: 1, max_drawdown: 0.1, periods_per_year: 12, initial_equity: 100, notes: [], periods_per_year_source: 'scenario' };
  return { kind: 'result', config_id: id, params, metrics: { ...base, ...metrics } as unknown as RunMetrics, curve };
}

/** Returns a journal header (test fixture). */
export function headerOf(ids: readonly string[], over: Partial<JournalHeader> = {}): JournalHeader {
  return {
    kind: 'header',
    format: 2,
    sweep: 't',
    sweep_id: 'abc',
    data_sha256: { prices: 'p' },
    params: ['a'],
    objective: 'sharpe',
    direction: 'maximize',
    walk_forward_windows: null,
    base_config_id: null,
    shard: { index: 1, count: 1 },
    n_total: ids.length,
    duplicates: 0,
    config_ids: [...ids],
    ...over,
  };
}

/** Returns a result as a journal holds it (test fixture): every result metric set (null but those given and resultOf's), the swept path `a` set. */
export function journalResultOf(id: string, metrics: Partial<Record<string, number | null>>, params: JournalResult['params'] = { a: 1 }, curve?: JournalResult['curve']): JournalResult {
  const all: Record<string, number | null> = {};
  for (const f of RESULT_METRIC_FIELDS) all[f] = null;
  const r = resultOf(id, { ...all, final_equity: 102, rebalances: 1, costs_paid: 0, n_kills: 0, ...metrics }, params, curve);
  return { ...r, metrics: { ...r.metrics, periods_per_year: 12, initial_equity: 100, ...metrics } };
}
