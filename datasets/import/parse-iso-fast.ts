/**
 * A fast reader for the common ISO 8601 shape `YYYY-MM-DD[T ]HH:MM:SS[.fff…][Z]` (year >= 1000),
 * read with char codes instead of a regex, remembering the last day seen (sorted inputs repeat
 * it). Anything else returns NOT_FAST and the caller uses the general parser, so both agree.
 */
import { localToUtcMs, type TimeZoneSpec } from './parse-time.js';

/** Returned when `text` is not of the fast shape (not a verdict on validity). */
export const NOT_FAST = -1.5;

/** The last day seen and its epoch ms (00:00 UTC). */
export interface DayCache {
  year: number;
  month: number;
  day: number;
  dayMs: number;
}

/** Returns an empty day cache. */
export function newDayCache(): DayCache {
  return { year: -1, month: -1, day: -1, dayMs: 0 };
}

function digits2(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Returns epoch ms of `text`, undefined when it is of the fast shape but not a real time, or NOT_FAST. */
export function parseIsoFast(text: string, tz: TimeZoneSpec, cache: DayCache): number | undefined {
  const n = text.length;
  if (n < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return NOT_FAST;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return NOT_FAST; // 'T' or ' '
  const y1 = digits2(text, 0);
  const y2 = digits2(text, 2);
  const month = digits2(text, 5);
  const day = digits2(text, 8);
  const hour = digits2(text, 11);
  const minute = digits2(text, 14);
  const second = digits2(text, 17);
  if (y1 < 10 || y2 < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return NOT_FAST;
  const year = y1 * 100 + y2;
  let i = 19;
  let ms = 0;
  const fr = text.charCodeAt(i);
  if (fr === 46 || fr === 44) {
    // '.' or ','
    i++;
    let k = 0;
    for (let c = text.charCodeAt(i) - 48; c >= 0 && c <= 9; c = text.charCodeAt(i) - 48) {
      if (k < 3) ms = ms * 10 + c;
      k++;
      i++;
    }
    if (k === 0) return NOT_FAST;
    for (; k < 3; k++) ms *= 10;
  }
  let zulu = false;
  if (i === n - 1 && (text.charCodeAt(i) === 90 || text.charCodeAt(i) === 122)) zulu = true;
  else if (i !== n) return NOT_FAST;
  if (year !== cache.year || month !== cache.month || day !== cache.day) {
    if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
    cache.year = year;
    cache.month = month;
    cache.day = day;
    cache.dayMs = Date.UTC(year, month - 1, day);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = cache.dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  if (zulu) return wall;
  const utc = localToUtcMs(wall, tz);
  return Number.isNaN(utc) ? undefined : utc;
}
