import { calendarSegments, type CalendarPeriod, type CalendarSegments } from './calendar-segments.js';

/** One row of a period table: its UTC calendar key and the compounded return within it. */
export interface PeriodReturn {
  readonly key: string;
  readonly value: number;
}

/**
 * Returns the returns compounded within each UTC calendar month or year, prod(1 + r) - 1 over
 * the periods whose end time `tsMs[i]` falls in it, in time order (xts `apply.monthly` /
 * `apply.yearly` of `Return.cumulative`). Periods without a return are absent, not 0.
 * `segments`: the times' calendar segments when already computed (calendar-segments.ts, over
 * the first returns.length times; engine/metrics/curve-times.ts).
 */
export function periodReturns(returns: Float64Array, tsMs: Float64Array, period: CalendarPeriod, segments: CalendarSegments = calendarSegments(tsMs, period, returns.length)): PeriodReturn[] {
  const out: PeriodReturn[] = [];
  let i = 0;
  for (let k = 0; k < segments.keys.length; k++) {
    const end = segments.ends[k] as number;
    let wealth = 1;
    for (; i < end; i++) wealth *= 1 + (returns[i] as number);
    out.push({ key: segments.keys[k] as string, value: wealth - 1 });
  }
  return out;
}
