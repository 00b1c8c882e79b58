import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import type { EpisodeMark, UnderwaterRow } from '../series/underwater-rows.js';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';

/** Returns each run's legend label with its worst episode's depth, 'risk-penalized: worst -47.7%' (runs without an episode keep their name). */
export function worstDepthLegendLabels(episodes: readonly EpisodeMark[], runOrder: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const run of runOrder) {
    const worst = episodes.find((e) => e.run === run && e.rank === 1);
    labels[run] = worst === undefined || worst.depth === null ? run : `${run}: worst ${(worst.depth * 100).toFixed(1)}%`;
  }
  return labels;
}

/**
 * Returns the Vega expression of a legend label: the label `labels` gives the entry's run, else
 * the run's name. Keys and values are JSON string literals, valid in a Vega expression.
 */
function legendLabelExpr(labels: Readonly<Record<string, string>>, runOrder: readonly string[]): string {
  return runOrder.reduceRight((otherwise, run) => `datum.label === ${JSON.stringify(run)} ? ${JSON.stringify(labels[run] ?? run)} : ${otherwise}`, 'datum.label');
}

/**
 * Returns the underwater chart: drawdown from the running peak over time, with the worst
 * episodes shaded from their first period under water to their recovery (or the end) and
 * labelled by rank and depth. Several runs: one line and one shade colour per run, each run's
 * trough marked by a dot and its depth named in the legend: labels beside troughs overlapped
 * whenever two runs bottomed out close together (variants of one scenario usually do).
 */
export function underwaterSpec(rows: readonly UnderwaterRow[], episodes: readonly EpisodeMark[], runOrder: readonly string[], res: InstantResolution): TopLevelSpec {
  const several = runOrder.length > 1;
  const runColor = { field: 'run', type: 'nominal', title: 'run', sort: [...runOrder], scale: { scheme: 'category10' } } as const;
  // one legend for the three layers (each layer's colour states it: vega-lite merges them); its swatches are strokes, the lines', not the 12% shades'
  const lineColor = { ...runColor, legend: { labelExpr: legendLabelExpr(worstDepthLegendLabels(episodes, runOrder), runOrder), labelLimit: 600, symbolType: 'stroke', symbolStrokeWidth: 2, symbolOpacity: 1 } } as const;
  const x = timeX(res);
  const episodeTooltip = [
    { field: 'run', type: 'nominal' },
    { field: 'label', type: 'nominal', title: 'episode' },
    { field: 'period', type: 'nominal' },
  ] as const;
  const troughs = several
    ? {
        data: { values: episodes.map((e) => ({ ...e })) },
        mark: { type: 'point', filled: true, size: 36, opacity: 1 },
        encoding: {
          x: { ...x, field: 'trough' },
          y: { field: 'depth', type: 'quantitative' },
          color: lineColor,
          tooltip: [...episodeTooltip, { field: 'depth', type: 'quantitative', format: '.1%' }],
        },
      }
    : {
        data: { values: episodes.map((e) => ({ ...e })) },
        mark: { type: 'text', align: 'left', dx: 3, dy: 8, fontSize: 10 },
        encoding: {
          x: { ...x, field: 'trough' },
          y: { field: 'depth', type: 'quantitative' },
          text: { field: 'label', type: 'nominal' },
        },
      };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Underwater: drawdown from the running peak, worst ${several ? 'episode of each run shaded, its trough dotted' : 'episodes shaded'}`,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: episodes.map((e) => ({ ...e })) },
        // a shade's aria-label, said explicitly: vega-lite's own would read `end` (x2, which takes
        // no utc scale) in local time, so the SVG's bytes would follow the machine's time zone
        transform: [{ calculate: "datum.run + ': episode ' + datum.label + ', ' + datum.period", as: 'aria' }],
        mark: { type: 'rect', opacity: several ? 0.12 : 0.16 },
        encoding: {
          x: { ...x, field: 'start' },
          x2: { field: 'end' },
          ...(several ? { color: lineColor } : { color: { value: '#7f8c8d' } }),
          tooltip: [...episodeTooltip],
          description: { field: 'aria', type: 'nominal' },
        },
      },
      {
        data: { values: rows.map((r) => ({ ...r })) },
        mark: several ? { type: 'line', strokeWidth: 1.2 } : { type: 'area', color: '#c0392b', opacity: 0.6 },
        encoding: {
          x,
          y: { field: 'drawdown', type: 'quantitative', title: 'drawdown', axis: { format: '~%' } },
          ...(several ? { color: lineColor } : {}),
          tooltip: [
            { field: 'run', type: 'nominal' },
            { field: 'date', type: 'nominal' },
            { field: 'drawdown', type: 'quantitative', format: '.2%' },
          ],
        },
      },
      troughs,
    ],
  } as TopLevelSpec;
}
