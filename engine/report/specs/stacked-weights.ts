import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';
import { boundedChartSubtitle, type BoundedChartNotes } from './bounded-chart-notes.js';

/** One (time, series) weight: ts (epoch ms), date, series (agent or symbol name), weight (fraction of equity in [0, 1]). */
export type WeightRow = ChartRow & { readonly ts: number; readonly date: string; readonly series: string; readonly weight: number | null };

/**
 * Returns a stacked step-area chart of weights over time, one colour per series (shared by the
 * by-agent and by-symbol charts). `cappedNote`: the chart draws only some series and one summing
 * the rest (rows carry `stack`, the summed one last, on top): said under the title, as is a
 * `notes.periodUnit` (rows are means per period, each dated by its period's start).
 */
export function stackedWeightsSpec(rows: readonly WeightRow[], title: string, seriesTitle: string, yTitle: string, res: InstantResolution, notes?: BoundedChartNotes): TopLevelSpec {
  const subtitle = boundedChartSubtitle(notes);
  const cappedNote = notes?.capped;
  const unit = notes?.periodUnit;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle === undefined ? title : { text: title, subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: 'area', interpolate: 'step-after' },
    encoding: {
      x: timeX(res),
      y: { field: 'weight', type: 'quantitative', stack: 'zero', title: yTitle, axis: { format: '~%' } },
      color: { field: 'series', type: 'nominal', title: seriesTitle, scale: { scheme: 'tableau20' } },
      order: cappedNote === undefined ? { field: 'series', type: 'nominal', sort: 'ascending' } : { field: 'stack', type: 'quantitative', sort: 'ascending' },
      tooltip: [
        unit === undefined ? { field: 'date', type: 'nominal' } : { field: 'date', type: 'nominal', title: `${unit} from` },
        { field: 'series', type: 'nominal', title: seriesTitle },
        unit === undefined ? { field: 'weight', type: 'quantitative', format: '.2%' } : { field: 'weight', type: 'quantitative', format: '.2%', title: `mean ${yTitle}` },
      ],
    },
  };
}
