/** Milliseconds per unit, for durations and cadences. */
export const MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Returns the ISO 8601 UTC string of epoch milliseconds (e.g. 2000-01-01T00:00:00.000Z). */
export function isoFromMs(tsMs: number): string {
  return new Date(tsMs).toISOString();
}

/** Returns epoch ms of 00:00 UTC of a date (month 1-12) in the proleptic Gregorian calendar, years 0-99 as written. */
export function utcDateMs(year: number, month: number, day: number): number {
  // setUTCFullYear, not Date.UTC, which reads years 0 .. 99 as 1900 .. 1999
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

/**
 * Returns [start, end) in epoch ms of the UTC calendar month (months = 1) or year (months = 12)
 * holding tsMs: the ms that share its YYYY-MM or YYYY. NaN bounds for an invalid time.
 */
export function utcPeriodMs(tsMs: number, months: 1 | 12): [number, number] {
  const d = new Date(tsMs);
  const y = d.getUTCFullYear();
  const m = months === 12 ? 0 : d.getUTCMonth();
  return [utcDateMs(y, m + 1, 1), utcDateMs(y, m + 1 + months, 1)];
}

/** Returns the UTC date of epoch milliseconds as YYYY-MM-DD, with THH:MMZ when not midnight. */
export function isoDateFromMs(tsMs: number): string {
  const s = isoFromMs(tsMs);
  return s.endsWith('T00:00:00.000Z') ? s.slice(0, 10) : `${s.slice(0, 16)}Z`;
}
