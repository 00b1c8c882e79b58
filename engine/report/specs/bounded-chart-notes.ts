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
