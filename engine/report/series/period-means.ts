import type { PeriodUnit } from './calendar-periods.js';
import type { ChangeLog, SeriesChoice } from './capped-series-rows.js';

/** One drawn period: the series' name, the first grid time of the period (index into the grid), the period's start (UTC ms) and the series' mean over the period's grid times. */
export interface PeriodMean {
  readonly series: string;
  readonly g: number;
  readonly periodStartMs: number;
  readonly value: number;
}

/**
 * Returns, for each calendar period of `unit` holding grid times, the mean of each shown key's
 * value as of those grid times (a forward fill, `initial` before a key's first change) and, when
 * there are others, the mean of their sum (added in the others' order, by name) as `otherName`
 * last: ordered by time, then series. Each grid time counts once, so a weight held for 3 of a
 * day's 24 hourly points counts for an eighth of it, and the means of a stack add up to the mean
 * of its total. Sums run in grid order, the others' sum recomputed in name order at each grid
 * time after one of them changed: the same bits whatever the change log's size. Memory
 * O(keys + periods x series drawn).
 */
export function seriesPeriodMeans(log: ChangeLog, names: readonly string[], gridTsMs: Float64Array, initial: number, choice: SeriesChoice, unit: PeriodUnit, otherName: string): PeriodMean[] {
  const current = new Float64Array(names.length).fill(initial);
  const isOther = new Uint8Array(names.length);
  for (const k of choice.others) isOther[k] = 1;
  const withOther = choice.others.length > 0;
  const sums = new Float64Array(choice.shown.length + (withOther ? 1 : 0));
  const out: PeriodMean[] = [];
  let otherSum = 0;
  let otherStale = true;
  let period = 0;
  let firstG = -1;
  let count = 0;
  const flush = (): void => {
    const startMs = unit.start(period);
    choice.shown.forEach((k, i) => out.push({ series: names[k] as string, g: firstG, periodStartMs: startMs, value: (sums[i] as number) / count }));
    if (withOther) out.push({ series: otherName, g: firstG, periodStartMs: startMs, value: (sums[choice.shown.length] as number) / count });
    sums.fill(0);
    count = 0;
  };
  let j = 0;
  for (let g = 0; g < gridTsMs.length; g++) {
    const t = gridTsMs[g] as number;
    while (j < log.tsMs.length && (log.tsMs[j] as number) <= t) {
      const k = log.keyId[j] as number;
      if (k >= 0 && k < names.length) {
        current[k] = log.value[j] as number;
        if (isOther[k] === 1) otherStale = true;
      }
      j += 1;
    }
    const p = unit.index(t);
    if (firstG < 0 || p !== period) {
      if (firstG >= 0) flush();
      period = p;
      firstG = g;
    }
    for (let i = 0; i < choice.shown.length; i++) sums[i] = (sums[i] as number) + (current[choice.shown[i] as number] as number);
    if (withOther) {
      if (otherStale) {
        otherSum = 0;
        for (const k of choice.others) otherSum += current[k] as number;
        otherStale = false;
      }
      sums[choice.shown.length] = (sums[choice.shown.length] as number) + otherSum;
    }
    count += 1;
  }
  if (firstG >= 0) flush();
  return out;
}
