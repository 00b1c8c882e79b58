import { annualizedReturn } from './annualized-return.js';
import { annualizedVolatility } from './annualized-volatility.js';
import { calmarRatio } from './calmar.js';
import { drawdownDetail, maxDrawdown, type DrawdownDetail, type DrawdownSign } from './max-drawdown.js';
import { hitRate } from './hit-rate.js';
import type { MetricResult } from './metric-result.js';
import { centralMoments, excessKurtosis, skewness } from './moments.js';
import { sharpeRatio } from './sharpe.js';
import { sortinoRatio } from './sortino.js';
import { compoundGrowth, totalReturn } from './total-return.js';
import { tailRisk, type TailConvention } from './var-cvar.js';

/** Options of computeMetrics; rates are per period, as simple returns. */
export interface MetricsOptions {
  /** Periods per year: 252 daily, 12 monthly, 52 weekly, 8760 hourly. */
  readonly periodsPerYear: number;
  /** Risk-free return per period for Sharpe (default 0). */
  readonly riskFreePerPeriod?: number;
  /** Minimum acceptable return per period for Sortino (default 0). */
  readonly mar?: number;
  /** VaR/CVaR confidence level in (0.5, 1) (default 0.95); the record keeps the names var_95/cvar_95. */
  readonly level?: number;
  /** VaR/CVaR convention (default 'performance-analytics'). */
  readonly tail?: TailConvention;
  /** Sign of max_drawdown (default 'positive', as PerformanceAnalytics; 'negative' as empyrical). */
  readonly drawdownSign?: DrawdownSign;
}

/** Field names of a MetricsRecord in output order (the `bt metrics --json` column keys). */
export const METRIC_FIELDS = [
  'n',
  'total_return',
  'annualized_return',
  'annualized_volatility',
  'sharpe',
  'sortino',
  'max_drawdown',
  'calmar',
  'var_95',
  'cvar_95',
  'skewness',
  'excess_kurtosis',
  'hit_rate',
  'best',
  'worst',
] as const;

/** One metric field name. */
export type MetricField = (typeof METRIC_FIELDS)[number];

/** The metrics of one return series: each value a finite number or null, `notes` say why a value is null (or flagged). */
export type MetricsRecord = { readonly [K in MetricField]: number | null } & { readonly notes: readonly string[] };

/** Returns the index of the first NaN or ±Infinity in `returns`, or -1. */
export function findNonFinite(returns: Float64Array): number {
  for (let i = 0; i < returns.length; i++) if (!Number.isFinite(returns[i] as number)) return i;
  return -1;
}

/**
 * Returns every metric of a simple-return series, in the conventions of docs/metrics.md
 * (PerformanceAnalytics by default). Throws RangeError on a non-finite return or bad option;
 * callers holding file rows (the CLI) report those rows themselves first.
 */
export function computeMetrics(returns: Float64Array, opts: MetricsOptions): MetricsRecord {
  const N = opts.periodsPerYear;
  if (!(Number.isFinite(N) && N > 0)) throw new RangeError(`computeMetrics: periodsPerYear must be a finite number > 0, found ${N}`);
  const bad = findNonFinite(returns);
  if (bad >= 0) throw new RangeError(`computeMetrics: returns[${bad}] must be finite, found ${String(returns[bad])}`);
  const n = returns.length;
  if (n === 0) return emptyRecord();
  const m = centralMoments(returns);
  const g = compoundGrowth(returns);
  const dd: DrawdownDetail = drawdownDetail(returns);
  const annual = annualizedReturn(returns, N, g);
  const mdd = maxDrawdown(returns, opts.drawdownSign ?? 'positive', dd);
  const tail = tailRisk(returns, opts.level ?? 0.95, opts.tail ?? 'performance-analytics');
  const results: Readonly<Record<Exclude<MetricField, 'n' | 'best' | 'worst'>, MetricResult>> = {
    total_return: totalReturn(returns, g),
    annualized_return: annual,
    annualized_volatility: annualizedVolatility(returns, N, m),
    sharpe: sharpeRatio(returns, N, opts.riskFreePerPeriod ?? 0, m),
    sortino: sortinoRatio(returns, N, opts.mar ?? 0, m),
    max_drawdown: mdd,
    calmar: calmarRatio(annual, mdd),
    var_95: tail.valueAtRisk,
    cvar_95: tail.conditionalValueAtRisk,
    skewness: skewness(returns, m),
    excess_kurtosis: excessKurtosis(returns, m),
    hit_rate: hitRate(returns),
  };
  const notes: string[] = [];
  const values = new Map<MetricField, number | null>();
  for (const field of METRIC_FIELDS) {
    if (field === 'n') values.set(field, n);
    else if (field === 'best') values.set(field, m.max);
    else if (field === 'worst') values.set(field, m.min);
    else {
      const r = results[field];
      values.set(field, r.value);
      if (r.note !== undefined) notes.push(`${field}: ${r.note}`);
    }
  }
  return buildRecord(values, notes);
}

function emptyRecord(): MetricsRecord {
  const values = new Map<MetricField, number | null>(METRIC_FIELDS.map((f) => [f, f === 'n' ? 0 : null]));
  return buildRecord(values, ['no periods: every metric but n is undefined']);
}

/** Builds the record with keys in METRIC_FIELDS order, then notes. */
function buildRecord(values: ReadonlyMap<MetricField, number | null>, notes: string[]): MetricsRecord {
  const out: Record<string, number | null | readonly string[]> = {};
  for (const f of METRIC_FIELDS) out[f] = values.get(f) ?? null;
  out['notes'] = notes;
  return out as MetricsRecord; // parser-style boundary: every METRIC_FIELDS key set above
}
