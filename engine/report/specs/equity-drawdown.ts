import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import { CHART_HEIGHT, CHART_WIDTH, PANEL_HEIGHT, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** Rows of the equity/drawdown chart: ts (epoch ms), date (UTC label), equity, drawdown (fraction <= 0). */
export type EquityDrawdownRow = ChartRow & { readonly ts: number; readonly date: string; readonly equity: number | null; readonly drawdown: number | null };

/** Returns the run report's equity line over its drawdown area (two panels sharing the time axis); `subtitle` says what the rows leave out (pixelBoundNote). */
export function equityDrawdownSpec(rows: readonly EquityDrawdownRow[], title: string, res: InstantResolution, subtitle?: string): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle === undefined ? title : { text: title, subtitle },
    data: { values: rows.map((r) => ({ ...r })) },
    vconcat: [
      {
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { ...timeX(res), title: null },
          y: { field: 'equity', type: 'quantitative', title: 'equity', scale: { zero: false } },
          tooltip: [
            { field: 'date', type: 'nominal' },
            { field: 'equity', type: 'quantitative', format: ',.0f' },
          ],
        },
      },
      {
        width: CHART_WIDTH,
        height: PANEL_HEIGHT,
        mark: { type: 'area', color: '#c0392b', opacity: 0.6 },
        encoding: {
          x: timeX(res),
          y: { field: 'drawdown', type: 'quantitative', title: 'drawdown', axis: { format: '~%' } },
          tooltip: [
            { field: 'date', type: 'nominal' },
            { field: 'drawdown', type: 'quantitative', format: '.2%' },
          ],
        },
      },
    ],
    resolve: { scale: { x: 'shared' } },
  };
}
