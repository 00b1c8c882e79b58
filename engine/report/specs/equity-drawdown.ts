import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import { CHART_HEIGHT, CHART_WIDTH, PANEL_HEIGHT, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** Rows of the equity/drawdown chart: ts (epoch ms), date (UTC label), equity, drawdown (fraction <= 0). */
export type EquityDrawdownRow = ChartRow & { readonly ts: number; readonly date: string; readonly equity: number | null; readonly drawdown: number | null };

/** A span of time a chart shades in both panels: [fromMs, toMs), named `label` (the LP report's week). */
export interface ShadedSpan {
  readonly fromMs: number;
  readonly toMs: number;
  readonly label: string;
}

/** Colour of a shaded span. */
const SHADE_COLOR = '#f2b447';

/**
 * Returns the run report's equity line over its drawdown area (two panels sharing the time axis);
 * `subtitle` says what the rows leave out (pixelBoundNote), `shade` a span both panels shade.
 */
export function equityDrawdownSpec(rows: readonly EquityDrawdownRow[], title: string, res: InstantResolution, subtitle?: readonly string[], shade?: ShadedSpan): TopLevelSpec {
  const [equityPanel, drawdownPanel] = panels(res);
  // a panel with the span shaded under it; the span's rect brings its own data, the panel's marks the chart's
  const shaded = (panel: Record<string, unknown>, s: ShadedSpan): Record<string, unknown> => {
    const { mark, encoding, ...size } = panel;
    return {
      ...size,
      layer: [
        {
          data: { values: [{ ts: s.fromMs, ts_end: s.toMs, span: s.label }] },
          mark: { type: 'rect', color: SHADE_COLOR, opacity: 0.25 },
          encoding: { x: (encoding as { x: unknown }).x, x2: { field: 'ts_end' }, tooltip: [{ field: 'span', type: 'nominal', title: 'shaded' }] },
        },
        { data: { name: 'rows' }, mark, encoding },
      ],
    };
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle === undefined ? title : { text: title, subtitle: [...subtitle] },
    ...(shade === undefined
      ? { data: { values: rows.map((r) => ({ ...r })) }, vconcat: [equityPanel, drawdownPanel] }
      : { datasets: { rows: rows.map((r) => ({ ...r })) }, vconcat: [shaded(equityPanel, shade), shaded(drawdownPanel, shade)] }),
    resolve: { scale: { x: 'shared' } },
  } as unknown as TopLevelSpec;
}

/** The two panels: equity over drawdown. */
function panels(res: InstantResolution): [Record<string, unknown>, Record<string, unknown>] {
  return [
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
  ];
}
