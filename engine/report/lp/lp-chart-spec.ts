import type { TopLevelSpec } from 'vega-lite';
import type { GovernanceInput } from '../../governance/governance-input.js';
import { MS } from '../../core/time.js';
import { chartNumber } from '../series/chart-number.js';
import { instantLabel, type InstantResolution } from '../../core/instant-resolution.js';
import { deepestDrawdownIndices, drawdownSeries } from '../series/drawdown-series.js';
import { pixelBoundedIndices } from '../series/pixel-column-extremes.js';
import { CHART_WIDTH } from '../specs/chart-defaults.js';
import { pixelBoundNote } from '../specs/bounded-chart-notes.js';
import { equityDrawdownSpec, type EquityDrawdownRow } from '../specs/equity-drawdown.js';
import type { IsoWeek } from './iso-week.js';

/**
 * Weeks the LP weekly chart spans: the reported week and the 12 before it, a quarter. Over the
 * whole run a week of a 10-year run was 1.4 px of the 720 px chart, the week the page reports
 * unreadable; the run to date is in the page's "since the start" table.
 */
export const LP_CHART_WEEKS = 13;

/** Fewest equity points the LP weekly chart draws (from the run's start if fewer): 13 weeks of a monthly run are 3 points, no curve; 26 months draw one. */
export const LP_CHART_MIN_POINTS = 26;

/**
 * Returns the LP weekly chart: the run report's equity over drawdown (engine/report/specs) over
 * the LP_CHART_WEEKS ISO weeks to `week`'s end (LP_CHART_MIN_POINTS equity points if those are
 * fewer; from the run's start if later), the reported
 * week shaded, the drawdown from the running peak since the run's start (a window does not reset
 * it), at most the chart's pixel bound of points (pixelBoundedIndices); dates at `res`: the whole
 * run's (instantResolution of its equity times), so every week's chart prints dates alike.
 */
export function lpChartSpec(input: GovernanceInput, week: IsoWeek, title: string, res: InstantResolution): TopLevelSpec {
  const { tsMs, equity } = input.equity;
  let n = 0;
  while (n < tsMs.length && (tsMs[n] as number) < week.endMs) n++;
  const fromMs = week.endMs - LP_CHART_WEEKS * 7 * MS.day;
  let first = 0;
  while (first < n && (tsMs[first] as number) < fromMs) first++;
  first = Math.max(0, Math.min(first, n - LP_CHART_MIN_POINTS));
  // the drawdown over the whole run to the week's end, then cut to the window
  const ddAll = drawdownSeries(equity.subarray(0, n), input.initialEquity);
  const ts = tsMs.subarray(first, n);
  const eq = equity.subarray(first, n);
  const dd = ddAll.subarray(first, n);
  const idx = pixelBoundedIndices(ts, [eq, dd], CHART_WIDTH, deepestDrawdownIndices(dd));
  const rows: EquityDrawdownRow[] = Array.from(idx, (i) => ({ ts: ts[i] as number, date: instantLabel(ts[i] as number, res), equity: chartNumber(eq[i] as number), drawdown: chartNumber(dd[i] as number) }));
  const cut = first > 0;
  const windowNote = cut
    ? [`${instantLabel(ts[0] as number, res)} to ${week.label} (shaded): ${LP_CHART_WEEKS} weeks, or ${LP_CHART_MIN_POINTS} equity points if fewer`, `drawdown from the run's peak; the run since ${instantLabel(tsMs[0] as number, res)} is in the tables`]
    : [`the run to ${week.label} (shaded)`];
  const bound = pixelBoundNote(idx.length, ts.length, 'equity points', 'equity.arrow');
  const shadeFromMs = Math.max(week.startMs, (ts[0] as number | undefined) ?? week.startMs);
  return equityDrawdownSpec(rows, title, res, [...windowNote, ...(bound ?? [])], { fromMs: shadeFromMs, toMs: week.endMs, label: week.label });
}
