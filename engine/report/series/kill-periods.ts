const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-05, the first Monday after the epoch: weeks start on Mondays (ISO). */
const FIRST_MONDAY = 4 * DAY;

/** A calendar period: its name and how instants map to period numbers and back (UTC). */
interface PeriodUnit {
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

/** The periods kills are counted over, shortest first: the shortest that keeps a run within the bound is used. */
export const KILL_PERIOD_UNITS: readonly PeriodUnit[] = [
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

/** One bar of the kill counts: `count` events of `kind` in [fromMs, toMs), stacked from y0 to y1 over the kinds before it in the period. */
export interface KillPeriodCount {
  readonly fromMs: number;
  readonly toMs: number;
  readonly kind: string;
  readonly count: number;
  readonly y0: number;
  readonly y1: number;
}

/**
 * Returns the kill events counted per calendar period by kind: the shortest period of
 * KILL_PERIOD_UNITS over which [domainFromMs, domainToMs] spans at most `maxPeriods` periods
 * (the longest unit past that), one count per (period, kind) that has events, periods in time
 * order and kinds in `kinds` order within one (stacked in that order; a kind not in `kinds`
 * after them, by name). Memory O(kills); the counts add up to the number of kills.
 */
export function killCountsByPeriod(killTs: readonly number[], killKind: readonly string[], kinds: readonly string[], domainFromMs: number, domainToMs: number, maxPeriods: number): { unit: string; counts: KillPeriodCount[] } {
  const units = KILL_PERIOD_UNITS;
  const unit = units.find((u) => u.index(domainToMs) - u.index(domainFromMs) + 1 <= maxPeriods) ?? (units[units.length - 1] as PeriodUnit);
  const extra = [...new Set(killKind.filter((k) => !kinds.includes(k)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const order = [...kinds, ...extra];
  const byPeriod = new Map<number, number[]>();
  for (let i = 0; i < killTs.length; i++) {
    const p = unit.index(killTs[i] as number);
    const row = byPeriod.get(p) ?? new Array<number>(order.length).fill(0);
    const k = order.indexOf(killKind[i] as string);
    row[k] = (row[k] as number) + 1;
    byPeriod.set(p, row);
  }
  const counts: KillPeriodCount[] = [];
  for (const p of [...byPeriod.keys()].sort((a, b) => a - b)) {
    const row = byPeriod.get(p) as number[];
    let y = 0;
    row.forEach((count, k) => {
      if (count === 0) return;
      counts.push({ fromMs: unit.start(p), toMs: unit.start(p + 1), kind: order[k] as string, count, y0: y, y1: y + count });
      y += count;
    });
  }
  return { unit: unit.name, counts };
}
