import type { TopLevelSpec } from 'vega-lite';
import { VEGA_LITE_SCHEMA } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** One heatmap cell: x and y (the two parameters' values), value (the metric aggregated over the other parameters), n (configurations in the cell). */
export type HeatmapCellRow = ChartRow & { readonly x: number | string; readonly y: number | string; readonly value: number | null; readonly n: number };

/** What a heatmap shows: axis titles (dotted parameter paths), metric name and whether higher is better (colour direction). */
export interface HeatmapLabels {
  readonly xParam: string;
  readonly yParam: string;
  readonly metric: string;
  readonly aggregate: string;
  readonly higherIsBetter: boolean;
  /** Axis orders of the value labels (numbers ascending, as the sweep's values). */
  readonly xOrder: readonly string[];
  readonly yOrder: readonly string[];
}

/** Returns a heatmap of one metric over two swept parameters, with the value printed in each cell. */
export function sweepHeatmapSpec(cells: readonly HeatmapCellRow[], l: HeatmapLabels): TopLevelSpec {
  const format = l.metric.includes('drawdown') || l.metric.includes('return') ? '.1%' : '.3f';
  const finite = cells.map((c) => c.value).filter((v): v is number => v !== null);
  const mid = finite.length > 0 ? (Math.min(...finite) + Math.max(...finite)) / 2 : 0;
  // Dark text on the light (yellow) end of viridis, white on the dark end.
  const lightEnd = l.higherIsBetter ? `datum.value > ${mid}` : `datum.value < ${mid}`;
  const valueTitle = `${l.aggregate} ${l.metric}`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `${l.metric} over ${l.xParam} x ${l.yParam}`,
    data: { values: cells.map((r) => ({ ...r })) },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: l.xParam, sort: [...l.xOrder], axis: { labelAngle: 0 } },
      y: { field: 'y', type: 'ordinal', title: l.yParam, sort: [...l.yOrder].reverse() },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: { field: 'value', type: 'quantitative', title: valueTitle, scale: { scheme: 'viridis', reverse: !l.higherIsBetter } },
          tooltip: [
            { field: 'x', type: 'ordinal', title: l.xParam },
            { field: 'y', type: 'ordinal', title: l.yParam },
            { field: 'value', type: 'quantitative', title: valueTitle, format },
            { field: 'n', type: 'quantitative', title: 'configurations' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'value', type: 'quantitative', format },
          color: { condition: { test: lightEnd, value: 'black' }, value: 'white' },
        },
      },
    ],
    width: { step: 56 },
    height: { step: 32 },
  };
}
