import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, VEGA_LITE_SCHEMA } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/**
 * One configuration: config_id, params (its parameters as text), sharpe, max_drawdown (fraction),
 * frontier ('Pareto frontier' or 'dominated'), and how many configurations are drawn at its point
 * (`configs_here`: a parameter that changes nothing puts two configurations on one dot, and the
 * top one's tooltip would be all one sees).
 */
export type ParetoRow = ChartRow & { readonly config_id: string; readonly params: string; readonly sharpe: number | null; readonly max_drawdown: number | null; readonly frontier: string; readonly configs_here: number };

/** The frontier's colour and the dominated points'. */
const FRONTIER_COLOR = '#e15759';
const DOMINATED_COLOR = '#9ea3a8';

/**
 * Returns the Sharpe vs max drawdown scatter of a sweep with its Pareto frontier drawn as steps
 * (step-after, lowest drawdown first): a sweep is a finite set of configurations, and a straight
 * segment between two frontier points drew trade-offs no configuration has; a step bounds
 * exactly what they dominate (everything below and right of it). Frontier points are drawn last,
 * over any dominated point at the same place. A configuration without a finite Sharpe or
 * drawdown has no point (a flat curve: no trades); `notDrawn` counts them in the subtitle.
 */
export function sweepParetoSpec(rows: readonly ParetoRow[], notDrawn = 0): TopLevelSpec {
  const tooltip = [
    { field: 'config_id', type: 'nominal' },
    { field: 'params', type: 'nominal' },
    { field: 'sharpe', type: 'quantitative', format: '.3f' },
    { field: 'max_drawdown', type: 'quantitative', format: '.2%' },
    { field: 'configs_here', type: 'quantitative', title: 'configurations at this point' },
  ] as const;
  const color = { field: 'frontier', type: 'nominal', title: null, scale: { domain: ['Pareto frontier', 'dominated'], range: [FRONTIER_COLOR, DOMINATED_COLOR] } } as const;
  const title = 'Sharpe vs max drawdown (Pareto frontier: highest Sharpe for its drawdown)';
  const subtitle = notDrawn > 0 ? `${notDrawn} of ${rows.length} configurations not drawn: no Sharpe or drawdown (failed, or flat: no trades)` : undefined;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle === undefined ? title : { text: title, subtitle },
    width: 560,
    height: CHART_HEIGHT + 80,
    data: { values: rows.map((r) => ({ ...r })) },
    encoding: {
      // padding: a point at the range's end sat half under the axis line. '~%': as many digits as the ticks need, so two ticks of a narrow range never read alike ('.1%' printed 2.3% twice)
      x: { field: 'max_drawdown', type: 'quantitative', title: 'max drawdown', axis: { format: '~%' }, scale: { zero: false, padding: 12 } },
      y: { field: 'sharpe', type: 'quantitative', title: 'Sharpe', scale: { zero: false, padding: 12 } },
    },
    layer: [
      {
        transform: [{ filter: "datum.frontier === 'Pareto frontier'" }],
        mark: { type: 'line', color: FRONTIER_COLOR, strokeWidth: 2, interpolate: 'step-after' },
        encoding: { order: { field: 'max_drawdown', type: 'quantitative' } },
      },
      {
        transform: [{ filter: "datum.frontier !== 'Pareto frontier'" }],
        mark: { type: 'point', filled: true, size: 70 },
        encoding: { color, tooltip: [...tooltip] },
      },
      {
        transform: [{ filter: "datum.frontier === 'Pareto frontier'" }],
        mark: { type: 'point', filled: true, size: 70 },
        encoding: { color, tooltip: [...tooltip] },
      },
    ],
  };
}
