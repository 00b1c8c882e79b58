import { isoWeeksBetween, type IsoWeek } from './iso-week.js';

/** The week `bt report lp` writes without --week, and whether the run covers it only in part. */
export interface DefaultLpWeek {
  readonly week: IsoWeek;
  /** True when the run covers no ISO week completely, so the week is its last, partial one. */
  readonly partial: boolean;
}

/**
 * Returns the last ISO week the run [startMs, endMs] covers completely (from its Monday 00:00
 * through its last millisecond, as lp-period.ts measures coverage), else the run's last week,
 * marked partial. A run ending on a Monday (the quickstart: 2010-03-01 00:00) covers one instant
 * of its last week: a summary of that instant is not a weekly report.
 */
export function defaultLpWeek(startMs: number, endMs: number): DefaultLpWeek {
  const weeks = isoWeeksBetween(startMs, endMs);
  for (let i = weeks.length - 1; i >= 0; i--) {
    const w = weeks[i] as IsoWeek;
    if (w.startMs >= startMs && w.endMs - 1 <= endMs) return { week: w, partial: false };
  }
  return { week: weeks[weeks.length - 1] as IsoWeek, partial: true };
}
