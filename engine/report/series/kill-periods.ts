import { calendarPeriodUnit } from './calendar-periods.js';

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
 * CALENDAR_PERIOD_UNITS over which [domainFromMs, domainToMs] spans at most `maxPeriods` periods
 * (the longest unit past that), one count per (period, kind) that has events, periods in time
 * order and kinds in `kinds` order within one (stacked in that order; a kind not in `kinds`
 * after them, by name). Memory O(kills); the counts add up to the number of kills.
 */
export function killCountsByPeriod(killTs: readonly number[], killKind: readonly string[], kinds: readonly string[], domainFromMs: number, domainToMs: number, maxPeriods: number): { unit: string; counts: KillPeriodCount[] } {
  const unit = calendarPeriodUnit(domainFromMs, domainToMs, maxPeriods);
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
