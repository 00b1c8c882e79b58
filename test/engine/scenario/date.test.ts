import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDateMs } from '../../../engine/scenario/date.js';

// epoch ms from Python datetime: test/reference/scenario_dates.py -> test/fixtures/scenario/dates.json
const REFERENCE = JSON.parse(readFileSync(new URL('../../fixtures/scenario/dates.json', import.meta.url), 'utf8')) as Record<string, number>;

describe('parseDateMs', () => {
  it('matches Python datetime for dates, date-times, fractions and offsets', () => {
    const cases = Object.entries(REFERENCE);
    expect(cases.length).toBe(13);
    for (const [text, ms] of cases) expect(parseDateMs(text), text).toBe(ms);
  });

  it('rejects days and times that do not exist', () => {
    for (const text of ['2021-02-29', '2020-13-01', '2020-04-31', '2020-00-10', '2020-01-01T24:00:00Z', '2020-01-01T10:60Z', '2020-01-01T10:00+24:00']) {
      expect(parseDateMs(text), text).toBeUndefined();
    }
  });

  it('rejects date-times without a zone and other formats', () => {
    for (const text of ['2020-01-01T09:30:00', '2020/01/01', '01-02-2020', '2020-1-1', '2020-01-01 09:30Z', 'yesterday', '']) {
      expect(parseDateMs(text), text).toBeUndefined();
    }
  });
});
