import { distinctParamValues, type SweepParamColumn } from '../sweep-table.js';
import { groupStats, type GroupStats } from './group-stats.js';

/** One heatmap cell: the x and y parameter values and the metric's stats over the rows there. */
export interface HeatmapCell {
  readonly x: number | string | null;
  readonly y: number | string | null;
  readonly stats: GroupStats;
}

/**
 * Returns one cell per (x value, y value) pair that has rows, the metric aggregated over the
 * other parameters' values; cells in x order, then y order (numbers ascending).
 */
export function heatmapCells(x: SweepParamColumn, y: SweepParamColumn, metric: Float64Array): HeatmapCell[] {
  const xs = distinctParamValues(x.values);
  const ys = distinctParamValues(y.values);
  const cells: HeatmapCell[] = [];
  for (const xv of xs) {
    for (const yv of ys) {
      const rows: number[] = [];
      for (let i = 0; i < metric.length; i++) if (x.values[i] === xv && y.values[i] === yv) rows.push(i);
      if (rows.length > 0) cells.push({ x: xv, y: yv, stats: groupStats(metric, rows) });
    }
  }
  return cells;
}
