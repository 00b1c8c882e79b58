import { isoFromMs, utcPeriodMs } from '../core/time.js';

/** A calendar period of a period table: 'month' keys YYYY-MM, 'year' keys YYYY (UTC). */
export type CalendarPeriod = 'month' | 'year';

/**
 * The UTC calendar periods a series of times falls in, in series order: segment k has the key
 * `keys[k]` and holds points `ends[k - 1]` (0 for the first) to `ends[k]` (excluded).
 */
export interface CalendarSegments {
  readonly keys: readonly string[];
  readonly ends: Int32Array;
}

/**
 * Returns the calendar segments of the first `n` times of `tsMs` (epoch ms): a new segment
 * wherever a point's UTC month or year key differs from the last point's (so a series that
 * comes back to a period gets it twice, as periodReturns always counted it). They depend on the
 * times alone: every equity curve over the same times (a sweep's configurations) shares them.
 */
export function calendarSegments(tsMs: Float64Array, period: CalendarPeriod, n = tsMs.length): CalendarSegments {
  const width = period === 'month' ? 7 : 4;
  const keys: string[] = [];
  const ends: number[] = [];
  let key = '';
  // The current key's period in ms: a time inside it has that key, so the ISO string (a Date
  // and a string per point: tens of ms on an hourly equity curve) is made once per period.
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = tsMs[i] as number;
    if (t >= from && t < to) continue;
    const k = isoFromMs(t).slice(0, width);
    if (k !== key) {
      if (key !== '') ends.push(i);
      keys.push(k);
      key = k;
    }
    [from, to] = utcPeriodMs(t, period === 'month' ? 1 : 12);
  }
  if (key !== '') ends.push(n);
  return { keys, ends: Int32Array.from(ends) };
}
