import type { TopLevelSpec } from 'vega-lite';
import { VEGA_LITE_SCHEMA } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** One (parameter, value) group: param (dotted path), value (as text), order (sort key within the parameter), mean/min/max of the metric, n configurations. */
export type SensitivityRow = ChartRow & {
  readonly param: string;
  readonly value: string;
  readonly order: number;
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly n: number;
};

/** Returns one small panel per swept parameter: the metric's mean (line and points) and min-max range (rule) at each of its values. */
export function sweepSensitivitySpec(rows: readonly SensitivityRow[], metric: string): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Sensitivity of ${metric} to each parameter (mean, and min-max over the other parameters)`,
    data: { values: rows.map((r) => ({ ...r })) },
    facet: { field: 'param', type: 'nominal', title: null, sort: 'ascending' },
    columns: 3,
    spec: {
      width: 220,
      height: 160,
      encoding: {
        x: { field: 'value', type: 'ordinal', title: null, sort: { field: 'order', op: 'min' } },
      },
      layer: [
        {
          mark: { type: 'rule', color: '#9ea3a8', strokeWidth: 2 },
          encoding: { y: { field: 'min', type: 'quantitative', title: metric, scale: { zero: false } }, y2: { field: 'max' } },
        },
        {
          mark: { type: 'line', color: '#4c78a8', point: true },
          encoding: {
            y: { field: 'mean', type: 'quantitative', title: metric },
            tooltip: [
              { field: 'param', type: 'nominal' },
              { field: 'value', type: 'nominal' },
              { field: 'mean', type: 'quantitative', format: '.3f' },
              { field: 'min', type: 'quantitative', format: '.3f' },
              { field: 'max', type: 'quantitative', format: '.3f' },
              { field: 'n', type: 'quantitative', title: 'configurations' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
}
