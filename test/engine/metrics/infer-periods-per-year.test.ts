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

  it('gives null with a reason for fewer than 2 dates', () => {
    expect(inferPeriodsPerYear(Float64Array.from([0]))).toEqual({ periodsPerYear: null, reason: 'needs at least 2 dates, found 1' });
  });
});
