import { describe, expect, it } from 'vitest';
import { defaultLpWeek } from '../../../../engine/report/lp/default-lp-week.js';

const utc = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h);

describe('defaultLpWeek', () => {
  it("skips a last week the run covers for one instant (the quickstart ends Monday 2010-03-01 00:00): the default is the week before, Monday 2010-02-22 .. Sunday 2010-02-28", () => {
    const d = defaultLpWeek(utc(2000, 1, 1), utc(2010, 3, 1));
    expect(d).toEqual({ week: { label: '2010-W08', startMs: utc(2010, 2, 22), endMs: utc(2010, 3, 1) }, partial: false });
  });

  it('takes the last week when the run reaches its last millisecond, and not when it stops one millisecond short', () => {
    // 2010-02-28 is a Sunday: W08 ends at 2010-03-01 00:00, exclusive
    expect(defaultLpWeek(utc(2000, 1, 1), utc(2010, 3, 1) - 1).week.label).toBe('2010-W08');
    expect(defaultLpWeek(utc(2000, 1, 1), utc(2010, 3, 1) - 2).week.label).toBe('2010-W07');
    // a daily run whose last close is Sunday 00:00 has not seen that Sunday out
    expect(defaultLpWeek(utc(2000, 1, 1), utc(2010, 2, 28)).week.label).toBe('2010-W07');
  });

  it('needs the week from its Monday 00:00: a run starting Tuesday does not cover its first week', () => {
    // Tuesday 2010-02-23 .. Monday 2010-03-08 00:00: only W09 (2010-03-01 .. 03-07) is whole
    expect(defaultLpWeek(utc(2010, 2, 23), utc(2010, 3, 8))).toEqual({ week: { label: '2010-W09', startMs: utc(2010, 3, 1), endMs: utc(2010, 3, 8) }, partial: false });
  });

  it('falls back to the last, partial week, marked so, when the run covers no week completely', () => {
    // Wednesday 2010-02-24 .. Tuesday 2010-03-02 12:00: parts of W08 and W09
    expect(defaultLpWeek(utc(2010, 2, 24), utc(2010, 3, 2, 12))).toEqual({ week: { label: '2010-W09', startMs: utc(2010, 3, 1), endMs: utc(2010, 3, 8) }, partial: true });
    // one instant
    expect(defaultLpWeek(utc(2010, 3, 1), utc(2010, 3, 1))).toEqual({ week: { label: '2010-W09', startMs: utc(2010, 3, 1), endMs: utc(2010, 3, 8) }, partial: true });
  });
});
