import type { TopLevelSpec } from 'vega-lite';
import { VEGA_LITE_SCHEMA } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** One heatmap cell: facet (the third parameter's value, '' without one), x and y (the two parameters' values), value (the metric aggregated over any further parameters), n (configurations in the cell). */
export type HeatmapCellRow = ChartRow & { readonly facet: string; readonly x: number | string; readonly y: number | string; readonly value: number | null; readonly n: number };

/** What a heatmap shows: axis titles (dotted parameter paths), metric name and whether higher is better (colour direction). */
export interface HeatmapLabels {
  readonly xParam: string;
  readonly yParam: string;
  /** The parameter with one panel per value (the third swept one), or null for a single panel. */
  readonly facetParam: string | null;
  readonly metric: string;
  readonly aggregate: string;
  readonly higherIsBetter: boolean;
  /** Axis orders of the value labels (numbers ascending, as the sweep's values). */
  readonly xOrder: readonly string[];
  readonly yOrder: readonly string[];
  readonly facetOrder: readonly string[];
}

/** Panels per row of a faceted heatmap. */
const FACET_COLUMNS = 4;

/**
 * Returns a heatmap of one metric over two swept parameters, with the value printed in each
 * cell and the colour legend in the cells' format (percent for drawdowns and returns); with a
 * facet parameter, one panel per its value, so a third parameter that separates the results
 * is shown rather than averaged away.
 */
export function sweepHeatmapSpec(cells: readonly HeatmapCellRow[], l: HeatmapLabels): TopLevelSpec {
  const format = l.metric.includes('drawdown') || l.metric.includes('return') ? '.1%' : '.3f';
  const finite = cells.map((c) => c.value).filter((v): v is number => v !== null);
  const mid = finite.length > 0 ? (Math.min(...finite) + Math.max(...finite)) / 2 : 0;
  // Dark text on the light (yellow) end of viridis, white on the dark end.
  const lightEnd = l.higherIsBetter ? `datum.value > ${mid}` : `datum.value < ${mid}`;
  const valueTitle = `${l.aggregate} ${l.metric}`;
  const tooltip = [
    ...(l.facetParam === null ? [] : [{ field: 'facet', type: 'ordinal' as const, title: l.facetParam }]),
    { field: 'x', type: 'ordinal' as const, title: l.xParam },
    { field: 'y', type: 'ordinal' as const, title: l.yParam },
    { field: 'value', type: 'quantitative' as const, title: valueTitle, format },
    { field: 'n', type: 'quantitative' as const, title: 'configurations' },
  ];
  const panel = {
    encoding: {
      x: { field: 'x', type: 'ordinal' as const, title: l.xParam, sort: [...l.xOrder], axis: { labelAngle: 0 } },
      y: { field: 'y', type: 'ordinal' as const, title: l.yParam, sort: [...l.yOrder].reverse() },
    },
    layer: [
      {
        mark: { type: 'rect' as const },
        encoding: {
          color: { field: 'value', type: 'quantitative' as const, title: valueTitle, scale: { scheme: 'viridis', reverse: !l.higherIsBetter }, legend: { format } },
          tooltip,
        },
      },
      {
        mark: { type: 'text' as const, fontSize: 11 },
        encoding: {
          text: { field: 'value', type: 'quantitative' as const, format },
          color: { condition: { test: lightEnd, value: 'black' }, value: 'white' },
        },
      },
    ],
    width: { step: 56 },
    height: { step: 32 },
  };
  const data = { values: cells.map((r) => ({ ...r })) };
  if (l.facetParam === null) return { $schema: VEGA_LITE_SCHEMA, title: `${l.metric} over ${l.xParam} x ${l.yParam}`, data, ...panel };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `${l.metric} over ${l.xParam} x ${l.yParam}, one panel per ${l.facetParam}`,
    data,
    facet: { field: 'facet', type: 'ordinal', title: l.facetParam, sort: [...l.facetOrder] },
    columns: FACET_COLUMNS,
    spec: panel,
  };
}
