import { isoDateFromMs } from '../core/time.js';
import { drawdownEpisodes, worstDrawdowns, type DrawdownEpisode } from './drawdown-episodes.js';
import { periodReturns, type PeriodReturn } from './period-returns.js';
import type { CurveTimes } from './curve-times.js';

/** One row of the drawdown table (PerformanceAnalytics `table.Drawdowns`), dates as UTC YYYY-MM-DD. */
export interface DrawdownRow {
  readonly from: string;
  readonly trough: string;
  /** Null while the drawdown is open at the end of the series. */
  readonly to: string | null;
  /** A fraction < 0. */
  readonly depth: number;
  readonly length: number;
  readonly to_trough: number;
  readonly recovery: number | null;
}

/** Period tables of one return series: compounded calendar returns and the worst drawdowns. */
export interface PeriodTables {
  /** Keyed YYYY-MM (UTC), in time order. */
  readonly monthly_returns: Readonly<Record<string, number>>;
  /** Keyed YYYY (UTC), in time order. */
  readonly yearly_returns: Readonly<Record<string, number>>;
  /** The worst `top` episodes, deepest first. */
  readonly drawdowns: readonly DrawdownRow[];
}

/** How many drawdown episodes the tables keep (PerformanceAnalytics `table.Drawdowns(top = 5)`). */
export const TOP_DRAWDOWNS = 5;

function keyed(rows: readonly PeriodReturn[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) if (Number.isFinite(r.value)) out[r.key] = r.value;
  return out;
}

/** Returns a drawdown episode as a table row, its indices turned into the dates of those periods. */
export function drawdownRow(e: DrawdownEpisode, tsMs: Float64Array): DrawdownRow {
  const at = (i: number): string => isoDateFromMs(tsMs[i] as number);
  return { from: at(e.fromIndex), trough: at(e.troughIndex), to: e.toIndex === null ? null : at(e.toIndex), depth: e.depth, length: e.length, to_trough: e.toTrough, recovery: e.recovery };
}

/**
 * Returns the monthly and yearly returns and the `top` worst drawdowns of a return series whose
 * period i ends at `tsMs[i]` (epoch ms). `episodes` may be passed when already computed, and
 * `times` (curve-times.ts) when the calendar of these times is (its tsMs equal to `tsMs`, as
 * long as `returns`).
 */
export function periodTables(returns: Float64Array, tsMs: Float64Array, top = TOP_DRAWDOWNS, episodes: readonly DrawdownEpisode[] = drawdownEpisodes(returns), times?: CurveTimes): PeriodTables {
  return {
    monthly_returns: keyed(periodReturns(returns, tsMs, 'month', times?.month)),
    yearly_returns: keyed(periodReturns(returns, tsMs, 'year', times?.year)),
    drawdowns: worstDrawdowns(episodes, top).map((e) => drawdownRow(e, tsMs)),
  };
}
