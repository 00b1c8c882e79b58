import { instantLabel, instantResolution } from '../../core/instant-resolution.js';

/** What a comparability note reads of one compared run: its label, metrics.json fields and equity time stamps. */
export interface ComparedRun {
  readonly label: string;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly curve: { readonly tsMs: Float64Array };
}

/** Returns "a: x, b: y" for the runs' values (every run named, so the reader sees which differ). */
function perRun(runs: readonly ComparedRun[], values: readonly string[]): string {
  return runs.map((r, i) => `${r.label}: ${values[i] ?? ''}`).join(', ');
}

function spanText(tsMs: Float64Array, res: ReturnType<typeof instantResolution>): string {
  const n = tsMs.length;
  return n === 0 ? 'no equity point' : `${instantLabel(tsMs[0] as number, res)} .. ${instantLabel(tsMs[n - 1] as number, res)}`;
}

function benchmarkText(b: unknown): string {
  if (b === null || typeof b !== 'object') return 'none';
  const { symbol, prices } = b as { symbol?: unknown; prices?: unknown };
  return typeof prices === 'string' && prices !== '' ? `${String(symbol)} in ${prices}` : String(symbol);
}

/**
 * Returns a note for each way the compared runs' table figures are not like for like: other
 * spans (each row is over its own, the Sharpe differences over the periods a pair shares, so
 * the interval's estimate is not the table's difference), other periods per year (each
 * annualizes with its own) and two or more different benchmarks (the benchmark-relative figures
 * measure against different series; a run without one shows n/a there). Empty for the variants
 * of one scenario. The comparison still runs: runs of other spans or calendars are worth
 * comparing, but the reader (and a script: compare.json `notes`) is told rather than left to
 * infer it from the figures.
 */
export function comparabilityNotes(runs: readonly ComparedRun[]): string[] {
  const notes: string[] = [];
  const res = instantResolution(...runs.map((r) => r.curve.tsMs));
  const spans = runs.map((r) => spanText(r.curve.tsMs, res));
  if (new Set(spans).size > 1) {
    notes.push(`the runs cover different spans (equity points ${perRun(runs, spans)}): each row's figures are over its own span; a Sharpe difference and its interval are over the periods the pair shares (its aligned periods), so they need not equal the difference of the table's Sharpe ratios`);
  }
  const ppy = runs.map((r) => String(r.metrics['periods_per_year'] ?? 'unrecorded'));
  if (new Set(ppy).size > 1) {
    notes.push(`the runs annualize with different periods per year (${perRun(runs, ppy)}): each annualized figure uses its own run's count, and cvar_95 and alpha are returns of one period of different lengths`);
  }
  // a run without a benchmark shows n/a there, which says so itself: only two different ones mislead
  const benchmarks = runs.map((r) => benchmarkText(r.metrics['benchmark']));
  if (new Set(benchmarks.filter((b) => b !== 'none')).size > 1) {
    notes.push(`the runs are measured against different benchmarks (${perRun(runs, benchmarks)}): beta, alpha, tracking error, information ratio, capture ratios and correlation do not compare across them`);
  }
  return notes;
}

/**
 * Returns the line that says what the table's figures are and in which units (their definitions
 * are in docs/metrics.md): the column headers are metrics.json's names, which do not say that
 * cvar_95 is a one-period return or that the ratios are annualized with a risk-free rate of 0.
 */
export function figuresNote(periodsPerYear: readonly (number | null)[]): string {
  const distinct = [...new Set(periodsPerYear.map((p) => (p === null ? 'unrecorded' : String(p))))];
  const periods = distinct.length === 1 ? `${distinct[0] ?? ''} periods a year` : "each run's periods per year";
  return `Figures (docs/metrics.md), each over its run's own returns: total_return, annualized_return, max_drawdown (positive, from the running peak) and the annualized turnovers (of the targets; as traded by the fills) in %; cvar_95 the mean of the returns below their 5% quantile, a one-period return (${periods}); sharpe, sortino and calmar annualized ratios, risk-free rate and MAR 0; n_kills kills and retirements`;
}
