import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import type { EpisodeMark, UnderwaterRow } from '../series/underwater-rows.js';
import { placeTroughLabels, TROUGH_LABEL_FONT_PX, underwaterAxisMin } from '../series/trough-labels.js';
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
export function underwaterSpec(rows: readonly UnderwaterRow[], episodes: readonly EpisodeMark[], runOrder: readonly string[], res: InstantResolution, boundNote?: readonly string[]): TopLevelSpec {
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
  // one run: its y axis ends under the deepest trough with room for the label, and each label is placed in pixels (placeTroughLabels) clear of the axes, the title, the other labels and, where it can be, the area
  const single = several ? undefined : singleRunTroughLabels(rows, episodes);
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
        data: { values: single?.placed.map((p) => ({ ...p })) ?? [] },
        mark: { type: 'text', align: 'left', baseline: 'top', fontSize: TROUGH_LABEL_FONT_PX },
        encoding: {
          x: { field: 'xPx', type: 'quantitative', scale: null },
          y: { field: 'yPx', type: 'quantitative', scale: null },
          text: { field: 'label', type: 'nominal' },
        },
      };
  const yScale = single !== undefined && single.yMin < 0 ? { scale: { domain: [single.yMin, 0], nice: false } } : {};
  const title = `Underwater: drawdown from the running peak, worst ${several ? 'episode of each run shaded, its trough dotted' : 'episodes shaded'}`;
  const dropped = single?.dropped ?? [];
  const subtitles = [
    ...(boundNote ?? []),
    ...(dropped.length === 0 ? [] : [`no room for the label${dropped.length > 1 ? 's' : ''} ${dropped.map((l) => l.split(' ')[0]).join(', ')}: ${dropped.length > 1 ? "their shades' tooltips name them" : "its shade's tooltip names it"}`]),
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitles.length === 0 ? title : { text: title, subtitle: subtitles.length === 1 ? subtitles[0] : subtitles },
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
          y: { field: 'drawdown', type: 'quantitative', title: 'drawdown', axis: { format: '~%' }, ...yScale },
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

/**
 * Returns a single run's trough labels placed in the plot's pixels and the y axis's bottom: the
 * x scale spans every time the chart draws (rows, episodes' start, end and trough: a temporal
 * scale is not niced), the y scale [yMin, 0] (underwaterAxisMin).
 */
function singleRunTroughLabels(rows: readonly UnderwaterRow[], episodes: readonly EpisodeMark[]): { placed: ReturnType<typeof placeTroughLabels>['placed']; dropped: string[]; yMin: number } {
  let x0 = Infinity;
  let x1 = -Infinity;
  let deepest = 0;
  for (const r of rows) {
    x0 = Math.min(x0, r.ts);
    x1 = Math.max(x1, r.ts);
    if (r.drawdown !== null) deepest = Math.min(deepest, r.drawdown);
  }
  for (const e of episodes) {
    x0 = Math.min(x0, e.start, e.trough);
    x1 = Math.max(x1, e.end, e.trough);
    if (e.depth !== null) deepest = Math.min(deepest, e.depth);
  }
  const yMin = underwaterAxisMin(deepest, CHART_HEIGHT);
  const troughs = episodes.filter((e) => e.depth !== null).map((e) => ({ trough: e.trough, depth: e.depth as number, label: e.label }));
  const { placed, dropped } = placeTroughLabels(
    troughs,
    rows.map((r) => r.ts),
    rows.map((r) => r.drawdown),
    x0,
    x1,
    yMin,
    CHART_WIDTH,
    CHART_HEIGHT,
  );
  return { placed, dropped, yMin };
}
