import { instantResolution } from '../core/instant-resolution.js';
import { returnsFromEquity } from '../metrics/returns-from-equity.js';
import { compareRows, MAX_POINTS_PER_CURVE, type LabelledCurve } from './compare-rows.js';
import { monthlyCells, yearlyBars } from './series/calendar-rows.js';
import { episodeMarks, underwaterRows } from './series/underwater-rows.js';
import { compareEquitySpec } from './specs/compare-equity.js';
import { monthlyReturnsHeatmapSpec } from './specs/monthly-returns-heatmap.js';
import type { ReportChart } from './specs/report-chart.js';
import { underwaterSpec } from './specs/underwater.js';
import { yearlyReturnsBarsSpec } from './specs/yearly-returns-bars.js';

function returnsOf(c: LabelledCurve): Float64Array {
  const curve = new Float64Array(c.equity.length + 1);
  curve[0] = c.initialEquity;
  curve.set(c.equity, 1);
  return returnsFromEquity(curve);
}

/**
 * Returns the compare report's charts, runs in the given order: overlaid equity and drawdown,
 * underwater curves with each run's worst episode shaded, monthly heatmaps (one panel per run)
 * and yearly returns side by side. Dates at the resolution every run's instants need (one for all).
 */
export function compareCharts(curves: readonly LabelledCurve[]): ReportChart[] {
  const order = curves.map((c) => c.label);
  const returns = curves.map(returnsOf);
  const res = instantResolution(...curves.map((c) => c.tsMs));
  const underwater = curves.flatMap((c) => underwaterRows(c.tsMs, c.equity, c.initialEquity, c.label, MAX_POINTS_PER_CURVE, res));
  const worst = curves.flatMap((c, k) => episodeMarks(returns[k] as Float64Array, c.tsMs, c.label, res, 1));
  return [
    { name: 'compare-equity', title: 'Equity and drawdown', spec: compareEquitySpec(compareRows(curves, res), order, res) },
    { name: 'compare-underwater', title: 'Underwater and worst drawdowns', spec: underwaterSpec(underwater, worst, order, res) },
    { name: 'compare-monthly-returns', title: 'Monthly returns', spec: monthlyReturnsHeatmapSpec(curves.flatMap((c, k) => monthlyCells(returns[k] as Float64Array, c.tsMs, c.label)), order) },
    { name: 'compare-yearly-returns', title: 'Yearly returns', spec: yearlyReturnsBarsSpec(curves.flatMap((c, k) => yearlyBars(returns[k] as Float64Array, c.tsMs, c.label)), order) },
  ];
}
