import { MS } from '../core/time.js';
import { resizedTo } from '../core/growable.js';
import { isoWeekOf } from '../report/lp/iso-week.js';
import { firstIndexWhere } from '../core/first-index-where.js';

/**
 * Reconciled outcomes' pnl by agent, summed per UTC day and per ISO week: what the LP reports
 * read of a run's outcomes, kept in memory that grows with days x agents, not with outcomes
 * (an M run logs 10M of them). Every sum adds its outcomes one at a time in log order from 0,
 * as a scan of the log up to the period would, so the figures are the same to the bit.
 */
export interface OutcomeLedger {
  /** Agent names by slot (the `pnl` and `toDate` index). */
  readonly agents: readonly string[];
  /** UTC days with outcomes, ascending. */
  readonly days: readonly LedgerPeriod[];
  /** ISO weeks with outcomes, ascending. */
  readonly weeks: readonly LedgerPeriod[];
}

/** One day's or week's outcomes. */
export interface LedgerPeriod {
  readonly startMs: number;
  /** Per agent slot: realized_pnl_bps of the period's outcomes, summed in log order (shorter than `agents` when later agents joined later). */
  readonly pnl: Float64Array;
  /** Per agent slot: realized_pnl_bps of every outcome up to the period's end, summed in log order from the run's start. */
  readonly toDate: Float64Array;
  /** Outcomes in the period, and those with realized_pnl_bps > 0. */
  readonly outcomes: number;
  readonly hits: number;
}

/** What one period's accumulation holds while the log is read. */
interface OpenPeriod {
  startMs: number;
  pnl: Float64Array;
  outcomes: number;
  hits: number;
}

/** The ledger while the log is read: add outcomes in log order (time ascending), then finish. */
export interface LedgerBuilder {
  slots: number;
  toDate: Float64Array;
  day: OpenPeriod | null;
  week: OpenPeriod | null;
  readonly days: LedgerPeriod[];
  readonly weeks: LedgerPeriod[];
}

/** Returns an empty ledger builder. */
export function newLedgerBuilder(): LedgerBuilder {
  return { slots: 0, toDate: new Float64Array(64), day: null, week: null, days: [], weeks: [] };
}

function close(b: LedgerBuilder, p: OpenPeriod, into: LedgerPeriod[]): void {
  into.push({ startMs: p.startMs, pnl: p.pnl.slice(0, b.slots), toDate: b.toDate.slice(0, b.slots), outcomes: p.outcomes, hits: p.hits });
}

function opened(startMs: number, capacity: number): OpenPeriod {
  return { startMs, pnl: new Float64Array(capacity), outcomes: 0, hits: 0 };
}

/**
 * Adds one outcome of agent `slot` (a dense index the caller keeps: 0, 1, 2, ... as agents
 * appear). Outcomes must come in time order: the ledger closes a day when the next one begins.
 */
export function addOutcome(b: LedgerBuilder, tsMs: number, slot: number, pnlBps: number): void {
  const dayMs = Math.floor(tsMs / MS.day) * MS.day;
  if (b.day === null || dayMs !== b.day.startMs) {
    if (b.day !== null) {
      if (dayMs < b.day.startMs) throw new Error(`outcomes out of time order: ${tsMs} after the day of ${b.day.startMs}`);
      close(b, b.day, b.days);
    }
    const weekMs = isoWeekOf(dayMs).startMs;
    if (b.week === null || weekMs !== b.week.startMs) {
      if (b.week !== null) close(b, b.week, b.weeks);
      b.week = opened(weekMs, b.toDate.length);
    }
    b.day = opened(dayMs, b.toDate.length);
  }
  if (slot >= b.slots) {
    b.slots = slot + 1;
    if (slot >= b.toDate.length) {
      const n = Math.max(slot + 1, b.toDate.length * 2);
      b.toDate = resizedTo(b.toDate, n);
      b.day.pnl = resizedTo(b.day.pnl, n);
      (b.week as OpenPeriod).pnl = resizedTo((b.week as OpenPeriod).pnl, n);
    }
  }
  b.toDate[slot] = (b.toDate[slot] as number) + pnlBps;
  b.day.pnl[slot] = (b.day.pnl[slot] as number) + pnlBps;
  const w = b.week as OpenPeriod;
  w.pnl[slot] = (w.pnl[slot] as number) + pnlBps;
  b.day.outcomes++;
  w.outcomes++;
  const hit = +(pnlBps > 0);
  b.day.hits += hit;
  w.hits += hit;
}

/** Closes the open day and week and returns the ledger; `agents` names the slots. */
export function finishLedger(b: LedgerBuilder, agents: readonly string[]): OutcomeLedger {
  if (b.day !== null) close(b, b.day, b.days);
  if (b.week !== null) close(b, b.week, b.weeks);
  b.day = null;
  b.week = null;
  return { agents, days: b.days, weeks: b.weeks };
}

/** A period's outcomes by agent name. */
export interface PeriodOutcomes {
  readonly pnl: ReadonlyMap<string, number>;
  readonly pnlToDate: ReadonlyMap<string, number>;
  readonly outcomes: number;
  readonly hits: number;
}

/** The last entry of `ps` (ascending by start) starting before `ms`, or undefined. */
function lastBefore(ps: readonly LedgerPeriod[], ms: number): LedgerPeriod | undefined {
  return ps[firstIndexWhere(0, ps.length, (i) => (ps[i] as LedgerPeriod).startMs >= ms) - 1];
}

function byName(agents: readonly string[], values: Float64Array | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (values === undefined) return out;
  for (let s = 0; s < values.length; s++) out.set(agents[s] as string, values[s] as number);
  return out;
}

/**
 * Returns the outcomes of [startMs, endMs), which must be one UTC day or one ISO week (the
 * periods the ledger keeps; anything else is a caller's error), with each agent's pnl in the
 * period and up to its end. Agents without outcomes are absent (their sums are 0).
 */
export function periodOutcomes(ledger: OutcomeLedger, startMs: number, endMs: number): PeriodOutcomes {
  const isDay = endMs - startMs === MS.day && startMs % MS.day === 0;
  const isWeek = !isDay && isoWeekOf(startMs).startMs === startMs && endMs - startMs === 7 * MS.day;
  if (!isDay && !isWeek) throw new Error(`the outcome ledger keeps UTC days and ISO weeks, not [${startMs}, ${endMs})`);
  const list = isDay ? ledger.days : ledger.weeks;
  const here = lastBefore(list, endMs);
  const own = here !== undefined && here.startMs === startMs ? here : undefined;
  // Every day before endMs is whole in [.., endMs): the last one's running sums are the sums to date.
  const upTo = lastBefore(ledger.days, endMs);
  return { pnl: byName(ledger.agents, own?.pnl), pnlToDate: byName(ledger.agents, upTo?.toDate), outcomes: own?.outcomes ?? 0, hits: own?.hits ?? 0 };
}
