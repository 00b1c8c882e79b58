import { RESULT_METRIC_FIELDS, RESULT_TEXT_FIELDS } from './metric-columns.js';
import type { JournalHeader } from './journal.js';

/**
 * Shape checks of the records a journal line holds (journal.ts): what the results tables and
 * summary read from them. A line's checksum already says bt wrote it; these catch a line whose
 * checksum was recomputed by hand (or a bug), so a bad record is an error naming its field,
 * never a crash or garbage in results.csv. One pass over each record, its curve included.
 * Nested metric tables (monthly_returns, drawdowns, cost_breakdown) rest on the checksum alone.
 */

/** What is wrong with a record: the field (a dotted path), what it must be and what it is. */
export interface ShapeProblem {
  readonly field: string;
  readonly expected: string;
  readonly found: string;
}

/** RunMetrics fields that are always numbers (run-metrics.ts): the others may be null. */
const NEVER_NULL = new Set(['periods_per_year', 'initial_equity', 'final_equity', 'rebalances', 'costs_paid', 'n_kills']);

/** Returns a short description of a JSON value, for messages. */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}...` : v}'`;
  return String(v);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const problem = (field: string, expected: string, v: unknown): ShapeProblem => ({ field, expected, found: describe(v) });

/** Returns what is wrong with a journal header record, or null. */
export function headerProblem(h: Record<string, unknown>): ShapeProblem | null {
  for (const f of ['sweep', 'sweep_id', 'objective'] as const) if (typeof h[f] !== 'string') return problem(f, 'a string', h[f]);
  if (h['engine_version'] !== undefined && typeof h['engine_version'] !== 'string') return problem('engine_version', 'a string', h['engine_version']);
  if (h['direction'] !== 'maximize' && h['direction'] !== 'minimize') return problem('direction', "'maximize' or 'minimize'", h['direction']);
  const w = h['walk_forward_windows'];
  if (w !== null && !isCount(w)) return problem('walk_forward_windows', 'a whole number or null', w);
  const base = h['base_config_id'];
  if (base !== null && typeof base !== 'string') return problem('base_config_id', 'a config id or null', base);
  for (const f of ['n_total', 'duplicates'] as const) if (!isCount(h[f])) return problem(f, 'a whole number >= 0', h[f]);
  const data = h['data_sha256'];
  if (!isObject(data)) return problem('data_sha256', 'an object of sha256 by role', data);
  for (const [role, sha] of Object.entries(data)) if (typeof sha !== 'string') return problem(`data_sha256.${role}`, 'a sha256', sha);
  const shard = h['shard'];
  if (!isObject(shard)) return problem('shard', 'an object {index, count}', shard);
  const { index, count } = shard;
  if (!isCount(count) || count < 1) return problem('shard.count', 'a whole number >= 1', count);
  if (!isCount(index) || index < 1 || index > count) return problem('shard.index', `a whole number from 1 to ${count}`, index);
  for (const f of ['params', 'config_ids'] as const) {
    const list = h[f];
    if (!Array.isArray(list)) return problem(f, 'an array of strings', list);
    for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return problem(`${f}[${i}]`, 'a string', list[i]);
  }
  return null;
}

/** Returns what is wrong with a result or failure record of the journal headed by `header`, or null; `ids` is its config_ids. */
export function recordProblem(r: unknown, header: JournalHeader, ids: ReadonlySet<string>): ShapeProblem | null {
  if (!isObject(r)) return problem('record', 'a result or failure record (an object)', r);
  const kind = r['kind'];
  if (kind !== 'result' && kind !== 'failure') return problem('kind', "'result' or 'failure'", kind);
  const id = r['config_id'];
  if (typeof id !== 'string' || !ids.has(id)) return problem('config_id', "one of the header's config_ids", id);
  const params = r['params'];
  if (!isObject(params)) return problem('params', 'an object of the swept values', params);
  for (const p of header.params) {
    const v = params[p];
    if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return problem(`params.${p}`, 'the swept value (null when unset)', v);
  }
  if (kind === 'failure') return typeof r['error'] === 'string' ? null : problem('error', 'the error message, a string', r['error']);
  return metricsProblem(r['metrics']) ?? curveProblem(r['curve']);
}

function metricsProblem(m: unknown): ShapeProblem | null {
  if (!isObject(m)) return problem('metrics', 'an object of metrics', m);
  for (const f of RESULT_METRIC_FIELDS) {
    const v = m[f];
    if (typeof v === 'number' ? !Number.isFinite(v) : v !== null || NEVER_NULL.has(f)) return problem(`metrics.${f}`, NEVER_NULL.has(f) ? 'a finite number' : 'a finite number or null', v);
  }
  if (!((m['periods_per_year'] as number) > 0)) return problem('metrics.periods_per_year', 'a number > 0', m['periods_per_year']);
  const [source, notes] = RESULT_TEXT_FIELDS;
  if (typeof m[source] !== 'string') return problem(`metrics.${source}`, 'a string', m[source]);
  const list = m[notes];
  if (!Array.isArray(list)) return problem(`metrics.${notes}`, 'an array of strings', list);
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return problem(`metrics.${notes}[${i}]`, 'a string', list[i]);
  return null;
}

function curveProblem(c: unknown): ShapeProblem | null {
  if (!isObject(c)) return problem('curve', 'an object {ts, equity}', c);
  const { ts, equity } = c;
  if (!Array.isArray(ts)) return problem('curve.ts', 'an array of times (epoch ms)', ts);
  if (!Array.isArray(equity)) return problem('curve.equity', 'an array of equity values', equity);
  if (equity.length !== ts.length) return { field: 'curve.equity', expected: `as many values as curve.ts (${ts.length})`, found: `${equity.length}` };
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as unknown;
    if (typeof t !== 'number' || !Number.isFinite(t)) return problem(`curve.ts[${i}]`, 'a finite number (epoch ms)', t);
    if (t <= prev) return { field: `curve.ts[${i}]`, expected: `a time after curve.ts[${i - 1}] (${prev})`, found: `${t}` };
    prev = t;
    const e = equity[i] as unknown;
    if (typeof e !== 'number' || !Number.isFinite(e)) return problem(`curve.equity[${i}]`, 'a finite number', e);
  }
  return null;
}
