import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';
import { boundedChartSubtitle, type BoundedChartNotes } from './bounded-chart-notes.js';

/** One (time, series) weight: ts (epoch ms), date, series (agent or symbol name), weight (fraction of equity in [0, 1]). */
export type WeightRow = ChartRow & { readonly ts: number; readonly date: string; readonly series: string; readonly weight: number | null };

/** The 20 colours of vega's tableau20 scheme, in its order. */
const TABLEAU20 = ['#4c78a8', '#9ecae9', '#f58518', '#ffbf79', '#54a24b', '#88d27a', '#b79a20', '#f2cf5b', '#439894', '#83bcb6', '#e45756', '#ff9d98', '#79706e', '#bab0ac', '#d67195', '#fcbfd2', '#b279a2', '#d6a5c9', '#9e765f', '#d8b5a5'] as const;

/** Colour of the summed series of a capped chart: tableau20's light grey, which no drawn series gets. */
export const OTHER_SERIES_COLOR = '#bab0ac';

/**
 * Returns the colour scale of a capped chart: its series in stack order (the summed one last, so
 * last in the legend too, as it is on top of the stack), the drawn ones in tableau20's colours
 * but its grey, the summed one grey. By name it sorted anywhere ('other (..)' between
 * 'momentum_08' and 'sentiment_01') and took whichever colour fell there.
 */
function cappedColorScale(rows: readonly WeightRow[]): { domain: string[]; range: string[] } {
  const stackOf = new Map<string, number>();
  for (const r of rows) stackOf.set(r.series, typeof r['stack'] === 'number' ? r['stack'] : 0);
  const domain = [...stackOf.keys()].sort((a, b) => (stackOf.get(a) as number) - (stackOf.get(b) as number) || (a < b ? -1 : a > b ? 1 : 0));
  const colours = TABLEAU20.filter((c) => c !== OTHER_SERIES_COLOR);
  return { domain, range: domain.map((_, i) => (i === domain.length - 1 ? OTHER_SERIES_COLOR : (colours[i % colours.length] as string))) };
}

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
      color: { field: 'series', type: 'nominal', title: seriesTitle, scale: cappedNote === undefined ? { scheme: 'tableau20' } : cappedColorScale(rows) },
      order: cappedNote === undefined ? { field: 'series', type: 'nominal', sort: 'ascending' } : { field: 'stack', type: 'quantitative', sort: 'ascending' },
      tooltip: [
        unit === undefined ? { field: 'date', type: 'nominal' } : { field: 'date', type: 'nominal', title: `${unit} from` },
        { field: 'series', type: 'nominal', title: seriesTitle },
        unit === undefined ? { field: 'weight', type: 'quantitative', format: '.2%' } : { field: 'weight', type: 'quantitative', format: '.2%', title: `mean ${yTitle}` },
      ],
    },
  };
}
