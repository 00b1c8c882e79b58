import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { periodReturns } from '../../../engine/metrics/period-returns.js';
import type { CalendarPeriod } from '../../../engine/metrics/calendar-segments.js';
import { isoFromMs } from '../../../engine/core/time.js';

/** The definition: each point's ISO key compared with the last one's. */
function byEveryKey(returns: Float64Array, tsMs: Float64Array, period: CalendarPeriod): { key: string; value: number }[] {
  const width = period === 'month' ? 7 : 4;
  const out: { key: string; value: number }[] = [];
  let key = '';
  let wealth = 1;
  for (let i = 0; i < returns.length; i++) {
    const k = isoFromMs(tsMs[i] as number).slice(0, width);
    if (k !== key) {
      if (key !== '') out.push({ key, value: wealth - 1 });
      key = k;
      wealth = 1;
    }
    wealth *= 1 + (returns[i] as number);
  }
  if (key !== '') out.push({ key, value: wealth - 1 });
  return out;
}

describe('periodReturns', () => {
  it('keys every point as its own ISO month or year does: boundaries to the ms, leap days, years 0-99 and before 0, unsorted times', () => {
    const edges = [Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 2, 1), Date.UTC(2023, 11, 31, 23, 59, 59, 999), Date.UTC(2024, 0, 1), -62198755200000, -62167219200000, -62167219200001, 0, -1];
    const arbTs = fc.oneof(fc.constantFrom(...edges), fc.integer({ min: -70_000_000_000_000, max: 4_000_000_000_000 }), fc.constantFrom(...edges).chain((e) => fc.integer({ min: -3, max: 3 }).map((d) => e + d)));
    fc.assert(
      fc.property(fc.array(fc.tuple(arbTs, fc.double({ min: -0.5, max: 0.5, noNaN: true })), { minLength: 1, maxLength: 60 }), fc.boolean(), fc.constantFrom<CalendarPeriod>('month', 'year'), (rows, sorted, period) => {
        const r = sorted ? [...rows].sort((a, b) => a[0] - b[0]) : rows;
        const ts = Float64Array.from(r, (x) => x[0]);
        const ret = Float64Array.from(r, (x) => x[1]);
        expect(periodReturns(ret, ts, period)).toEqual(byEveryKey(ret, ts, period));
      }),
      { numRuns: 500 },
    );
  });
});
