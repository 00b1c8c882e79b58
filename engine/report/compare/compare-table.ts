import { BENCHMARK_FIELDS } from '../../metrics/benchmark-metrics.js';
import { TEARSHEET_FIELDS } from '../../metrics/tearsheet-metrics.js';
import { formatMetric } from '../format-metric.js';
import type { HtmlTable } from '../html.js';
import type { PairedSharpeDiff } from './sharpe-diff-interval.js';
import { RANKABLE_METRICS } from './rankable-metrics.js';

/**
 * The metrics a comparison shows, in column order (metrics.json names): the traded turnover beside
 * the targets' (a run folder from before metrics.json had it shows n/a, JSON null, never 0).
 */
export const COMPARE_METRICS = ['total_return', 'annualized_return', 'sharpe', 'sortino', 'max_drawdown', 'cvar_95', 'calmar', 'turnover_annualized', 'turnover_traded_annualized', 'n_kills'] as const;

/** Tear-sheet and benchmark-relative figures each compared run also carries (null without a benchmark). */
export const COMPARE_TEARSHEET_METRICS = [...TEARSHEET_FIELDS, ...BENCHMARK_FIELDS] as const;

export { RANKABLE_METRICS } from './rankable-metrics.js';

/** One compared run: its label (folder or variant), metrics (metrics.json fields) and Sharpe difference against the first (null for the first). */
export interface CompareEntry {
  readonly label: string;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly sharpeDiff: PairedSharpeDiff | null;
}

/** One ranked row of the comparison (what --json prints per run). */
export interface CompareRowOut {
  readonly rank: number;
  readonly run: string;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly sharpe_diff_vs_first: PairedSharpeDiff | null;
}

function num(m: Readonly<Record<string, unknown>>, k: string): number | null {
  const v = m[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Returns the entries ranked by `rankBy` (best first; undefined values last; ties keep input order), each with its COMPARE_METRICS values, the tear-sheet figures and its periods_per_year (what its annualized and one-period figures are in). */
export function rankCompare(entries: readonly CompareEntry[], rankBy: string): CompareRowOut[] {
  const dir = RANKABLE_METRICS[rankBy] ?? 'higher';
  const key = (e: CompareEntry): number => {
    const v = num(e.metrics, rankBy);
    return v === null ? -Infinity : dir === 'higher' ? v : -v;
  };
  const order = entries.map((e, i) => ({ e, i })).sort((x, y) => key(y.e) - key(x.e) || x.i - y.i);
  return order.map(({ e }, r) => {
    const metrics: Record<string, number | null> = {};
    for (const k of new Set<string>([...COMPARE_METRICS, rankBy, ...COMPARE_TEARSHEET_METRICS, 'periods_per_year'])) metrics[k] = num(e.metrics, k);
    return { rank: r + 1, run: e.label, metrics, sharpe_diff_vs_first: e.sharpeDiff };
  });
}

function fmtDiff(d: PairedSharpeDiff | null): string {
  if (d === null) return '(baseline)';
  const f = (x: number | null): string => (x === null ? 'n/a' : `${x >= 0 ? '+' : ''}${x.toFixed(3)}`);
  return `${f(d.estimate)} [${f(d.low)}, ${f(d.high)}]`;
}

/** Returns the side-by-side table: rank, run, the COMPARE_METRICS (and the ranking metric when it is not one of them) and the Sharpe difference vs the first run with its interval. */
export function compareTable(rows: readonly CompareRowOut[], first: string, level: number, rankBy: string): HtmlTable {
  const shown: readonly string[] = (COMPARE_METRICS as readonly string[]).includes(rankBy) ? COMPARE_METRICS : [...COMPARE_METRICS, rankBy];
  return {
    caption: `Ranked by ${rankBy} (${RANKABLE_METRICS[rankBy] ?? 'higher'} first)`,
    columns: ['rank', 'run', ...shown, `Sharpe diff vs ${first} [${Math.round(level * 100)}% CI]`],
    rows: rows.map((r) => [String(r.rank), r.run, ...shown.map((k) => formatMetric(k, r.metrics[k] ?? null)), fmtDiff(r.sharpe_diff_vs_first)]),
  };
}

/** Returns the tear-sheet table: each run's Omega, Ulcer index, tail ratio, longest drawdown and, when any run has a benchmark, its benchmark-relative figures. */
export function tearsheetTable(rows: readonly CompareRowOut[]): HtmlTable {
  const withBenchmark = rows.some((r) => r.metrics['beta'] !== null && r.metrics['beta'] !== undefined);
  const cols = withBenchmark ? COMPARE_TEARSHEET_METRICS : TEARSHEET_FIELDS;
  return {
    // the column names are metrics.json's: say which figures are one period's and which annualized
    caption: withBenchmark
      ? "Tear sheet and benchmark-relative figures (docs/metrics.md): longest drawdown in periods; alpha one period's, alpha_annualized and tracking_error annualized, up and down capture over the whole run (PA's cumulative ratios)"
      : 'Tear sheet (docs/metrics.md): longest drawdown in periods',
    columns: ['run', ...cols],
    rows: rows.map((r) => [r.run, ...cols.map((k) => formatMetric(k, r.metrics[k] ?? null))]),
  };
}
