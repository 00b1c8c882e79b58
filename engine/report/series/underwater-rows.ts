import { drawdownEpisodes, worstDrawdowns } from '../../metrics/drawdown-episodes.js';
import { TOP_DRAWDOWNS } from '../../metrics/period-tables.js';
import { chartNumber } from './chart-number.js';
import { instantLabel, type InstantResolution } from '../../core/instant-resolution.js';
import { drawdownChartIndices, drawdownSeries } from './drawdown-series.js';

/** One point of an underwater curve: ts (epoch ms), date, run, drawdown (fraction <= 0). */
export interface UnderwaterRow {
  readonly run: string;
  readonly ts: number;
  readonly date: string;
  readonly drawdown: number | null;
  readonly [key: string]: string | number | null;
}

/** One marked drawdown episode: its rank by depth, where it starts and ends (open: the last point), depth and label. */
export interface EpisodeMark {
  readonly run: string;
  readonly rank: number;
  readonly start: number;
  readonly end: number;
  readonly trough: number;
  readonly depth: number | null;
  readonly label: string;
  readonly period: string;
  readonly [key: string]: string | number | null;
}

/** Returns the underwater curve of an equity curve that started at `initialEquity`, at most `maxPoints` points (an even stride, drawdown-series.ts), dates at `res` (the report's). */
export function underwaterRows(tsMs: Float64Array, equity: Float64Array, initialEquity: number, run: string, maxPoints: number, res: InstantResolution): UnderwaterRow[] {
  const dd = drawdownSeries(equity, initialEquity);
  return underwaterRowsAt(tsMs, dd, drawdownChartIndices(dd, maxPoints), run, res);
}

/** Returns the underwater rows of the drawdown series `dd` at the indices `idx` (ascending), dates at `res`. */
export function underwaterRowsAt(tsMs: Float64Array, dd: Float64Array, idx: Int32Array, run: string, res: InstantResolution): UnderwaterRow[] {
  return Array.from(idx, (i) => ({ run, ts: tsMs[i] as number, date: instantLabel(tsMs[i] as number, res), drawdown: chartNumber(dd[i] as number) }));
}

/**
 * Returns the `top` deepest drawdown episodes of a return series (period i ends at tsMs[i]),
 * as the metrics' `drawdowns` table finds them: from the first period under water to the
 * recovery (or the last period while open), deepest first; dates at `res` (the report's, so two
 * episodes of one day on an hourly run read apart).
 */
export function episodeMarks(returns: Float64Array, tsMs: Float64Array, run: string, res: InstantResolution, top = TOP_DRAWDOWNS): EpisodeMark[] {
  const last = tsMs[tsMs.length - 1] ?? 0;
  return worstDrawdowns(drawdownEpisodes(returns), top).map((e, k) => {
    const start = tsMs[e.fromIndex] as number;
    const end = e.toIndex === null ? last : (tsMs[e.toIndex] as number);
    const pct = `${(e.depth * 100).toFixed(1)}%`;
    return {
      run,
      rank: k + 1,
      start,
      end,
      trough: tsMs[e.troughIndex] as number,
      depth: chartNumber(e.depth),
      label: `#${k + 1} ${pct}`,
      period: `${instantLabel(start, res)} .. ${e.toIndex === null ? 'open' : instantLabel(end, res)}, ${e.length} periods`,
    };
  });
}
