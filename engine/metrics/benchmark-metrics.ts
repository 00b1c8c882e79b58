import { annualizedAlpha, capmFit } from './capm.js';
import { captureRatios } from './capture-ratios.js';
import { coMoments } from './co-moments.js';
import { correlation } from './correlation.js';
import { informationRatio } from './information-ratio.js';
import type { MetricResult } from './metric-result.js';
import { activeReturns, trackingError } from './tracking-error.js';

/** Field names of a BenchmarkRecord, in output order. */
export const BENCHMARK_FIELDS = ['beta', 'alpha', 'alpha_annualized', 'tracking_error', 'information_ratio', 'up_capture', 'down_capture', 'correlation'] as const;

/** One benchmark-relative field name. */
export type BenchmarkField = (typeof BENCHMARK_FIELDS)[number];

/** Benchmark-relative figures of one return series; `notes` say why a value is null. */
export type BenchmarkRecord = { readonly [K in BenchmarkField]: number | null } & { readonly notes: readonly string[] };

/**
 * Returns the benchmark-relative metrics of `returns` against `benchmark`, two simple-return
 * series over the same periods (aligned by the caller), with PerformanceAnalytics' definitions
 * (docs/metrics.md): CAPM beta and alpha (Rf = 0), annualized alpha, tracking error,
 * information ratio, up/down capture (geometric) and correlation.
 */
export function benchmarkMetrics(returns: Float64Array, benchmark: Float64Array, periodsPerYear: number): BenchmarkRecord {
  if (returns.length !== benchmark.length) throw new RangeError(`benchmarkMetrics: ${returns.length} returns but ${benchmark.length} benchmark returns`);
  const m = coMoments(benchmark, returns);
  const fit = capmFit(m);
  const te = trackingError(activeReturns(returns, benchmark), periodsPerYear);
  const capture = captureRatios(returns, benchmark);
  const results: Readonly<Record<BenchmarkField, MetricResult>> = {
    beta: fit.beta,
    alpha: fit.alpha,
    alpha_annualized: annualizedAlpha(fit.alpha, periodsPerYear),
    tracking_error: te,
    information_ratio: informationRatio(returns, benchmark, periodsPerYear, te),
    up_capture: capture.up,
    down_capture: capture.down,
    correlation: correlation(m),
  };
  const out: Record<string, number | null | readonly string[]> = {};
  const notes: string[] = [];
  for (const f of BENCHMARK_FIELDS) {
    const r = results[f];
    out[f] = r.value;
    if (r.note !== undefined) notes.push(`${f}: ${r.note}`);
  }
  out['notes'] = notes;
  return out as BenchmarkRecord; // every BENCHMARK_FIELDS key set above
}
