import { describe, expect, it } from 'vitest';
import { alignByTime, benchmarkReturnsAt } from '../../../engine/metrics/align-benchmark.js';
import { periodReturns } from '../../../engine/metrics/period-returns.js';

describe('benchmarkReturnsAt', () => {
  it('uses the last close at or before each time and leaves the first period and uncovered periods NaN', () => {
    // equity times 10, 20, 30, 40; closes at 15 (100), 20 (110), 35 (99)
    // L: 10 none, 20 110, 30 110, 40 99 -> returns NaN, NaN (no level at 10), 0, 99/110 - 1
    const b = benchmarkReturnsAt(Float64Array.from([10, 20, 30, 40]), Float64Array.from([15, 20, 35]), Float64Array.from([100, 110, 99]));
    expect(Number.isNaN(b[0] as number)).toBe(true);
    expect(Number.isNaN(b[1] as number)).toBe(true);
    expect(b[2]).toBe(0);
    expect(b[3]).toBe(99 / 110 - 1);
  });

  it('leaves NaN the periods that start at or after the last close, rather than a flat benchmark', () => {
    // equity times 10, 20, 30, 40, 50; closes at 10 (100), 20 (110), 25 (121): the file ends at 25
    // periods (10, 20]: 110/100 - 1; (20, 30]: 121/110 - 1 (a close at 25 follows its start);
    // (30, 40] and (40, 50]: no close after their start, so no return (not 121/121 - 1 = 0)
    const b = benchmarkReturnsAt(Float64Array.from([10, 20, 30, 40, 50]), Float64Array.from([10, 20, 25]), Float64Array.from([100, 110, 121]));
    expect(b[1]).toBe(110 / 100 - 1);
    expect(b[2]).toBe(121 / 110 - 1);
    expect(Number.isNaN(b[3] as number)).toBe(true);
    expect(Number.isNaN(b[4] as number)).toBe(true);
  });
});

describe('alignByTime', () => {
  it('keeps the periods both series have', () => {
    const p = alignByTime(Float64Array.from([1, 2, 4]), Float64Array.from([0.1, 0.2, 0.4]), Float64Array.from([2, 3, 4]), Float64Array.from([-2, -3, -4]));
    expect([...p.tsMs]).toEqual([2, 4]);
    expect([...p.returns]).toEqual([0.2, 0.4]);
    expect([...p.benchmark]).toEqual([-2, -4]);
  });
});

describe('periodReturns', () => {
  it('compounds within UTC calendar months and years, keyed YYYY-MM and YYYY', () => {
    const ts = Float64Array.from([Date.UTC(2020, 11, 31, 23), Date.UTC(2021, 0, 1, 0), Date.UTC(2021, 0, 15)]);
    const r = Float64Array.from([0.1, 0.1, -0.5]);
    // 2020-12: 0.1; 2021-01: 1.1 x 0.5 - 1 = -0.45
    expect(periodReturns(r, ts, 'month')).toEqual([
      { key: '2020-12', value: 1.1 - 1 },
      { key: '2021-01', value: 1.1 * 0.5 - 1 },
    ]);
    expect(periodReturns(r, ts, 'year').map((p) => p.key)).toEqual(['2020', '2021']);
  });
});
