import { describe, expect, it } from 'vitest';
import { parseTimeMs, parseTimeZone } from '../../../datasets/import/parse-time.js';

const UTC = parseTimeZone('UTC');
// 2024-03-01T00:00Z = 1704067200 s (2024-01-01) + 60 days * 86400 s = 1709251200 s.
const MAR1 = 1_709_251_200_000;

describe('parseTimeMs', () => {
  it('reads Python isoformat with microseconds as naive UTC, truncating to ms', () => {
    expect(parseTimeMs('2024-03-01T09:30:00.123456', 'iso', UTC)).toBe(MAR1 + 9.5 * 3_600_000 + 123);
  });
  it('applies an explicit offset over --tz', () => {
    expect(parseTimeMs('2024-03-01T02:00:00-05:00', 'iso', parseTimeZone('+09:00'))).toBe(MAR1 + 7 * 3_600_000);
  });
  it('reads naive times in a fixed offset zone', () => {
    expect(parseTimeMs('2024-03-01 05:30', 'iso', parseTimeZone('+05:30'))).toBe(MAR1);
  });
  it('reads naive times in an IANA zone on both sides of a DST change', () => {
    const ny = parseTimeZone('America/New_York');
    // 2024-03-10 DST starts in New York: 01:00 local = 06:00Z (EST, -5); 12:00 local = 16:00Z (EDT, -4).
    const mar10 = MAR1 + 9 * 86_400_000;
    expect(parseTimeMs('2024-03-10T01:00:00', 'iso', ny)).toBe(mar10 + 6 * 3_600_000);
    expect(parseTimeMs('2024-03-10T12:00:00', 'iso', ny)).toBe(mar10 + 16 * 3_600_000);
  });
  it('refuses a naive time a DST change skips or repeats, west and east of UTC alike', () => {
    const H = 3_600_000;
    const ny = parseTimeZone('America/New_York');
    // 2024-03-10: 02:00 EST -> 03:00 EDT (07:00Z); 2024-11-03: 02:00 EDT -> 01:00 EST (06:00Z).
    const mar10 = MAR1 + 9 * 86_400_000;
    const nov3 = Date.UTC(2024, 10, 3);
    expect(parseTimeMs('2024-03-10T01:59:00', 'iso', ny)).toBe(mar10 + 6 * H + 59 * 60_000);
    expect(parseTimeMs('2024-03-10T02:00:00', 'iso', ny)).toBeUndefined();
    expect(parseTimeMs('2024-03-10T02:30:00', 'iso', ny)).toBeUndefined();
    expect(parseTimeMs('2024-03-10T03:00:00', 'iso', ny)).toBe(mar10 + 7 * H);
    expect(parseTimeMs('2024-11-03T00:59:00', 'iso', ny)).toBe(nov3 + 4 * H + 59 * 60_000);
    expect(parseTimeMs('2024-11-03T01:30:00', 'iso', ny)).toBeUndefined();
    expect(parseTimeMs('2024-11-03T02:00:00', 'iso', ny)).toBe(nov3 + 7 * H);
    // with its offset, the same wall time is one instant
    expect(parseTimeMs('2024-11-03T01:30:00-05:00', 'iso', ny)).toBe(nov3 + 6.5 * H);
    const berlin = parseTimeZone('Europe/Berlin');
    // 2024-03-31: 02:00 CET -> 03:00 CEST (01:00Z); 2024-10-27: 03:00 CEST -> 02:00 CET (01:00Z).
    const mar31 = Date.UTC(2024, 2, 31);
    const oct27 = Date.UTC(2024, 9, 27);
    expect(parseTimeMs('2024-03-31T01:30:00', 'iso', berlin)).toBe(mar31 + 0.5 * H);
    expect(parseTimeMs('2024-03-31T02:30:00', 'iso', berlin)).toBeUndefined();
    expect(parseTimeMs('2024-03-31T03:00:00', 'iso', berlin)).toBe(mar31 + H);
    expect(parseTimeMs('2024-10-27T02:30:00', 'iso', berlin)).toBeUndefined();
    expect(parseTimeMs('2024-10-27T03:00:00', 'iso', berlin)).toBe(oct27 + 2 * H);
  });
  it('reads a date alone as 00:00 UTC whatever the zone', () => {
    expect(parseTimeMs('2024-03-01', 'iso', parseTimeZone('America/New_York'))).toBe(MAR1);
    expect(parseTimeMs('2024-03-01', 'date', UTC)).toBe(MAR1);
  });
  it('reads years 0000-0099 as written, not as 1900-1999 (Python: datetime(50, 1, 1) - datetime(1970, 1, 1))', () => {
    expect(parseTimeMs('0050-01-01T00:00:00Z', 'iso', UTC)).toBe(-60_589_296_000_000);
    expect(parseTimeMs('0050-01-01', 'date', UTC)).toBe(-60_589_296_000_000);
    // year 4 is a leap year; 1904 would be too, but 0004-02-29 must not land in 1904
    expect(parseTimeMs('0004-02-29T00:00:00Z', 'iso', UTC)).toBe(-62_035_891_200_000);
  });
  it('refuses an offset outside -23:59 .. +23:59 and an offset on a date without a time, which it would drop', () => {
    expect(parseTimeMs('2024-03-01T00:00:00+25:00', 'iso', UTC)).toBeUndefined();
    expect(parseTimeMs('2024-03-01T00:00:00+05:60', 'iso', UTC)).toBeUndefined();
    expect(parseTimeMs('2024-03-01+05:00', 'iso', UTC)).toBeUndefined();
    expect(parseTimeMs('2024-03-01T05:00+05', 'iso', UTC)).toBe(MAR1);
  });
  it('reads epoch seconds and milliseconds', () => {
    expect(parseTimeMs('1709251200', 'epoch-s', UTC)).toBe(MAR1);
    expect(parseTimeMs(1_709_251_200_000, 'epoch-ms', UTC)).toBe(MAR1);
  });
  it('returns undefined for impossible dates and other formats', () => {
    expect(parseTimeMs('2023-02-29', 'iso', UTC)).toBeUndefined();
    expect(parseTimeMs('01/03/2024', 'iso', UTC)).toBeUndefined();
    expect(parseTimeMs('2024-03-01T00:00:00Z', 'date', UTC)).toBeUndefined();
  });
});

describe('parseTimeZone', () => {
  it('lists the accepted forms for an unknown zone', () => {
    expect(() => parseTimeZone('Mars/Olympus')).toThrow("--tz: expected UTC, an offset like +05:30, or an IANA zone like America/New_York, found 'Mars/Olympus'");
  });
  it('refuses a --tz offset outside -23:59 .. +23:59, as it refuses one in a cell (+05:75 read as 6 h 15 min)', () => {
    for (const tz of ['+25:00', '+05:60', '+05:75', '-99:99']) expect(() => parseTimeZone(tz)).toThrow(`--tz: expected UTC, an offset like +05:30, or an IANA zone like America/New_York, found '${tz}'`);
    expect(parseTimeZone('-23:59')).toEqual({ kind: 'offset', minutes: -(23 * 60 + 59) });
    expect(parseTimeZone('+0530')).toEqual({ kind: 'offset', minutes: 330 });
  });
});
