import { describe, expect, it } from 'vitest';
import { inferPeriodsPerYear } from '../../../engine/metrics/infer-periods-per-year.js';

const day = 86_400_000;
const from = (start: string, stepMs: number, n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => Date.parse(start) + i * stepMs);

describe('inferPeriodsPerYear', () => {
  it('reads weekday-only daily data as 252 and calendar-daily data as 365', () => {
    const weekdays = Float64Array.from(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'].map((d) => Date.parse(d)));
    expect(inferPeriodsPerYear(weekdays).periodsPerYear).toBe(252);
    expect(inferPeriodsPerYear(from('2024-01-01', day, 10)).periodsPerYear).toBe(365);
  });

  it('reads weekly, monthly, quarterly, annual and hourly spacing', () => {
    expect(inferPeriodsPerYear(from('2024-01-01', 7 * day, 5)).periodsPerYear).toBe(52);
    const monthEnds = Float64Array.from(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'].map((d) => Date.parse(d)));
    expect(inferPeriodsPerYear(monthEnds).periodsPerYear).toBe(12);
    expect(inferPeriodsPerYear(from('2024-01-01', 91 * day, 4)).periodsPerYear).toBe(4);
    expect(inferPeriodsPerYear(from('2020-01-01', 365 * day, 4)).periodsPerYear).toBe(1);
    expect(inferPeriodsPerYear(from('2024-01-01', 3_600_000, 48)).periodsPerYear).toBe(8760);
  });

  it('reads intraday bars in trading sessions (no weekend dates over a week or more) as 252 days of the median bars a day, not 365 × 24 h', () => {
    // 7 hourly bars a trading day (13:30-19:30 UTC), Mon-Fri, four weeks, one half day
    const bars: number[] = [];
    for (let d = 0; d < 28; d++) {
      const date = Date.parse('2024-03-04') + d * day;
      const dow = new Date(date).getUTCDay();
      if (dow === 0 || dow === 6) continue;
      const n = d === 10 ? 4 : 7;
      for (let h = 0; h < n; h++) bars.push(date + 13.5 * 3_600_000 + h * 3_600_000);
    }
    const got = inferPeriodsPerYear(Float64Array.from(bars));
    expect(got.periodsPerYear).toBe(252 * 7);
    expect(got.reason).toMatch(/252 trading days × 7 dates a day/);
    // around the clock, weekends included: 365 × 24 h as before
    expect(inferPeriodsPerYear(from('2024-03-04', 3_600_000, 24 * 28)).periodsPerYear).toBe(8760);
    // weekdays around the clock (FX without its Sunday open): 252 × 24
    const weekdayHours = Array.from(from('2024-03-04', 3_600_000, 24 * 28)).filter((t) => new Date(t).getUTCDay() % 6 !== 0);
    expect(inferPeriodsPerYear(Float64Array.from(weekdayHours)).periodsPerYear).toBe(252 * 24);
    // under a week no weekend can be seen: 365 × 24 h / spacing
    expect(inferPeriodsPerYear(Float64Array.from(bars.slice(0, 35))).periodsPerYear).toBe(8760);
  });

  it('puts a spacing just inside either edge of each documented bucket in that bucket', () => {
    // the doc's buckets (median spacing in days): 0.75-4 -> 252 or 365 (these dates have weekends),
    // 4-10 -> 52, 10-20 -> 24, 20-45 -> 12, 45-135 -> 4, 135-250 -> 2, 250-500 -> 1, longer -> null
    const edges: readonly (readonly [number, number | null])[] = [
      [0.76, 365], [3.9, 365], [4.1, 52], [9.9, 52], [10.1, 24], [19.9, 24], [20.1, 12], [44.9, 12],
      [45.1, 4], [134.9, 4], [135.1, 2], [249.9, 2], [250.1, 1], [499.9, 1], [500.1, null],
    ];
    for (const [days, want] of edges) expect(inferPeriodsPerYear(from('2024-01-01', days * day, 12)).periodsPerYear, `${days} days`).toBe(want);
    // under 0.75 day, 365 x 24 h / spacing: 16 h -> 8760 / 16 = 547.5, rounded
    expect(inferPeriodsPerYear(from('2024-01-01', 16 * 3_600_000, 40)).periodsPerYear).toBe(548);
  });

  it('takes the median of an even number of spacings as the mean of the middle two', () => {
    // spacings 1, 2, 12, 30 days: median (2 + 12) / 2 = 7 -> weekly; the upper middle alone (12) would be semi-monthly
    const t0 = Date.parse('2024-01-01');
    const dates = [0, 1, 3, 15, 45].map((d) => t0 + d * day);
    expect(inferPeriodsPerYear(Float64Array.from(dates))).toEqual({ periodsPerYear: 52, reason: 'median date spacing 7 days (weekly)' });
  });

  it('reads hourly bars on weekdays only as 365 x 24 h while they span under a week, even across a weekend', () => {
    // 7 bars a day, Tuesday 2024-03-05 to Monday 2024-03-11 (no Saturday or Sunday bars): 6.25 days
    const bars: number[] = [];
    for (const d of ['2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-11']) {
      for (let h = 0; h < 7; h++) bars.push(Date.parse(d) + 13.5 * 3_600_000 + h * 3_600_000);
    }
    expect(((bars.at(-1) as number) - (bars[0] as number)) / day).toBe(6.25);
    expect(inferPeriodsPerYear(Float64Array.from(bars)).periodsPerYear).toBe(8760);
  });

  it('gives null with a reason for fewer than 2 dates', () => {
    expect(inferPeriodsPerYear(Float64Array.from([0]))).toEqual({ periodsPerYear: null, reason: 'needs at least 2 dates, found 1' });
  });
});
