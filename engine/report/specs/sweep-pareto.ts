import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, VEGA_LITE_SCHEMA } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** One configuration: config_id, params (its parameters as text), sharpe, max_drawdown (fraction), frontier ('Pareto frontier' or 'dominated'). */
export type ParetoRow = ChartRow & { readonly config_id: string; readonly params: string; readonly sharpe: number | null; readonly max_drawdown: number | null; readonly frontier: string };

/** Returns the Sharpe vs max drawdown scatter of a sweep, the Pareto frontier drawn as a highlighted line through its points. */
export function sweepParetoSpec(rows: readonly ParetoRow[]): TopLevelSpec {
  const tooltip = [
    { field: 'config_id', type: 'nominal' },
    { field: 'params', type: 'nominal' },
    { field: 'sharpe', type: 'quantitative', format: '.3f' },
    { field: 'max_drawdown', type: 'quantitative', format: '.2%' },
  ] as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: 'Sharpe vs max drawdown (Pareto frontier: highest Sharpe for its drawdown)',
    width: 560,
    height: CHART_HEIGHT + 80,
    data: { values: rows.map((r) => ({ ...r })) },
    encoding: {
      x: { field: 'max_drawdown', type: 'quantitative', title: 'max drawdown', axis: { format: '.1%' }, scale: { zero: false } },
      y: { field: 'sharpe', type: 'quantitative', title: 'Sharpe', scale: { zero: false } },
    },
    layer: [
      {
        transform: [{ filter: "datum.frontier === 'Pareto frontier'" }],
        mark: { type: 'line', color: '#e15759', strokeWidth: 2 },
        encoding: { order: { field: 'max_drawdown', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          color: { field: 'frontier', type: 'nominal', title: null, scale: { domain: ['Pareto frontier', 'dominated'], range: ['#e15759', '#9ea3a8'] } },
          tooltip: [...tooltip],
        },
      },
    ],
  };
}
