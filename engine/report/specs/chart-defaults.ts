/** The Vega-Lite schema every spec names (the installed vega-lite 6). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Width of a full-width chart, in pixels. */
export const CHART_WIDTH = 720;

/** Height of a main panel, in pixels. */
export const CHART_HEIGHT = 260;

/** Height of a secondary panel (drawdown under equity), in pixels. */
export const PANEL_HEIGHT = 140;

/**
 * Returns the x encoding of a time axis over the `ts` field (epoch ms) on a UTC scale, so
 * the axis labels, and so the SVG bytes, do not depend on the machine's time zone.
 */
export function timeX(title = 'date'): { field: string; type: 'temporal'; title: string; scale: { type: 'utc' }; axis: { format: string; labelOverlap: true } } {
  return { field: 'ts', type: 'temporal', title, scale: { type: 'utc' }, axis: { format: '%Y-%m-%d', labelOverlap: true } };
}
