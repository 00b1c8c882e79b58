import { isoFromMs, MS } from './time.js';

/**
 * The finest unit a set of instants needs to print distinct and exact: 'day' when every one is
 * at 00:00 UTC, else 'minute', 'second' or 'ms'. One resolution per run (not per instant), so
 * an hourly run's midnight prints '2022-01-03 00:00' beside '2022-01-03 05:00', never a bare
 * date that reads as the whole day, and a run on seconds never shows two instants as one minute.
 */
export type InstantResolution = 'day' | 'minute' | 'second' | 'ms';

/** Returns the resolution every instant of the series needs (one pass; 'day' for none). */
export function instantResolution(...series: readonly ArrayLike<number>[]): InstantResolution {
  let offMidnight = false;
  let offMinute = false;
  for (const tsMs of series) {
    for (let i = 0; i < tsMs.length; i++) {
      const t = tsMs[i] as number;
      if (t % MS.second !== 0) return 'ms';
      if (t % MS.minute !== 0) offMinute = true;
      else if (t % MS.day !== 0) offMidnight = true;
    }
  }
  return offMinute ? 'second' : offMidnight ? 'minute' : 'day';
}

const LENGTH: Readonly<Record<Exclude<InstantResolution, 'day'>, number>> = { minute: 16, second: 19, ms: 23 };

/** Returns an instant as ISO 8601 UTC at `res`: 2022-01-03, 2022-01-03T05:00Z, 2022-01-03T05:00:30Z, 2022-01-03T05:00:30.250Z. */
export function isoInstant(tsMs: number, res: InstantResolution): string {
  const iso = isoFromMs(tsMs);
  return res === 'day' ? iso.slice(0, 10) : `${iso.slice(0, LENGTH[res])}Z`;
}

/** Returns an instant for a label or tooltip at `res` (UTC): 2022-01-03, 2022-01-03 05:00, 2022-01-03 05:00:30, 2022-01-03 05:00:30.250. */
export function instantLabel(tsMs: number, res: InstantResolution): string {
  const iso = isoFromMs(tsMs);
  return res === 'day' ? iso.slice(0, 10) : iso.slice(0, LENGTH[res]).replace('T', ' ');
}
