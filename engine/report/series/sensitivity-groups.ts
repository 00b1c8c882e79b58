import { distinctParamValues, type SweepParamColumn } from '../sweep-table.js';
import { groupStats, type GroupStats } from './group-stats.js';

/** The metric's stats at one value of one parameter (over every value of the others). */
export interface SensitivityGroup {
  readonly param: string;
  readonly value: number | string | null;
  /** Position of the value in its parameter's axis order. */
  readonly order: number;
  readonly stats: GroupStats;
}

/** Returns, per parameter (in the given order) and per value (numbers ascending), the metric's mean, min and max over the rows with that value. */
export function sensitivityGroups(params: readonly SweepParamColumn[], metric: Float64Array): SensitivityGroup[] {
  const out: SensitivityGroup[] = [];
  for (const p of params) {
    distinctParamValues(p.values).forEach((v, order) => {
      const rows: number[] = [];
      for (let i = 0; i < metric.length; i++) if (p.values[i] === v) rows.push(i);
      out.push({ param: p.path, value: v, order, stats: groupStats(metric, rows) });
    });
  }
  return out;
}
