import { instantResolution, isoInstant, type InstantResolution } from '../core/instant-resolution.js';
import { drawdownEpisodes, worstDrawdowns, type DrawdownEpisode } from './drawdown-episodes.js';
import { periodReturns, type PeriodReturn } from './period-returns.js';
import type { CurveTimes } from './curve-times.js';

/** One row of the drawdown table (PerformanceAnalytics `table.Drawdowns`), dates as UTC ISO 8601 at the series' resolution (instant-resolution.ts): YYYY-MM-DD when every time is 00:00, else with THH:MMZ (or :SS, .sss). */
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

/** Returns a drawdown episode as a table row, its indices turned into the dates of those periods at `res` (the whole series'). */
export function drawdownRow(e: DrawdownEpisode, tsMs: Float64Array, res: InstantResolution = instantResolution(tsMs)): DrawdownRow {
  const at = (i: number): string => isoInstant(tsMs[i] as number, res);
  return { from: at(e.fromIndex), trough: at(e.troughIndex), to: e.toIndex === null ? null : at(e.toIndex), depth: e.depth, length: e.length, to_trough: e.toTrough, recovery: e.recovery };
}

/** Returns the episodes as table rows, every date at the one resolution the series needs. */
function drawdownRows(episodes: readonly DrawdownEpisode[], tsMs: Float64Array): DrawdownRow[] {
  if (episodes.length === 0) return [];
  const res = instantResolution(tsMs);
  return episodes.map((e) => drawdownRow(e, tsMs, res));
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
    drawdowns: drawdownRows(worstDrawdowns(episodes, top), tsMs),
  };
}
