import { describe, expect, it } from 'vitest';
import { tickCount, tickTimes } from '../../../engine/clock/schedule.js';
import { MS } from '../../../engine/core/time.js';

const utcDay = (ms: number): number => new Date(ms).getUTCDay(); // 0 Sunday .. 6 Saturday

describe('tickTimes', () => {
  it('puts ticks on the epoch multiples of the cadence in [start, end], both included', () => {
    // 1970-01-01 was a Thursday: weekly ticks without an offset fall on Thursdays
    const start = Date.UTC(2024, 0, 1); // a Monday
    const ticks = tickTimes(start, Date.UTC(2024, 0, 29), 7 * MS.day);
    expect(Array.from(ticks, (t) => new Date(t).toISOString().slice(0, 10))).toEqual(['2024-01-04', '2024-01-11', '2024-01-18', '2024-01-25']);
    expect(Array.from(tickTimes(start, start + 2 * MS.day, MS.day))).toEqual([start, start + MS.day, start + 2 * MS.day]);
  });

  it('moves the grid by the offset: 7d with offset 4d ticks on Mondays, 1d with offset 21h at 21:00 UTC', () => {
    const start = Date.UTC(2024, 0, 1); // a Monday, 00:00: on the shifted weekly grid, so the first tick
    const weekly = tickTimes(start, Date.UTC(2024, 2, 31), 7 * MS.day, 4 * MS.day);
    expect(weekly[0]).toBe(start);
    expect(weekly.length).toBe(13);
    expect(Array.from(weekly).every((t) => utcDay(t) === 1 && t % MS.day === 0)).toBe(true);
    const daily = tickTimes(Date.UTC(2024, 0, 1, 21, 0, 0, 1), Date.UTC(2024, 0, 4), MS.day, 21 * MS.hour);
    expect(Array.from(daily, (t) => new Date(t).toISOString())).toEqual(['2024-01-02T21:00:00.000Z', '2024-01-03T21:00:00.000Z']);
  });

  it('counts what it gives, and none when the window holds no grid time', () => {
    for (const [start, end, cadence, offset] of [
      [0, 10 * MS.day, 7 * MS.day, 4 * MS.day],
      [MS.hour, 3 * MS.hour - 1, 6 * MS.hour, 2 * MS.hour],
      [5 * MS.hour, 7 * MS.hour, 6 * MS.hour, 2 * MS.hour],
    ] as const) {
      expect(tickCount(start, end, cadence, offset)).toBe(tickTimes(start, end, cadence, offset).length);
    }
    expect(tickCount(5 * MS.hour, 7 * MS.hour, 6 * MS.hour, 2 * MS.hour)).toBe(0);
    expect(() => tickTimes(0, MS.day, MS.day, MS.day)).toThrow(RangeError);
  });
});
