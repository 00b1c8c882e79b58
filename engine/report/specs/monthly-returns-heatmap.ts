import type { TopLevelSpec } from 'vega-lite';
import { MONTH_LABELS, type MonthlyCell } from '../series/calendar-rows.js';
import { VEGA_LITE_SCHEMA } from './chart-defaults.js';

/** Below this magnitude a nonzero return would print as 0.0% at one decimal of a percent. */
const SMALL_RETURN = 0.0005;

/**
 * Returns a heatmap of monthly returns: month across, year down, diverging colour centred on
 * 0 (red losses, green gains), each cell labelled; one panel per run, stacked, when `runOrder`
 * has more than one (the compare report).
 */
export function monthlyReturnsHeatmapSpec(cells: readonly MonthlyCell[], runOrder: readonly string[]): TopLevelSpec {
  const years = [...new Set(cells.map((c) => c.year))].sort();
  // A domain symmetric about 0 keeps 0 at the scale's middle colour even when every month gains (or loses).
  const reach = Math.max(1e-6, ...cells.map((c) => Math.abs(c.value ?? 0)));
  const panel = {
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'month', sort: [...MONTH_LABELS], axis: { labelAngle: 0, orient: 'top' } },
      y: { field: 'year', type: 'ordinal', title: 'year', sort: years },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: { field: 'value', type: 'quantitative', title: 'monthly return', scale: { scheme: 'redyellowgreen', domain: [-reach, reach] }, legend: { format: '~%' } },
          tooltip: [
            { field: 'run', type: 'nominal' },
            { field: 'year', type: 'ordinal' },
            { field: 'month', type: 'ordinal' },
            { field: 'value', type: 'quantitative', title: 'return', format: '.2%' },
          ],
        },
      },
      // one decimal of a percent, but a nonzero month under 0.05% keeps one significant digit (0.004%): '0.0%' reads as a flat month
      { mark: { type: 'text', fontSize: 9 }, transform: [{ calculate: `format(datum.value, datum.value !== 0 && abs(datum.value) < ${SMALL_RETURN} ? '.1p' : '.1%')`, as: 'label' }], encoding: { text: { field: 'label', type: 'nominal', title: 'value' } } },
    ],
    width: { step: 46 },
    height: { step: 18 },
  };
  const data = { values: cells.map((c) => ({ ...c })) };
  const title = 'Monthly returns (compounded within each UTC month)';
  // vega-lite's types cannot follow the shared panel object; the schema test validates both shapes
  if (runOrder.length <= 1) return { $schema: VEGA_LITE_SCHEMA, title, data, ...panel } as unknown as TopLevelSpec;
  // One panel per run, stacked (a row facet with step sizes trips vega-lite's child_height signal).
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    data,
    vconcat: runOrder.map((run) => ({ title: run, transform: [{ filter: { field: 'run', equal: run } }], ...panel })),
  } as unknown as TopLevelSpec;
}
