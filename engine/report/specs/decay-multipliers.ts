import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';
import { boundedChartSubtitle, type BoundedChartNotes } from './bounded-chart-notes.js';

/** One multiplier point: ts (epoch ms), date, agent, multiplier (confidence multiplier after decay). */
export type MultiplierRow = ChartRow & { readonly ts: number; readonly date: string; readonly agent: string; readonly multiplier: number | null };

/** Returns one step line per agent of its confidence (decay) multiplier over time; `notes`: which agents a capped chart draws and the period a long run's means are over, under the title. */
export function decayMultipliersSpec(rows: readonly MultiplierRow[], res: InstantResolution, notes?: BoundedChartNotes): TopLevelSpec {
  const subtitle = boundedChartSubtitle(notes);
  const unit = notes?.periodUnit;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle === undefined ? 'Decay multipliers per agent' : { text: 'Decay multipliers per agent', subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
    encoding: {
      x: timeX(res),
      y: { field: 'multiplier', type: 'quantitative', title: 'confidence multiplier' },
      color: { field: 'agent', type: 'nominal', scale: { scheme: 'tableau20' } },
      tooltip: [
        unit === undefined ? { field: 'date', type: 'nominal' } : { field: 'date', type: 'nominal', title: `${unit} from` },
        { field: 'agent', type: 'nominal' },
        unit === undefined ? { field: 'multiplier', type: 'quantitative', format: '.3f' } : { field: 'multiplier', type: 'quantitative', format: '.3f', title: 'mean multiplier' },
      ],
    },
  };
}
