import { BENCHMARK_FIELDS, type BenchmarkField, type BenchmarkRecord } from '../metrics/benchmark-metrics.js';
import { METRIC_FIELDS, type MetricField, type MetricsRecord } from '../metrics/compute-metrics.js';
import type { DrawdownDetail } from '../metrics/max-drawdown.js';
import type { PeriodTables } from '../metrics/period-tables.js';
import { TEARSHEET_FIELDS, type TearsheetField, type TearsheetRecord } from '../metrics/tearsheet-metrics.js';
import { pyRound } from '../core/py-round.js';
import { instantResolution, isoInstant } from '../core/instant-resolution.js';

/** One column's metrics plus what the human table shows about its drawdown. */
export interface ColumnMetrics {
  readonly name: string;
  readonly record: MetricsRecord;
  readonly tearsheet: TearsheetRecord;
  readonly tables: PeriodTables;
  /** Figures against the --benchmark column over the periods both have (n of them); null without one. */
  readonly benchmark: { readonly n: number; readonly record: BenchmarkRecord } | null;
  readonly drawdown: DrawdownDetail;
  readonly tsMs: Float64Array;
}

/** Returns the JSON key of a field: var_95/cvar_95 renamed var_<100 × level> when level ≠ 0.95 (97.5 → var_97_5). */
export function jsonKey(field: MetricField, level: number): string {
  if ((field !== 'var_95' && field !== 'cvar_95') || level === 0.95) return field;
  const pct = String(pyRound(level * 100, 10)).replace('.', '_');
  return field === 'var_95' ? `var_${pct}` : `cvar_${pct}`;
}

/**
 * Returns the `bt metrics --json` document: {"periods_per_year", ["benchmark",] "columns": {name:
 * {metrics..., tear-sheet figures, [benchmark figures, "benchmark_n",] "monthly_returns",
 * "yearly_returns", "drawdowns", "notes"}}}, keys in that order (docs/metrics.md).
 */
export function metricsJson(periodsPerYear: number, columns: readonly ColumnMetrics[], level: number, benchmark: string | null = null): string {
  const cols: Record<string, Record<string, unknown>> = {};
  for (const c of columns) {
    const rec: Record<string, unknown> = {};
    for (const f of METRIC_FIELDS) rec[jsonKey(f, level)] = c.record[f];
    for (const f of TEARSHEET_FIELDS) rec[f] = c.tearsheet[f];
    if (c.benchmark !== null) {
      for (const f of BENCHMARK_FIELDS) rec[f] = c.benchmark.record[f];
      rec['benchmark_n'] = c.benchmark.n;
    }
    rec['monthly_returns'] = c.tables.monthly_returns;
    rec['yearly_returns'] = c.tables.yearly_returns;
    rec['drawdowns'] = c.tables.drawdowns;
    rec['notes'] = [...c.record.notes, ...c.tearsheet.notes, ...(c.benchmark?.record.notes ?? [])];
    cols[c.name] = rec;
  }
  const doc = benchmark === null ? { periods_per_year: periodsPerYear, columns: cols } : { periods_per_year: periodsPerYear, benchmark, columns: cols };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const LABELS: Readonly<Record<MetricField, string>> = {
  n: 'periods',
  total_return: 'total return',
  annualized_return: 'annualized return (geometric)',
  annualized_volatility: 'annualized volatility',
  sharpe: 'Sharpe (annualized, arithmetic)',
  sortino: 'Sortino (annualized)',
  max_drawdown: 'max drawdown',
  calmar: 'Calmar',
  var_95: 'VaR (historical)',
  cvar_95: 'CVaR / ES (historical)',
  skewness: 'skewness',
  excess_kurtosis: 'excess kurtosis',
  hit_rate: 'hit rate',
  best: 'best period',
  worst: 'worst period',
};

const EXTRA_LABELS: Readonly<Record<TearsheetField | BenchmarkField, string>> = {
  omega: 'Omega (threshold 0)',
  ulcer_index: 'Ulcer index',
  tail_ratio: 'tail ratio (95% / 5% quantile)',
  longest_drawdown_periods: 'longest drawdown, peak to recovery (periods)',
  beta: 'beta',
  alpha: 'alpha (per period)',
  alpha_annualized: 'alpha (annualized)',
  tracking_error: 'tracking error (annualized)',
  information_ratio: 'information ratio',
  up_capture: 'up capture',
  down_capture: 'down capture',
  correlation: 'correlation',
};

function formatValue(v: number | null): string {
  if (v === null) return 'n/a';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  return v.toPrecision(6);
}

/** Returns the human-readable table of one column (metric, value; drawdown dates; notes). */
export function metricsTable(c: ColumnMetrics, periodsPerYear: number, level: number): string {
  // every date at the one resolution the series needs (an hourly series' midnight with its time too)
  const res = instantResolution(c.tsMs);
  const when = (i: number | null): string => (i === null ? 'n/a' : i < 0 ? 'series start' : isoInstant(c.tsMs[i] as number, res));
  const span = c.tsMs.length > 0 ? `, ${isoInstant(c.tsMs[0] as number, res)} to ${isoInstant(c.tsMs[c.tsMs.length - 1] as number, res)}` : '';
  const rows: [string, string][] = [];
  for (const f of METRIC_FIELDS) {
    const label = f === 'var_95' || f === 'cvar_95' ? `${LABELS[f]} at ${pyRound(level * 100, 10)}%` : LABELS[f];
    rows.push([label, formatValue(c.record[f])]);
  }
  const d = c.drawdown;
  if (d.troughIndex !== null) {
    rows.push(['  drawdown peak', when(d.peakIndex)]);
    rows.push(['  drawdown start', when(d.startIndex)]);
    rows.push(['  drawdown trough', when(d.troughIndex)]);
    rows.push(['  drawdown recovery', d.recoveryIndex === null ? 'not recovered' : when(d.recoveryIndex)]);
  }
  rows.push(['longest drawdown, under water (periods)', String(d.longestDurationPeriods)]);
  for (const f of TEARSHEET_FIELDS) rows.push([EXTRA_LABELS[f], formatValue(c.tearsheet[f])]);
  if (c.benchmark !== null) for (const f of BENCHMARK_FIELDS) rows.push([`${EXTRA_LABELS[f]} vs benchmark`, formatValue(c.benchmark.record[f])]);
  for (const [year, r] of Object.entries(c.tables.yearly_returns)) rows.push([`  return ${year}`, formatValue(r)]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [`${c.name} (${c.record.n} periods${span}; ${periodsPerYear} periods a year)`];
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(width)}  ${v}`);
  for (const note of [...c.record.notes, ...c.tearsheet.notes, ...(c.benchmark?.record.notes ?? [])]) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}
