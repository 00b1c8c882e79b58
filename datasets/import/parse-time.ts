/**
 * Parses input times to epoch ms UTC. Formats: iso (ISO 8601; a trailing Z or ±hh:mm wins,
 * naive times are read in the --tz zone, refused where a DST change skips or repeats them), epoch-ms, epoch-s, date (YYYY-MM-DD). A date
 * without a time is 00:00 UTC whatever --tz says (issue 4). Fractions below 1 ms truncate.
 */
import { BtInputError } from '../../engine/core/errors.js';
import { utcDateMs } from '../../engine/core/time.js';

/** Time formats accepted by `--time-format`. */
export const TIME_FORMATS = ['iso', 'epoch-ms', 'epoch-s', 'date'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

/** A zone for naive times: a fixed offset in minutes east of UTC, or an IANA zone (its cache: local hour -> offset, NaN near a change). */
export type TimeZoneSpec = { readonly kind: 'offset'; readonly minutes: number } | { readonly kind: 'iana'; readonly name: string; readonly fmt: Intl.DateTimeFormat; readonly cache: Map<number, number> };

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const OFFSET_RE = /^([+-])(\d{2}):?(\d{2})$/;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function unknownZone(tz: string): BtInputError {
  return new BtInputError({ field: '--tz', expected: 'UTC, an offset like +05:30, or an IANA zone like America/New_York', found: `'${tz}'` });
}

/** Returns the zone named by `--tz` (UTC, Z, ±hh:mm or an IANA name); throws BtInputError otherwise. */
export function parseTimeZone(tz: string): TimeZoneSpec {
  if (tz === 'UTC' || tz === 'Z') return { kind: 'offset', minutes: 0 };
  const m = OFFSET_RE.exec(tz);
  if (m !== null) {
    // the range a cell's offset has (parseTimeMs): '+05:75' is no offset, not 6 h 15 min
    if (Number(m[2]) > 23 || Number(m[3]) > 59) throw unknownZone(tz);
    return { kind: 'offset', minutes: (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) };
  }
  try {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    return { kind: 'iana', name: tz, fmt, cache: new Map() };
  } catch {
    throw unknownZone(tz);
  }
}

/** Returns the offset (minutes east of UTC) of an IANA zone at the UTC instant `utcMs`. */
function ianaOffsetMin(fmt: Intl.DateTimeFormat, utcMs: number): number {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = utcDateMs(p['year'] ?? 1970, p['month'] ?? 1, p['day'] ?? 1) + ((p['hour'] ?? 0) * 60 + (p['minute'] ?? 0)) * 60_000 + (p['second'] ?? 0) * 1000;
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * Returns the UTC epoch ms of a naive local time (given as if it were UTC) in zone `tz`, or NaN
 * when that wall time does not exist there (skipped by a daylight-saving change) or exists twice
 * (the repeated hour when clocks go back): either instant would be a guess an hour off.
 */
export function localToUtcMs(localMs: number, tz: TimeZoneSpec): number {
  if (tz.kind === 'offset') return localMs - tz.minutes * 60_000;
  const bucket = Math.floor(localMs / HOUR_MS);
  let off = tz.cache.get(bucket);
  if (off === undefined) {
    off = hourOffsetMin(tz.fmt, bucket * HOUR_MS);
    tz.cache.set(bucket, off);
  }
  return Number.isNaN(off) ? exactLocalToUtcMs(tz.fmt, localMs) : localMs - off * 60_000;
}

/** Returns the offset of every wall time of the local hour from `hourMs`, or NaN when the offset changes within a day of it. */
function hourOffsetMin(fmt: Intl.DateTimeFormat, hourMs: number): number {
  const before = ianaOffsetMin(fmt, hourMs - DAY_MS);
  return before === ianaOffsetMin(fmt, hourMs + HOUR_MS + DAY_MS) ? before : Number.NaN;
}

/**
 * Returns the one instant whose wall time in the zone is `localMs`, or NaN when there is none or
 * two. The candidates are the offsets a day either side (zones change offset at most once in two
 * days); an offset is right when the zone has it at the instant it gives.
 */
function exactLocalToUtcMs(fmt: Intl.DateTimeFormat, localMs: number): number {
  const a = ianaOffsetMin(fmt, localMs - DAY_MS);
  const b = ianaOffsetMin(fmt, localMs + DAY_MS);
  const okA = ianaOffsetMin(fmt, localMs - a * 60_000) === a;
  const okB = b !== a && ianaOffsetMin(fmt, localMs - b * 60_000) === b;
  if (okA === okB) return Number.NaN;
  return localMs - (okA ? a : b) * 60_000;
}

/** Returns epoch ms for an input cell, or undefined when it does not match `format`. */
export function parseTimeMs(cell: unknown, format: TimeFormat, tz: TimeZoneSpec): number | undefined {
  if (format === 'epoch-ms' || format === 'epoch-s') {
    const x = typeof cell === 'number' ? cell : typeof cell === 'string' && cell.trim() !== '' ? Number(cell) : Number.NaN;
    if (!Number.isFinite(x)) return undefined;
    const ms = Math.floor(format === 'epoch-s' ? Math.round(x * 1e6) / 1e3 : x);
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  if (typeof cell !== 'string') return undefined;
  const m = ISO_RE.exec(cell.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (format === 'date' && (h !== undefined || zone !== undefined)) return undefined;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const wall = utcDateMs(year, month, day) + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  // a date alone is 00:00 UTC; an offset on it has no time to shift (XML's "2024-01-05+05:00"), so it is refused rather than dropped
  if (h === undefined) return zone === undefined ? wall : undefined;
  if (zone === undefined) {
    const utc = localToUtcMs(wall, tz);
    return Number.isNaN(utc) ? undefined : utc;
  }
  if (zone === 'Z' || zone === 'z') return wall;
  const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (z === null || Number(z[2]) > 23 || Number(z[3] ?? 0) > 59) return undefined;
  const minutes = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0));
  return wall - minutes * 60_000;
}

/** Returns the days of `month` (1-12) of `year` in the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
