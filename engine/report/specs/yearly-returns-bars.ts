import type { TopLevelSpec } from 'vega-lite';
import type { YearlyBar } from '../series/calendar-rows.js';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from './chart-defaults.js';

/** Returns yearly-return bars: one bar per UTC year (green gain, red loss), or bars side by side per run when comparing several. */
export function yearlyReturnsBarsSpec(bars: readonly YearlyBar[], runOrder: readonly string[]): TopLevelSpec {
  const several = runOrder.length > 1;
  const color = several
    ? { field: 'run', type: 'nominal', title: 'run', sort: [...runOrder], scale: { scheme: 'category10' } }
    : { condition: { test: 'datum.value < 0', value: '#c0392b' }, value: '#27ae60' };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: 'Yearly returns (compounded within each UTC year)',
    data: { values: bars.map((b) => ({ ...b })) },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'year', axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: 'return', axis: { format: '~%' } },
      ...(several ? { xOffset: { field: 'run', type: 'nominal', sort: [...runOrder] } } : {}),
      color,
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'year', type: 'ordinal' },
        { field: 'value', type: 'quantitative', title: 'return', format: '.2%' },
      ],
    },
  } as TopLevelSpec;
}
