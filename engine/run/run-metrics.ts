import { equityMetrics, type BenchmarkCloses, type EquityMetrics } from '../metrics/equity-metrics.js';
import { inferPeriodsPerYear, type PeriodsInference } from '../metrics/infer-periods-per-year.js';
import { curveTimes, isCurveTimesOf, type CurveTimes } from '../metrics/curve-times.js';
import { toF64 } from '../core/growable.js';
import { costsPaidOf } from '../portfolio/portfolio.js';
import type { RunState } from './state.js';

/** The closes of a run's benchmark (scenario `benchmark`), read by io/read-benchmark.ts. */
export type RunBenchmark = BenchmarkCloses;

/** metrics.json of a run: the equity curve's figures (docs/metrics.md) plus run-level figures. */
export type RunMetrics = EquityMetrics & {
  readonly periods_per_year: number;
  readonly periods_per_year_source: string;
  readonly initial_equity: number;
  readonly final_equity: number;
  /** Sum over rebalances of sum |w_new - w_old| per year (fractions of equity). */
  readonly turnover_annualized: number | null;
  /**
   * Sum over fills of |traded notional| / the equity the fill was sized on, per year (fractions
   * of equity): what the book traded, where turnover_annualized counts the targets' changes.
   */
  readonly turnover_traded_annualized: number | null;
  readonly rebalances: number;
  /** Mean of holdings / equity over the equity curve's points. */
  readonly average_gross_exposure: number | null;
  /** fixed + spread + impact of cost_breakdown, added in that order: the breakdown adds up to it exactly. */
  readonly costs_paid: number;
  /** costs_paid by part (currency units, summed over fills in event order) and the fills the band / minimum skipped. */
  readonly cost_breakdown: CostBreakdown;
  readonly n_kills: number;
  /** With reconcile.expected_model ridge or column only: fits made, and outcomes whose expectation fell back to score-linear. */
  readonly expected_model_fits?: number;
  readonly expected_model_fallbacks?: number;
};

/** metrics.json `cost_breakdown` (docs/metrics.md). */
export interface CostBreakdown {
  readonly fixed: number;
  readonly spread: number;
  readonly impact: number;
  readonly fills_skipped_band: number;
  readonly fills_skipped_minimum: number;
}

/**
 * Returns the run's metrics. Returns are period-to-period changes of the equity curve
 * (one point per price timestamp); periods per year are the scenario's, or inferred from
 * the curve's median spacing (and `periods_per_year_source` says which). `reuse`: what an earlier
 * run over the same times computed of them (MetricsReuse; the same figures either way).
 */
export function runMetrics(st: RunState, initialCapital: number, periodsPerYear: number | null, benchmark: RunBenchmark | null = null, reuse?: MetricsReuse): RunMetrics {
  const ts = toF64(st.out.equityTs);
  const equity = toF64(st.out.equity);
  const times = timesOf(ts, reuse);
  let ppy = periodsPerYear;
  let source = 'scenario metrics.periods_per_year';
  if (ppy === null) {
    const inf = (times.inferred ??= inferPeriodsPerYear(ts));
    ppy = inf.periodsPerYear ?? 252;
    source = inf.periodsPerYear === null ? `default 252 (${inf.reason})` : `inferred: ${inf.reason}`;
  }
  const years = ts.length > 0 ? equity.length / ppy : 0;
  let gross = 0;
  for (let i = 0; i < st.out.gross.length; i++) gross += st.out.gross.data[i] as number;
  const m = equityMetrics(ts, equity, initialCapital, ppy, benchmark, times.curve);
  return {
    ...m,
    notes: [...m.notes, ...costNotes(st)],
    periods_per_year: ppy,
    periods_per_year_source: source,
    initial_equity: initialCapital,
    final_equity: equity.length > 0 ? (equity[equity.length - 1] as number) : initialCapital,
    turnover_annualized: years > 0 ? st.out.turnoverWeights / years : null,
    turnover_traded_annualized: years > 0 ? st.portfolio.turnoverTraded / years : null,
    rebalances: st.out.rebalances,
    average_gross_exposure: st.out.gross.length > 0 ? gross / st.out.gross.length : null,
    costs_paid: costsPaidOf(st.portfolio),
    cost_breakdown: {
      fixed: st.portfolio.costsFixed,
      spread: st.portfolio.costsSpread,
      impact: st.portfolio.costsImpact,
      fills_skipped_band: st.portfolio.skippedBand,
      fills_skipped_minimum: st.portfolio.skippedMinimum,
    },
    n_kills: st.out.kills.length,
  };
}

/**
 * What runMetrics keeps from one run to the next over the same equity times: the curve's
 * calendar (curve-times.ts) and the periods per year inferred from its times. A sweep's worker
 * holds one (engine/sweep/worker.ts): its configurations are all marked at the same price times
 * (unless time.* is swept), so their calendar is computed once instead of once per
 * configuration. It is used only for times equal to the ones it was computed from, point for
 * point, so no figure depends on it.
 */
export interface MetricsReuse {
  last: ReusedTimes | null;
}

/** The curve times of one series of equity times, and the periods per year inferred from them once asked. */
interface ReusedTimes {
  readonly curve: CurveTimes;
  inferred: PeriodsInference | null;
}

/** Returns an empty MetricsReuse. */
export function newMetricsReuse(): MetricsReuse {
  return { last: null };
}

/** The reused times when `reuse` holds times equal to `ts`, else new ones (kept in `reuse` when given). */
function timesOf(ts: Float64Array, reuse: MetricsReuse | undefined): ReusedTimes {
  const last = reuse?.last ?? null;
  if (last !== null && isCurveTimesOf(last.curve, ts)) return last;
  const fresh: ReusedTimes = { curve: curveTimes(ts), inferred: null };
  if (reuse !== undefined) reuse.last = fresh;
  return fresh;
}

/**
 * Returns the notes on the cost model: cuts of buys for cash (one per buy per close), fills capped at their traded notional,
 * fills without impact for want of a full window of returns, and impact_k set where no bar of
 * its symbols had a volume (the term could not act).
 */
function costNotes(st: RunState): string[] {
  const p = st.portfolio;
  const notes: string[] = [];
  if (p.buysCut > 0) {
    // a cut buy waits and is cut again at its symbol's next close: the counter counts cuts, not buys (a buy has no identity once targets are set again)
    notes.push(`${p.buysCut} times a buy was cut short (or to nothing) at its symbol's close because cash after the close's fills and costs would have gone below 0: the book never borrows. The rest of a cut buy waits for cash at the symbol's later closes, and each close that cuts it again counts once more (README, "How a run works")`);
  }
  if (p.costsCapped > 0) {
    notes.push(`${p.costsCapped} fills cost their whole traded notional: fixed + spread + impact would have passed it and was capped there: a fill never costs more than it trades (the impact term passes the traded notional once k x sigma x sqrt(|traded| / ADV) > 1: a trade far too large for the symbol's volume; docs/metrics.md, costs)`);
  }
  if (p.impactShortWindow > 0) {
    notes.push(`${p.impactShortWindow} fills charged no impact: their symbol had fewer than costs.impact_window (${p.model.impactWindow}) returns in its window, too few for sigma; the prices before time.start fill the window (docs/metrics.md, costs)`);
  }
  if (!p.model.usesImpact) return notes;
  for (let s = 0; s < p.model.impactK.length; s++) if ((p.model.impactK[s] as number) > 0 && (p.trail.nValue[s] as number) > 0) return notes;
  return [...notes, 'costs.impact_k is set but the prices file has no volume for its symbols: no impact was charged'];
}
