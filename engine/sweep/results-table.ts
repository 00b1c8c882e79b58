import { btKindMetadata, columnsToIpc, type OutColumn } from '../io/arrow-table.js';
import { stableStringify } from '../core/stable-json.js';
import { csvCell, csvNumber } from '../core/csv-cell.js';
import type { ParamValue } from '../scenario/param-spec.js';
import type { JournalFailure, JournalHeader, JournalResult } from './journal.js';
import { RESULT_METRIC_FIELDS, RESULT_TEXT_FIELDS } from './metric-columns.js';
import { rankSweep, type SweepRanking } from './rank-sweep.js';
import { configPsr } from './summary.js';

/** What the results table needs of the sweep: swept paths, objective, its direction, the trial count and id. */
export type SweepTableContext = Pick<JournalHeader, 'params' | 'objective' | 'direction' | 'n_total' | 'sweep_id'>;

/** Columns after the metrics: ranking, noise against the best, overfitting guard, sweep identity and each configuration's outcome. */
export const RESULT_SWEEP_FIELDS = ['rank', 'vs_best', 'sharpe_diff_vs_best_low', 'sharpe_diff_vs_best_high', 'psr', 'n_trials', 'sweep_id', 'status', 'error'] as const;

/** One row of the table: a finished configuration or a failed one. */
type TableRow = JournalResult | JournalFailure;

/** Returns the results sorted by config id (the only row order outputs use). */
export function sortByConfigId<T extends { readonly config_id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.config_id < b.config_id ? -1 : a.config_id > b.config_id ? 1 : 0));
}

function paramText(v: ParamValue | null): string | null {
  if (v === null) return null;
  return typeof v === 'string' ? v : typeof v === 'object' ? stableStringify(v) : String(v);
}

function metricValue(r: TableRow, field: string): number {
  if (r.kind === 'failure') return NaN;
  const v = (r.metrics as unknown as Readonly<Record<string, unknown>>)[field];
  return typeof v === 'number' ? v : NaN;
}

function textValue(r: TableRow, field: string): string | null {
  if (r.kind === 'failure') return null;
  const v = (r.metrics as unknown as Readonly<Record<string, unknown>>)[field];
  if (Array.isArray(v)) return v.join('; ');
  return typeof v === 'string' ? v : null;
}

/**
 * Returns the results table's columns, rows in the given order: config_id, each swept
 * path (float64 when every value is a number, else text), every numeric RunMetrics field
 * (null = NaN; all null for a failed configuration), periods_per_year_source and notes, then
 * rank (by the objective, 1 = best), vs_best and the interval of the Sharpe difference to the
 * best (noise-vs-best.ts), psr (against a Sharpe of 0), n_trials (configurations in the whole
 * sweep, failed ones included), sweep_id, status ('ok' or 'failed') and error. `ranking`:
 * rankSweep of the finished rows (computed here when not given).
 */
export function resultsColumns(rows: readonly TableRow[], ctx: SweepTableContext, ranking?: SweepRanking): OutColumn[] {
  const paths = ctx.params;
  const { ranks, verdicts } = ranking ?? rankSweep(sortByConfigId(rows.filter((r): r is JournalResult => r.kind === 'result')), ctx.objective, ctx.direction);
  const cols: OutColumn[] = [{ name: 'config_id', type: 'utf8', values: rows.map((r) => r.config_id) }];
  for (const p of paths) {
    const vals = rows.map((r) => r.params[p] ?? null);
    if (vals.every((v) => v === null || typeof v === 'number')) cols.push({ name: p, type: 'float64', values: Float64Array.from(vals, (v) => (v === null ? NaN : (v as number))) });
    else cols.push({ name: p, type: 'utf8', values: vals.map(paramText) });
  }
  for (const f of RESULT_METRIC_FIELDS) cols.push({ name: f, type: 'float64', values: Float64Array.from(rows, (r) => metricValue(r, f)) });
  for (const f of RESULT_TEXT_FIELDS) cols.push({ name: f, type: 'utf8', values: rows.map((r) => textValue(r, f)) });
  cols.push({ name: 'rank', type: 'float64', values: Float64Array.from(rows, (r) => ranks.get(r.config_id) ?? NaN) });
  cols.push({ name: 'vs_best', type: 'utf8', values: rows.map((r) => verdicts.get(r.config_id)?.vsBest ?? null) });
  cols.push({ name: 'sharpe_diff_vs_best_low', type: 'float64', values: Float64Array.from(rows, (r) => verdicts.get(r.config_id)?.low ?? NaN) });
  cols.push({ name: 'sharpe_diff_vs_best_high', type: 'float64', values: Float64Array.from(rows, (r) => verdicts.get(r.config_id)?.high ?? NaN) });
  cols.push({ name: 'psr', type: 'float64', values: Float64Array.from(rows, (r) => (r.kind === 'result' ? (configPsr(r) ?? NaN) : NaN)) });
  cols.push({ name: 'n_trials', type: 'float64', values: Float64Array.from(rows, () => ctx.n_total) });
  cols.push({ name: 'sweep_id', type: 'utf8', values: rows.map(() => ctx.sweep_id) });
  cols.push({ name: 'status', type: 'utf8', values: rows.map((r) => (r.kind === 'result' ? 'ok' : 'failed')) });
  cols.push({ name: 'error', type: 'utf8', values: rows.map((r) => (r.kind === 'failure' ? r.error : null)) });
  return cols;
}

/** Returns results.arrow bytes: finished and failed configurations, rows sorted by config id. */
export function resultsArrow(rows: readonly JournalResult[], ctx: SweepTableContext, failures: readonly JournalFailure[] = [], ranking?: SweepRanking): Uint8Array {
  const sorted = sortByConfigId<TableRow>([...rows, ...failures]);
  return columnsToIpc(resultsColumns(sorted, ctx, ranking), sorted.length, btKindMetadata('sweep_results'));
}

/** Returns results.csv text: the same columns; numbers in shortest round-trip form, nulls empty. */
export function resultsCsv(rows: readonly JournalResult[], ctx: SweepTableContext, failures: readonly JournalFailure[] = [], ranking?: SweepRanking): string {
  const sorted = sortByConfigId<TableRow>([...rows, ...failures]);
  const cols = resultsColumns(sorted, ctx, ranking);
  const lines = [cols.map((c) => csvCell(c.name)).join(',')];
  for (let i = 0; i < sorted.length; i++) {
    const cells = cols.map((c) => {
      if (c.type === 'float64') return csvNumber(c.values[i] as number);
      return c.type === 'utf8' ? csvCell(c.values[i] ?? '') : '';
    });
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Returns curves.arrow bytes: long format (config_id, ts, equity), configurations by id, each in time order. */
export function curvesArrow(rows: readonly JournalResult[]): Uint8Array {
  const sorted = sortByConfigId(rows);
  const n = sorted.reduce((s, r) => s + r.curve.ts.length, 0);
  const codes = new Int32Array(n);
  const ts = new Float64Array(n);
  const equity = new Float64Array(n);
  let k = 0;
  sorted.forEach((r, id) => {
    for (let i = 0; i < r.curve.ts.length; i++, k++) {
      codes[k] = id;
      ts[k] = r.curve.ts[i] as number;
      equity[k] = r.curve.equity[i] as number;
    }
  });
  return columnsToIpc(
    [
      { name: 'config_id', type: 'dict', codes, dictionary: sorted.map((r) => r.config_id) },
      { name: 'ts', type: 'timestamp-ms', values: ts },
      { name: 'equity', type: 'float64', values: equity },
    ],
    n,
    btKindMetadata('sweep_curves'),
  );
}
