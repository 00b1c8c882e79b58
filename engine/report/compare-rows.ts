import { chartNumber } from './series/chart-number.js';
import { instantLabel, type InstantResolution } from '../core/instant-resolution.js';
import { drawdownChartIndices, drawdownSeries } from './series/drawdown-series.js';
import type { CompareRow } from './specs/compare-equity.js';

/** One equity curve to overlay: its label, time stamps (epoch ms), equity, and the capital it started from. */
export interface LabelledCurve {
  readonly label: string;
  readonly tsMs: Float64Array;
  readonly equity: Float64Array;
  readonly initialEquity: number;
}

/** Most points kept per overlaid curve. */
export const MAX_POINTS_PER_CURVE = 2000;

/** Returns the overlay rows (ts, date at `res`, run, equity, drawdown) of each curve, downsampled to at most MAX_POINTS_PER_CURVE, curves in the given order. */
export function compareRows(curves: readonly LabelledCurve[], res: InstantResolution): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const c of curves) {
    const dd = drawdownSeries(c.equity, c.initialEquity);
    for (const i of drawdownChartIndices(dd, MAX_POINTS_PER_CURVE)) {
      const ts = c.tsMs[i] as number;
      rows.push({ ts, date: instantLabel(ts, res), run: c.label, equity: chartNumber(c.equity[i] as number), drawdown: chartNumber(dd[i] as number) });
    }
  }
  return rows;
}
