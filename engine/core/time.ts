/** Milliseconds per unit, for durations and cadences. */
export const MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Returns the ISO 8601 UTC string of epoch milliseconds (e.g. 2000-01-01T00:00:00.000Z). */
export function isoFromMs(tsMs: number): string {
  return new Date(tsMs).toISOString();
}

/**
 * Returns [start, end) in epoch ms of the UTC calendar month (months = 1) or year (months = 12)
 * holding tsMs: the ms that share its YYYY-MM or YYYY. NaN bounds for an invalid time.
 */
export function utcPeriodMs(tsMs: number, months: 1 | 12): [number, number] {
  const d = new Date(tsMs);
  const y = d.getUTCFullYear();
  const m = months === 12 ? 0 : d.getUTCMonth();
  // setUTCFullYear, not Date.UTC, which reads years 0 .. 99 as 1900 .. 1999
  const at = new Date(0);
  const start = at.setUTCFullYear(y, m, 1);
  return [start, at.setUTCFullYear(y, m + months, 1)];
}

/** Returns the UTC date of epoch milliseconds as YYYY-MM-DD, with THH:MMZ when not midnight. */
export function isoDateFromMs(tsMs: number): string {
  const s = isoFromMs(tsMs);
  return s.endsWith('T00:00:00.000Z') ? s.slice(0, 10) : `${s.slice(0, 16)}Z`;
}
