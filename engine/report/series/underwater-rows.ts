import { drawdownEpisodes, worstDrawdowns } from '../../metrics/drawdown-episodes.js';
import { TOP_DRAWDOWNS } from '../../metrics/period-tables.js';
import { chartNumber } from './chart-number.js';
import { dateLabel } from './date-label.js';
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

/** Returns the underwater curve of an equity curve that started at `initialEquity`, at most `maxPoints` points. */
export function underwaterRows(tsMs: Float64Array, equity: Float64Array, initialEquity: number, run: string, maxPoints: number): UnderwaterRow[] {
  const dd = drawdownSeries(equity, initialEquity);
  return Array.from(drawdownChartIndices(dd, maxPoints), (i) => ({ run, ts: tsMs[i] as number, date: dateLabel(tsMs[i] as number), drawdown: chartNumber(dd[i] as number) }));
}

/**
 * Returns the `top` deepest drawdown episodes of a return series (period i ends at tsMs[i]),
 * as the metrics' `drawdowns` table finds them: from the first period under water to the
 * recovery (or the last period while open), deepest first.
 */
export function episodeMarks(returns: Float64Array, tsMs: Float64Array, run: string, top = TOP_DRAWDOWNS): EpisodeMark[] {
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
      period: `${dateLabel(start)} .. ${e.toIndex === null ? 'open' : dateLabel(end)}, ${e.length} periods`,
    };
  });
}
