import { describe, expect, it } from 'vitest';
import { parseDurationMs } from '../../../engine/scenario/duration.js';

describe('parseDurationMs', () => {
  it('converts seconds, minutes, hours and days to milliseconds', () => {
    expect(parseDurationMs('90s')).toBe(90_000); // 90 x 1000
    expect(parseDurationMs('5m')).toBe(300_000); // 5 x 60 x 1000
    expect(parseDurationMs('1h')).toBe(3_600_000); // 60 x 60 x 1000
    expect(parseDurationMs('1d')).toBe(86_400_000); // 24 x 3600 x 1000
    expect(parseDurationMs('7d')).toBe(604_800_000);
    expect(parseDurationMs('30d')).toBe(2_592_000_000);
  });

  it('rejects zero, fractions, missing or unknown units and spaces', () => {
    for (const text of ['0d', '0s', '1.5h', '10', 'd', '1w', '1ms', '1 d', ' 1d', '-1d', '1D', '']) {
      expect(parseDurationMs(text), text).toBeUndefined();
    }
  });
});
