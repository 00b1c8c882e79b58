import { isoFromMs, utcPeriodMs } from '../core/time.js';

/** A calendar period of a period table: 'month' keys YYYY-MM, 'year' keys YYYY (UTC). */
export type CalendarPeriod = 'month' | 'year';

/** One row of a period table: its UTC calendar key and the compounded return within it. */
export interface PeriodReturn {
  readonly key: string;
  readonly value: number;
}

/**
 * Returns the returns compounded within each UTC calendar month or year, prod(1 + r) - 1 over
 * the periods whose end time `tsMs[i]` falls in it, in time order (xts `apply.monthly` /
 * `apply.yearly` of `Return.cumulative`). Periods without a return are absent, not 0.
 */
export function periodReturns(returns: Float64Array, tsMs: Float64Array, period: CalendarPeriod): PeriodReturn[] {
  const width = period === 'month' ? 7 : 4;
  const out: PeriodReturn[] = [];
  let key = '';
  let wealth = 1;
  // The current key's period in ms: a time inside it has that key, so the ISO string (a Date
  // and a string per point: tens of ms on an hourly equity curve) is made once per period.
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < returns.length; i++) {
    const t = tsMs[i] as number;
    if (!(t >= from && t < to)) {
      const k = isoFromMs(t).slice(0, width);
      if (k !== key) {
        if (key !== '') out.push({ key, value: wealth - 1 });
        key = k;
        wealth = 1;
      }
      [from, to] = utcPeriodMs(t, period === 'month' ? 1 : 12);
    }
    wealth *= 1 + (returns[i] as number);
  }
  if (key !== '') out.push({ key, value: wealth - 1 });
  return out;
}
