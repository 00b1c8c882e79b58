import { distinctParamValues, type SweepParamColumn } from '../sweep-table.js';
import { groupStats, type GroupStats } from './group-stats.js';

/** One heatmap cell: the facet, x and y parameter values and the metric's stats over the rows there. */
export interface HeatmapCell {
  /** The facet parameter's value (null without a facet parameter, or for rows where it is absent). */
  readonly facet: number | string | null;
  readonly x: number | string | null;
  readonly y: number | string | null;
  readonly stats: GroupStats;
}

/**
 * Returns one cell per (facet value, x value, y value) that has rows, the metric aggregated
 * over the remaining parameters' values; cells in facet, then x, then y order (numbers
 * ascending). Without `facet`, every cell has facet null.
 */
export function heatmapCells(x: SweepParamColumn, y: SweepParamColumn, metric: Float64Array, facet?: SweepParamColumn): HeatmapCell[] {
  const xs = distinctParamValues(x.values);
  const ys = distinctParamValues(y.values);
  const fs = facet === undefined ? [null] : distinctParamValues(facet.values);
  const cells: HeatmapCell[] = [];
  for (const fv of fs) {
    for (const xv of xs) {
      for (const yv of ys) {
        const rows: number[] = [];
        for (let i = 0; i < metric.length; i++) {
          if (x.values[i] === xv && y.values[i] === yv && (facet === undefined || facet.values[i] === fv)) rows.push(i);
        }
        if (rows.length > 0) cells.push({ facet: fv, x: xv, y: yv, stats: groupStats(metric, rows) });
      }
    }
  }
  return cells;
}
