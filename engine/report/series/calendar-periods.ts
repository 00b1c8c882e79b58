const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-05, the first Monday after the epoch: weeks start on Mondays (ISO). */
const FIRST_MONDAY = 4 * DAY;

/** A calendar period: its name and how instants map to period numbers and back (UTC). */
export interface PeriodUnit {
  readonly name: string;
  /** The number of the period holding `tsMs`. */
  readonly index: (tsMs: number) => number;
  /** The start (UTC ms) of period number `k`. */
  readonly start: (k: number) => number;
}

function fixed(name: string, ms: number, offset = 0): PeriodUnit {
  return { name, index: (t) => Math.floor((t - offset) / ms), start: (k) => k * ms + offset };
}

function months(name: string, perPeriod: number): PeriodUnit {
  return {
    name,
    index: (t) => {
      const d = new Date(t);
      return Math.floor((d.getUTCFullYear() * 12 + d.getUTCMonth()) / perPeriod);
    },
    start: (k) => Date.UTC(Math.floor((k * perPeriod) / 12), (k * perPeriod) % 12, 1),
  };
}

/** The periods a chart aggregates over (kills counted, weights averaged), shortest first: the shortest that keeps a run within the chart's bound is used. */
export const CALENDAR_PERIOD_UNITS: readonly PeriodUnit[] = [
  fixed('minute', MINUTE),
  fixed('5 minutes', 5 * MINUTE),
  fixed('15 minutes', 15 * MINUTE),
  fixed('hour', HOUR),
  fixed('6 hours', 6 * HOUR),
  fixed('day', DAY),
  fixed('week', WEEK, FIRST_MONDAY),
  months('month', 1),
  months('quarter', 3),
  months('year', 12),
];

/** Returns the shortest period of CALENDAR_PERIOD_UNITS over which [fromMs, toMs] spans at most `maxPeriods` periods (the longest, a year, past that). */
export function calendarPeriodUnit(fromMs: number, toMs: number, maxPeriods: number): PeriodUnit {
  const units = CALENDAR_PERIOD_UNITS;
  return units.find((u) => u.index(toMs) - u.index(fromMs) + 1 <= maxPeriods) ?? (units[units.length - 1] as PeriodUnit);
}
