import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** One rolling Sharpe point: ts (epoch ms), date, sharpe (annualized, trailing window). */
export type RollingSharpeRow = ChartRow & { readonly ts: number; readonly date: string; readonly sharpe: number | null };

/** Returns the rolling Sharpe line with a zero rule; `windowPeriods` names the trailing window in the title, `subtitle` what the rows leave out (pixelBoundNote). */
export function rollingSharpeSpec(rows: readonly RollingSharpeRow[], windowPeriods: number, res: InstantResolution, subtitle?: readonly string[]): TopLevelSpec {
  const title = `Rolling Sharpe (trailing ${windowPeriods} periods, annualized)`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle === undefined ? title : { text: title, subtitle: [...subtitle] },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: rows.map((r) => ({ ...r })) },
        mark: { type: 'line', color: '#59a14f', strokeWidth: 1.5 },
        encoding: {
          x: timeX(res),
          y: { field: 'sharpe', type: 'quantitative', title: 'Sharpe' },
          tooltip: [
            { field: 'date', type: 'nominal' },
            { field: 'sharpe', type: 'quantitative', format: '.3f' },
          ],
        },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#888', strokeDash: [4, 4] },
        encoding: { y: { field: 'zero', type: 'quantitative' } },
      },
    ],
  };
}
