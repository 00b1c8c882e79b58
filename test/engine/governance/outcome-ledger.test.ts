import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { MS } from '../../../engine/core/time.js';
import { addOutcome, finishLedger, newLedgerBuilder, periodOutcomes } from '../../../engine/governance/outcome-ledger.js';
import { isoWeeksBetween } from '../../../engine/report/lp/iso-week.js';

interface Outcome {
  readonly tsMs: number;
  readonly agent: string;
  readonly pnl: number;
}

/** The LP period's sums as a scan of the log gives them: every outcome before the end, in log order, from 0. */
function scan(outcomes: readonly Outcome[], startMs: number, endMs: number) {
  const pnl = new Map<string, number>();
  const pnlToDate = new Map<string, number>();
  let n = 0;
  let hits = 0;
  for (const o of outcomes) {
    if (o.tsMs >= endMs) break;
    pnlToDate.set(o.agent, (pnlToDate.get(o.agent) ?? 0) + o.pnl);
    if (o.tsMs < startMs) continue;
    pnl.set(o.agent, (pnl.get(o.agent) ?? 0) + o.pnl);
    n++;
    hits += +(o.pnl > 0);
  }
  return { pnl, pnlToDate, outcomes: n, hits };
}

/** Every agent's sum as text that tells any two doubles apart (0 for an agent without outcomes). */
const bits = (m: ReadonlyMap<string, number>, agents: readonly string[]): string[] => agents.map((a) => (Object.is(m.get(a), -0) ? '-0' : String(m.get(a) ?? 0)));

/** Outcomes in time order over `days` days from a Wednesday: bursts, empty days, exact midnights, agents joining late, and magnitudes that make the summation order show in the last bits. */
function generate(seed: string, days: number): { outcomes: Outcome[]; agents: string[] } {
  const rng = seedrandom(seed);
  const agents = Array.from({ length: 9 }, (_, i) => `agent_${i}`);
  const start = Date.UTC(2005, 0, 5);
  const outcomes: Outcome[] = [];
  for (let d = 0; d < days; d++) {
    if (rng() < 0.25) continue;
    const count = Math.floor(rng() * 12);
    const times = Array.from({ length: count }, () => (rng() < 0.2 ? 0 : Math.floor(rng() * MS.day))).sort((x, y) => x - y);
    for (const t of times) {
      // agents 6..8 appear only after the first weeks
      const agent = agents[Math.floor(rng() * (d < 20 ? 6 : 9))] as string;
      const scale = [1e-3, 1, 1e8, 1e16][Math.floor(rng() * 4)] as number;
      outcomes.push({ tsMs: start + d * MS.day + t, agent, pnl: (rng() - 0.45) * scale });
    }
  }
  return { outcomes, agents };
}

describe('the outcome ledger', () => {
  it.each(['a', 'b', 'c', 'd'])('gives every UTC day and ISO week the sums a scan of the log gives, to the bit (seed %s)', (seed) => {
    const { outcomes, agents } = generate(seed, 80);
    const slots = new Map<string, number>();
    const b = newLedgerBuilder();
    for (const o of outcomes) {
      let slot = slots.get(o.agent);
      if (slot === undefined) slots.set(o.agent, (slot = slots.size));
      addOutcome(b, o.tsMs, slot, o.pnl);
    }
    const ledger = finishLedger(b, [...slots.keys()]);
    const first = (outcomes[0] as Outcome).tsMs;
    const last = (outcomes[outcomes.length - 1] as Outcome).tsMs;
    const periods: [number, number][] = [];
    for (let d = Math.floor(first / MS.day) * MS.day - 2 * MS.day; d <= last + 2 * MS.day; d += MS.day) periods.push([d, d + MS.day]);
    for (const w of isoWeeksBetween(first - 8 * MS.day, last + 8 * MS.day)) periods.push([w.startMs, w.endMs]);
    let withOutcomes = 0;
    for (const [s, e] of periods) {
      const want = scan(outcomes, s, e);
      const got = periodOutcomes(ledger, s, e);
      expect([got.outcomes, got.hits], `${s}`).toEqual([want.outcomes, want.hits]);
      expect(bits(got.pnl, agents), `${s}`).toEqual(bits(want.pnl, agents));
      expect(bits(got.pnlToDate, agents), `${s}`).toEqual(bits(want.pnlToDate, agents));
      withOutcomes += +(want.outcomes > 0);
    }
    expect(withOutcomes).toBeGreaterThan(40);
  });

  it('sums in log order: a week is not the sum of its days (the order changes the last bits here)', () => {
    const b = newLedgerBuilder();
    const monday = Date.UTC(2005, 0, 3);
    // day 1: 1e16 + 1 + 1 (each 1 lost); day 2: -1e16 + 3 -> the week sums 1e16+1+1-1e16+3 in order
    for (const [d, v] of [[0, 1e16], [0, 1], [0, 1], [1, -1e16], [1, 3]] as const) addOutcome(b, monday + d * MS.day, 0, v);
    const ledger = finishLedger(b, ['x']);
    const week = periodOutcomes(ledger, monday, monday + 7 * MS.day);
    let inOrder = 0;
    for (const v of [1e16, 1, 1, -1e16, 3]) inOrder += v;
    expect(week.pnl.get('x')).toBe(inOrder);
    const days = periodOutcomes(ledger, monday, monday + MS.day).pnl.get('x')! + periodOutcomes(ledger, monday + MS.day, monday + 2 * MS.day).pnl.get('x')!;
    expect(days).not.toBe(inOrder);
  });

  it('refuses a period that is neither a UTC day nor an ISO week, and outcomes out of time order', () => {
    const b = newLedgerBuilder();
    addOutcome(b, Date.UTC(2005, 0, 4, 12), 0, 1);
    expect(() => addOutcome(b, Date.UTC(2005, 0, 3, 12), 0, 1)).toThrow(/out of time order/);
    const ledger = finishLedger(b, ['x']);
    expect(() => periodOutcomes(ledger, Date.UTC(2005, 0, 4), Date.UTC(2005, 0, 6))).toThrow(/UTC days and ISO weeks/);
    expect(() => periodOutcomes(ledger, Date.UTC(2005, 0, 4), Date.UTC(2005, 0, 11))).toThrow(/UTC days and ISO weeks/); // 7 days from a Tuesday
    expect(periodOutcomes(ledger, Date.UTC(2005, 0, 3), Date.UTC(2005, 0, 10)).outcomes).toBe(1);
  });
});
