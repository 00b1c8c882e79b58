import { compareCodeUnits } from '../../core/stable-json.js';
import { groupThousands } from '../../core/group-thousands.js';

/** A change log: at tsMs[i], key keyId[i] takes value[i] (rows in time order). */
export interface ChangeLog {
  readonly tsMs: Float64Array;
  readonly keyId: Int32Array;
  readonly value: Float64Array;
}

/**
 * Most series a multi-series chart draws: past it, the MAX_CHART_SERIES - 1 of largest peak
 * |value| and one series summing the rest, "other (k agents)". 20, the colours of the tableau20
 * scheme, so no two series share one. A run with 20,000 agents drew 20,000 areas (one legend
 * entry each): 1.2 GB to render a chart no one can read.
 */
export const MAX_CHART_SERIES = 20;

/** Which keys a chart draws: `shown` (key ids, by name), and `others` (key ids, by name) summed as one series, empty when not capped. */
export interface SeriesChoice {
  readonly shown: readonly number[];
  readonly others: readonly number[];
}

/**
 * Returns each key's largest |value| as of the grid times (a forward fill: a key holds its last
 * change at or before a grid time, `initial` before its first), in one pass with no per-key
 * series: memory O(keys), not O(keys x times).
 */
export function peakAbsAt(log: ChangeLog, nKeys: number, gridTsMs: Float64Array, initial: number): Float64Array {
  const current = new Float64Array(nKeys).fill(initial);
  const peak = new Float64Array(nKeys);
  let j = 0;
  for (let g = 0; g < gridTsMs.length; g++) {
    const t = gridTsMs[g] as number;
    const from = j;
    while (j < log.tsMs.length && (log.tsMs[j] as number) <= t) {
      const k = log.keyId[j] as number;
      if (k >= 0 && k < nKeys) current[k] = log.value[j] as number;
      j += 1;
    }
    if (g === 0) {
      for (let k = 0; k < nKeys; k++) peak[k] = Math.abs(current[k] as number);
      continue;
    }
    // after the first grid time, only a key changed since the last one can peak, at the value it holds now
    for (let i = from; i < j; i++) {
      const k = log.keyId[i] as number;
      if (k >= 0 && k < nKeys) peak[k] = Math.max(peak[k] as number, Math.abs(current[k] as number));
    }
  }
  return peak;
}

/**
 * Returns which keys to draw: every key (with `dropFlat`, every one ever non-zero at a grid
 * time) when they are at most `maxSeries`, else the maxSeries - 1 of largest peak (ties by
 * name) shown and the rest in `others`. Both by name (code units, then id): a fixed order
 * whatever order the keys were first seen in.
 */
export function chooseSeries(names: readonly string[], peak: Float64Array, dropFlat: boolean, maxSeries = MAX_CHART_SERIES): SeriesChoice {
  const byName = (a: number, b: number): number => compareCodeUnits(names[a] as string, names[b] as string) || a - b;
  const candidates = names.map((_, k) => k).filter((k) => !dropFlat || (peak[k] as number) > 0);
  if (candidates.length <= maxSeries) return { shown: candidates.sort(byName), others: [] };
  const ranked = candidates.sort((a, b) => (peak[b] as number) - (peak[a] as number) || byName(a, b));
  return { shown: ranked.slice(0, maxSeries - 1).sort(byName), others: ranked.slice(maxSeries - 1).sort(byName) };
}

/** Returns the label of the summed series: 'other (19,981 agents)'. */
export function otherLabel(count: number, noun: string): string {
  return `other (${groupThousands(count)} ${noun}${count === 1 ? '' : 's'})`;
}

/** One drawn value: the series' name, its grid time and the value as of it. */
export interface SeriesPoint {
  readonly series: string;
  readonly g: number;
  readonly value: number;
}

/**
 * Returns the values as of the grid times `at` (sorted indices into gridTsMs) of the shown keys
 * (in their order) and, when there are others, their sum as the series `otherName` last,
 * added in the others' order (by name): ordered by time, then series. One forward fill, memory
 * O(keys + points drawn).
 */
export function seriesPointsAt(log: ChangeLog, names: readonly string[], gridTsMs: Float64Array, initial: number, choice: SeriesChoice, at: Int32Array, otherName: string): SeriesPoint[] {
  const current = new Float64Array(names.length).fill(initial);
  const out: SeriesPoint[] = [];
  let j = 0;
  for (let a = 0; a < at.length; a++) {
    const g = at[a] as number;
    const t = gridTsMs[g] as number;
    while (j < log.tsMs.length && (log.tsMs[j] as number) <= t) {
      const k = log.keyId[j] as number;
      if (k >= 0 && k < names.length) current[k] = log.value[j] as number;
      j += 1;
    }
    for (const k of choice.shown) out.push({ series: names[k] as string, g, value: current[k] as number });
    if (choice.others.length > 0) {
      let sum = 0;
      for (const k of choice.others) sum += current[k] as number;
      out.push({ series: otherName, g, value: sum });
    }
  }
  return out;
}
