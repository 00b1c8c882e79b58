/** Milliseconds per unit, for durations and cadences. */
export const MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Returns the ISO 8601 UTC string of epoch milliseconds (e.g. 2000-01-01T00:00:00.000Z). */
export function isoFromMs(tsMs: number): string {
  return new Date(tsMs).toISOString();
}

/** Returns the UTC date of epoch milliseconds as YYYY-MM-DD, with THH:MMZ when not midnight. */
export function isoDateFromMs(tsMs: number): string {
  const s = isoFromMs(tsMs);
  return s.endsWith('T00:00:00.000Z') ? s.slice(0, 10) : `${s.slice(0, 16)}Z`;
}
