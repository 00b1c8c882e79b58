import { MS } from '../../core/time.js';

/** An ISO 8601 week (Monday 00:00 UTC to the next Monday, exclusive). */
export interface IsoWeek {
  /** 'YYYY-Www', e.g. 2010-W09. */
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
}

const WEEK_MS = 7 * MS.day;

/** Returns the Monday 00:00 UTC of ISO week 1 of `year` (the week holding 4 January). */
function week1Start(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - dow * MS.day;
}

/** Returns the ISO week holding `tsMs`. */
export function isoWeekOf(tsMs: number): IsoWeek {
  const day = Math.floor(tsMs / MS.day) * MS.day;
  const dow = (new Date(day).getUTCDay() + 6) % 7;
  const startMs = day - dow * MS.day;
  // The ISO year is the year of the week's Thursday.
  const year = new Date(startMs + 3 * MS.day).getUTCFullYear();
  const week = Math.round((startMs - week1Start(year)) / WEEK_MS) + 1;
  return { label: `${year}-W${String(week).padStart(2, '0')}`, startMs, endMs: startMs + WEEK_MS };
}

/** Returns how many ISO weeks `year` has, 52 or 53: the number of the week holding 28 December (always its last). */
export function isoWeeksInYear(year: number): number {
  return Number(isoWeekOf(Date.UTC(year, 11, 28)).label.slice(-2));
}

/** Returns the ISO week named by 'YYYY-Www', or undefined when the text is not one (or the week does not exist). */
export function parseIsoWeek(text: string): IsoWeek | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (m === null) return undefined;
  const startMs = week1Start(Number(m[1])) + (Number(m[2]) - 1) * WEEK_MS;
  const w = isoWeekOf(startMs);
  return w.label === text ? w : undefined;
}

/** Returns every ISO week from the one holding `fromMs` through the one holding `toMs`, in order. */
export function isoWeeksBetween(fromMs: number, toMs: number): IsoWeek[] {
  const out: IsoWeek[] = [];
  for (let w = isoWeekOf(fromMs); w.startMs <= toMs; w = isoWeekOf(w.endMs)) out.push(w);
  return out;
}
