import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isoWeekOf, isoWeeksBetween, isoWeeksInYear, parseIsoWeek } from '../../../../engine/report/lp/iso-week.js';

// Expected labels and Mondays from Python's datetime.isocalendar() (test/reference/iso_weeks.py).
const REF = JSON.parse(readFileSync('test/reference/iso_weeks.json', 'utf8')) as { day: string; ts_ms: number; label: string; start_ms: number }[];
const DAY = 86_400_000;

describe('isoWeekOf', () => {
  it('names the ISO week of each day as Python isocalendar does, Monday to Monday', () => {
    for (const r of REF) {
      const w = isoWeekOf(r.ts_ms + 13 * 3_600_000); // any time of the day
      expect(w.label, r.day).toBe(r.label);
      expect(w.startMs, r.day).toBe(r.start_ms);
      expect(w.endMs - w.startMs).toBe(7 * DAY);
    }
  });
});

describe('parseIsoWeek', () => {
  it('returns the week a label names and rejects weeks that do not exist', () => {
    for (const r of REF) expect(parseIsoWeek(r.label)?.startMs, r.label).toBe(r.start_ms);
    expect(parseIsoWeek('2005-W53')).toBeUndefined(); // 2005 has 52 ISO weeks
    expect(parseIsoWeek('2004-W53')?.label).toBe('2004-W53');
    expect(parseIsoWeek('2010-9')).toBeUndefined();
  });
});

describe('isoWeeksBetween', () => {
  it('lists every week from the first through the last, in order', () => {
    // 2004-12-31 (Friday, 2004-W53) .. 2005-01-10 (Monday, 2005-W02): three weeks.
    const ws = isoWeeksBetween(Date.UTC(2004, 11, 31), Date.UTC(2005, 0, 10));
    expect(ws.map((w) => w.label)).toEqual(['2004-W53', '2005-W01', '2005-W02']);
  });
});

describe('isoWeeksInYear', () => {
  it('gives 53 for the long ISO years and 52 for the others, as Python isocalendar does', () => {
    // python3: [y for y in range(2000, 2031) if date(y, 12, 28).isocalendar()[1] == 53]
    const long = [2004, 2009, 2015, 2020, 2026];
    for (let y = 2000; y <= 2030; y++) expect(isoWeeksInYear(y), String(y)).toBe(long.includes(y) ? 53 : 52);
  });
});
