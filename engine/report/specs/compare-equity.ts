import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import { CHART_HEIGHT, CHART_WIDTH, PANEL_HEIGHT, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** One point of one compared run: ts (epoch ms), date, run (its label), equity, drawdown (fraction <= 0). */
export type CompareRow = ChartRow & { readonly ts: number; readonly date: string; readonly run: string; readonly equity: number | null; readonly drawdown: number | null };

/** Returns the compare report's overlaid equity lines over overlaid drawdown lines, one colour per run (legend titled `seriesTitle`, in `runOrder`). */
export function compareEquitySpec(rows: readonly CompareRow[], runOrder: readonly string[], res: InstantResolution, seriesTitle = 'run'): TopLevelSpec {
  // labels may be parameter lists (sweep curves): let the legend show them whole
  const color = { field: 'run', type: 'nominal', title: seriesTitle, sort: [...runOrder], scale: { scheme: 'category10' }, legend: { labelLimit: 600 } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: 'Equity and drawdown',
    data: { values: rows.map((r) => ({ ...r })) },
    vconcat: [
      {
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { ...timeX(res), title: null },
          y: { field: 'equity', type: 'quantitative', title: 'equity', scale: { zero: false } },
          color,
          tooltip: [
            { field: 'run', type: 'nominal', title: seriesTitle },
            { field: 'date', type: 'nominal' },
            { field: 'equity', type: 'quantitative', format: ',.0f' },
          ],
        },
      },
      {
        width: CHART_WIDTH,
        height: PANEL_HEIGHT,
        mark: { type: 'line', strokeWidth: 1.2 },
        encoding: {
          x: timeX(res),
          y: { field: 'drawdown', type: 'quantitative', title: 'drawdown', axis: { format: '~%' } },
          color,
          tooltip: [
            { field: 'run', type: 'nominal', title: seriesTitle },
            { field: 'date', type: 'nominal' },
            { field: 'drawdown', type: 'quantitative', format: '.2%' },
          ],
        },
      },
    ],
    resolve: { scale: { x: 'shared' } },
  };
}
