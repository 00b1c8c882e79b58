import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import type { EpisodeMark, UnderwaterRow } from '../series/underwater-rows.js';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';

/**
 * Returns the underwater chart: drawdown from the running peak over time, with the worst
 * episodes shaded from their first period under water to their recovery (or the end) and
 * labelled by rank and depth. Several runs: one line and one shade colour per run.
 */
export function underwaterSpec(rows: readonly UnderwaterRow[], episodes: readonly EpisodeMark[], runOrder: readonly string[], res: InstantResolution): TopLevelSpec {
  const several = runOrder.length > 1;
  const runColor = { field: 'run', type: 'nominal', title: 'run', sort: [...runOrder], scale: { scheme: 'category10' } } as const;
  const x = timeX(res);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Underwater: drawdown from the running peak, worst ${several ? 'episode of each run' : 'episodes'} shaded`,
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
          ...(several ? { color: runColor } : { color: { value: '#7f8c8d' } }),
          tooltip: [
            { field: 'run', type: 'nominal' },
            { field: 'label', type: 'nominal', title: 'episode' },
            { field: 'period', type: 'nominal' },
          ],
          description: { field: 'aria', type: 'nominal' },
        },
      },
      {
        data: { values: rows.map((r) => ({ ...r })) },
        mark: several ? { type: 'line', strokeWidth: 1.2 } : { type: 'area', color: '#c0392b', opacity: 0.6 },
        encoding: {
          x,
          y: { field: 'drawdown', type: 'quantitative', title: 'drawdown', axis: { format: '~%' } },
          ...(several ? { color: runColor } : {}),
          tooltip: [
            { field: 'run', type: 'nominal' },
            { field: 'date', type: 'nominal' },
            { field: 'drawdown', type: 'quantitative', format: '.2%' },
          ],
        },
      },
      {
        data: { values: episodes.map((e) => ({ ...e })) },
        mark: { type: 'text', align: 'left', dx: 3, dy: 8, fontSize: 10 },
        encoding: {
          x: { ...x, field: 'trough' },
          y: { field: 'depth', type: 'quantitative' },
          text: { field: 'label', type: 'nominal' },
          ...(several ? { color: runColor } : {}),
        },
      },
    ],
  } as TopLevelSpec;
}
