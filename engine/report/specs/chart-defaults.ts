import type { InstantResolution } from '../../core/instant-resolution.js';

/** The Vega-Lite schema every spec names (the installed vega-lite 6). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Width of a full-width chart, in pixels. */
export const CHART_WIDTH = 720;

/** Height of a main panel, in pixels. */
export const CHART_HEIGHT = 260;

/** Height of a secondary panel (drawdown under equity), in pixels. */
export const PANEL_HEIGHT = 140;

/** d3 time format of a time axis's labels at each resolution (instant-resolution.ts): the label says as much as the run's instants need. */
const TIME_AXIS_FORMAT: Readonly<Record<InstantResolution, string>> = {
  day: '%Y-%m-%d',
  minute: '%Y-%m-%d %H:%M',
  second: '%Y-%m-%d %H:%M:%S',
  ms: '%Y-%m-%d %H:%M:%S.%L',
};

/**
 * Returns the x encoding of a time axis over the `ts` field (epoch ms) on a UTC scale, so
 * the axis labels, and so the SVG bytes, do not depend on the machine's time zone. Labels at
 * `res`, the run's: an hourly run's ticks read '2022-01-01 06:00', not '2022-01-01' four times.
 */
export function timeX(res: InstantResolution, title = 'date'): { field: string; type: 'temporal'; title: string; scale: { type: 'utc' }; axis: { format: string; labelOverlap: true } } {
  return { field: 'ts', type: 'temporal', title, scale: { type: 'utc' }, axis: { format: TIME_AXIS_FORMAT[res], labelOverlap: true } };
}
