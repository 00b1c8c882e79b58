import { groupThousands } from '../../core/group-thousands.js';

/**
 * What a bounded multi-series chart says under its title: which series it summed or left out
 * (`capped`), and, when it drew means per calendar period instead of every equity point, that
 * period (`periodUnit`: 'day') and the sentence saying so (`period`).
 */
export interface BoundedChartNotes {
  readonly capped?: string | undefined;
  readonly periodUnit?: string | undefined;
  readonly period?: string | undefined;
}

/** Returns a chart's subtitle: none, one line, or one line per note (capped first). */
export function boundedChartSubtitle(notes: BoundedChartNotes | undefined): string | string[] | undefined {
  const lines = [notes?.capped, notes?.period].filter((l): l is string => l !== undefined);
  return lines.length === 0 ? undefined : lines.length === 1 ? lines[0] : lines;
}

/**
 * Returns the subtitle lines of a single-series chart drawn at `kept` of its `total` points
 * (pixelBoundedIndices), or undefined when it draws every one: '17,519 equity points, 2,619
 * drawn: each pixel column's first, last, lowest and highest', 'so the extremes and their dates
 * are exact; equity.arrow has every point'. Two short lines: vega sizes a chart to its subtitle's
 * estimated width, and one line of 150 characters made the 720 px chart 1,460 px wide.
 */
export function pixelBoundNote(kept: number, total: number, what: string, file: string): string[] | undefined {
  return kept >= total ? undefined : [`${groupThousands(total)} ${what}, ${groupThousands(kept)} drawn: each pixel column's first, last, lowest and highest,`, `so the extremes and their dates are exact; ${file} has every point`];
}
