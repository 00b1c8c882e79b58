import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { curveTimes, isCurveTimesOf } from '../../../engine/metrics/curve-times.js';
import { equityMetrics } from '../../../engine/metrics/equity-metrics.js';
import { periodReturns } from '../../../engine/metrics/period-returns.js';

const DAY = 86_400_000;

/** Sorted times from a start and gaps of 0.5 to 60 days (so months and years are crossed). */
const arbTimes = fc.tuple(fc.integer({ min: 0, max: 40 * 365 * DAY }), fc.array(fc.integer({ min: DAY / 2, max: 60 * DAY }), { minLength: 1, maxLength: 80 })).map(([start, gaps]) => {
  const ts = new Float64Array(gaps.length);
  let t = start;
  gaps.forEach((g, i) => {
    t += g;
    ts[i] = t;
  });
  return ts;
});

describe('curveTimes', () => {
  it('gives equityMetrics the same figures as it computes without them, benchmark included', () => {
    fc.assert(
      fc.property(arbTimes, fc.array(fc.double({ min: 50, max: 200, noNaN: true }), { minLength: 80, maxLength: 80 }), (ts, values) => {
        const equity = Float64Array.from(values.slice(0, ts.length));
        const benchmark = { symbol: 'B', prices: 'p.arrow', tsMs: ts, close: Float64Array.from(values.slice(0, ts.length).reverse()) };
        for (const b of [null, benchmark]) expect(equityMetrics(ts, equity, 100, 12, b, curveTimes(ts))).toEqual(equityMetrics(ts, equity, 100, 12, b));
      }),
      { numRuns: 200 },
    );
  });

  it('gives periodReturns the same rows with the calendar segments computed once', () => {
    fc.assert(
      fc.property(arbTimes, (ts) => {
        const returns = ts.map((_, i) => ((i % 7) - 3) / 100);
        const times = curveTimes(ts);
        expect(periodReturns(returns, ts, 'month', times.month)).toEqual(periodReturns(returns, ts, 'month'));
        expect(periodReturns(returns, ts, 'year', times.year)).toEqual(periodReturns(returns, ts, 'year'));
      }),
    );
  });
});

describe('isCurveTimesOf', () => {
  it('holds for equal times only: a copy, not a shorter series or one point moved by 1 ms', () => {
    const ts = Float64Array.from([DAY, 40 * DAY, 80 * DAY]);
    const times = curveTimes(ts);
    expect(isCurveTimesOf(times, Float64Array.from(ts))).toBe(true);
    expect(isCurveTimesOf(times, ts.subarray(0, 2))).toBe(false);
    expect(isCurveTimesOf(times, Float64Array.from([DAY, 40 * DAY + 1, 80 * DAY]))).toBe(false);
  });
});
