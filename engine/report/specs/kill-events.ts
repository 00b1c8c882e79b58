import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** One kill event: ts (epoch ms), date, kind (agent_retired, agent_killed, class_killed, class_retired), who (agent or class) and why. */
export type KillEventRow = ChartRow & { readonly ts: number; readonly date: string; readonly kind: string; readonly who: string; readonly reason: string };

/** One equity point: ts (epoch ms), equity. */
export type EquityPointRow = ChartRow & { readonly ts: number; readonly equity: number | null };

/** Returns the equity line with one vertical rule per kill event, coloured by kind, with tooltips (date, kind, who, reason). */
export function killEventsSpec(equity: readonly EquityPointRow[], kills: readonly KillEventRow[], title: string): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: equity.map((r) => ({ ...r })) },
        mark: { type: 'line', color: '#4c78a8', strokeWidth: 1.5 },
        encoding: {
          x: timeX(),
          y: { field: 'equity', type: 'quantitative', title: 'equity', scale: { zero: false } },
        },
      },
      {
        data: { values: kills.map((r) => ({ ...r })) },
        mark: { type: 'rule', strokeWidth: 2, opacity: 0.8 },
        encoding: {
          x: timeX(),
          color: { field: 'kind', type: 'nominal', title: 'event', scale: { scheme: 'set1' } },
          tooltip: [
            { field: 'date', type: 'nominal' },
            { field: 'kind', type: 'nominal' },
            { field: 'who', type: 'nominal' },
            { field: 'reason', type: 'nominal' },
          ],
        },
      },
    ],
  };
}
