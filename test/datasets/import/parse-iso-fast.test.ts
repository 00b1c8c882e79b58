import { describe, expect, it } from 'vitest';
import { newDayCache, NOT_FAST, parseIsoFast } from '../../../datasets/import/parse-iso-fast.js';
import { parseTimeMs, parseTimeZone } from '../../../datasets/import/parse-time.js';

const UTC = parseTimeZone('UTC');

describe('parseIsoFast', () => {
  it('agrees with parseTimeMs on every time it reads and declines other shapes', () => {
    const cache = newDayCache();
    const inputs = [
      '2024-03-01T09:30:00Z', '2024-03-01 09:30:00', '2024-03-01T09:30:00.123456', '2024-03-01T09:30:00,5z', '2024-02-29T23:59:59.9Z',
      '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:60:00Z', '1000-01-01T00:00:00Z',
      '0999-01-01T00:00:00Z', '2024-01-01T00:00', '2024-01-01T00:00:00+02:00', '2024-01-01T00:00:00 Z', ' 2024-01-01T00:00:00Z', '2024-01-01T00:00:00.Z',
      '2024-03-10T02:30:00', '2024-11-03T01:30:00', '2024-11-03T02:00:00',
    ];
    for (const tz of [UTC, parseTimeZone('+05:30'), parseTimeZone('America/New_York')]) {
      for (const s of inputs) {
        const fast = parseIsoFast(s, tz, cache);
        if (fast !== NOT_FAST) expect([s, fast]).toEqual([s, parseTimeMs(s, 'iso', tz)]);
      }
    }
    expect(parseIsoFast('2024-01-01T00:00:00+02:00', UTC, cache)).toBe(NOT_FAST);
    expect(parseIsoFast('0999-01-01T00:00:00Z', UTC, cache)).toBe(NOT_FAST);
    expect(parseIsoFast('2023-02-29T00:00:00Z', UTC, cache)).toBeUndefined();
    // a wall time New York skips (2024-03-10) or repeats (2024-11-03) is no time there
    expect(parseIsoFast('2024-03-10T02:30:00', parseTimeZone('America/New_York'), cache)).toBeUndefined();
    expect(parseIsoFast('2024-11-03T01:30:00', parseTimeZone('America/New_York'), cache)).toBeUndefined();
    // 2024-03-01T09:30Z = 1709251200000 + 9.5 h.
    expect(parseIsoFast('2024-03-01T09:30:00.1239Z', UTC, cache)).toBe(1_709_251_200_000 + 9.5 * 3_600_000 + 123);
  });
});
