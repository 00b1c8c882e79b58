import { isoFromMs } from '../core/time.js';
import { benchmarkReturnsAt } from './align-benchmark.js';
import { BENCHMARK_FIELDS, benchmarkMetrics, type BenchmarkRecord } from './benchmark-metrics.js';
import { computeMetrics, type MetricsRecord } from './compute-metrics.js';
import type { CurveTimes } from './curve-times.js';
import { drawdownEpisodes } from './drawdown-episodes.js';
import { periodTables, type PeriodTables } from './period-tables.js';
import { returnsFromEquity } from './returns-from-equity.js';
import { tearsheetMetrics, type TearsheetRecord } from './tearsheet-metrics.js';

/** A benchmark's closes (sorted by time, epoch ms) and where they came from. */
export interface BenchmarkCloses {
  readonly symbol: string;
  /** The prices file, as the scenario names it (relative). */
  readonly prices: string;
  readonly tsMs: Float64Array;
  readonly close: Float64Array;
}

/** Every return-series figure of an equity curve: metrics, tear sheet, tables and benchmark-relative figures (null without a benchmark). */
export type EquityMetrics = MetricsRecord &
  Omit<TearsheetRecord, 'notes'> &
  Omit<BenchmarkRecord, 'notes'> &
  PeriodTables & {
    /** The benchmark and how many periods the curve shares with it; null without one. */
    readonly benchmark: { readonly symbol: string; readonly prices: string; readonly n: number } | null;
  };

function noBenchmark(): BenchmarkRecord {
  const out: Record<string, number | null | readonly string[]> = {};
  for (const f of BENCHMARK_FIELDS) out[f] = null;
  out['notes'] = [];
  return out as BenchmarkRecord; // every BENCHMARK_FIELDS key set above
}

/**
 * Returns the figures of an equity curve sampled at `tsMs` that started from `initialCapital`
 * (so the first period, initial capital to equity[0], is counted). Benchmark figures use the
 * periods where the benchmark has a return: its last close at or before both ends of the
 * period (benchmarkReturnsAt), so the first period never counts for them. `times`: the curve
 * times of `tsMs` when already computed (curve-times.ts; the same figures either way).
 */
export function equityMetrics(tsMs: Float64Array, equity: Float64Array, initialCapital: number, periodsPerYear: number, benchmark: BenchmarkCloses | null, times?: CurveTimes): EquityMetrics {
  const curve = new Float64Array(equity.length + 1);
  curve[0] = initialCapital;
  curve.set(equity, 1);
  const returns = returnsFromEquity(curve);
  const rec = computeMetrics(returns, { periodsPerYear });
  const episodes = drawdownEpisodes(returns);
  const { notes: tearNotes, ...tear } = tearsheetMetrics(returns, episodes);
  let bench = noBenchmark();
  let info: EquityMetrics['benchmark'] = null;
  if (benchmark !== null) {
    const b = benchmarkReturnsAt(tsMs, benchmark.tsMs, benchmark.close);
    const shared = returns.filter((_, i) => !Number.isNaN(b[i] as number));
    bench = benchmarkMetrics(shared, b.filter((x) => !Number.isNaN(x)), periodsPerYear);
    info = { symbol: benchmark.symbol, prices: benchmark.prices, n: shared.length };
    const ended = benchmarkEndedNote(tsMs, benchmark.tsMs);
    if (ended !== null) bench = { ...bench, notes: [...bench.notes, ended] };
  }
  const { notes: benchNotes, ...benchValues } = bench;
  return { ...rec, ...tear, ...benchValues, ...periodTables(returns, tsMs, undefined, episodes, times), benchmark: info, notes: [...rec.notes, ...tearNotes, ...benchNotes] };
}

/** Returns the note saying how many of the curve's last periods start at or after the benchmark's last close (left out of its figures), or null when none does. */
function benchmarkEndedNote(tsMs: Float64Array, closeTsMs: Float64Array): string | null {
  const lastCloseMs = closeTsMs[closeTsMs.length - 1];
  if (lastCloseMs === undefined) return null;
  let k = 0;
  for (let i = tsMs.length - 1; i > 0 && (tsMs[i - 1] as number) >= lastCloseMs; i--) k++;
  if (k === 0) return null;
  return `benchmark: its last close (${isoFromMs(lastCloseMs)}) comes before the curve's end (${isoFromMs(tsMs[tsMs.length - 1] as number)}): the last ${k} periods, after it, are left out of the benchmark figures`;
}
