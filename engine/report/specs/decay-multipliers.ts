import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** One multiplier point: ts (epoch ms), date, agent, multiplier (confidence multiplier after decay). */
export type MultiplierRow = ChartRow & { readonly ts: number; readonly date: string; readonly agent: string; readonly multiplier: number | null };

/** Returns one step line per agent of its confidence (decay) multiplier over time; `cappedNote`: which agents a capped chart draws, under the title. */
export function decayMultipliersSpec(rows: readonly MultiplierRow[], res: InstantResolution, cappedNote?: string): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: cappedNote === undefined ? 'Decay multipliers per agent' : { text: 'Decay multipliers per agent', subtitle: cappedNote },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
    encoding: {
      x: timeX(res),
      y: { field: 'multiplier', type: 'quantitative', title: 'confidence multiplier' },
      color: { field: 'agent', type: 'nominal', scale: { scheme: 'tableau20' } },
      tooltip: [
        { field: 'date', type: 'nominal' },
        { field: 'agent', type: 'nominal' },
        { field: 'multiplier', type: 'quantitative', format: '.3f' },
      ],
    },
  };
}
