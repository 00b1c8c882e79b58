import { describe, expect, it } from 'vitest';
import { decisionTimes, governanceStateAt, governanceStatesAt } from '../../../engine/governance/governance-state.js';
import { day, ev, fixtureInput } from './governance-fixture.js';

describe('governanceStateAt', () => {
  it('gives, for many times in any order from one fold, each state a fold up to that time alone gives (no state sees a later change)', () => {
    const input = fixtureInput();
    const times = [day(6), day(1) - 1, day(3), day(1), day(5), day(2), day(4) + 1, day(5), day(0)];
    const alone = times.map((t) => JSON.stringify(governanceStateAt(input, t)));
    expect(governanceStatesAt(input, times).map((st) => JSON.stringify(st))).toEqual(alone);
    // the states differ: the fold's maps and records are not shared between them
    expect(new Set(alone).size).toBeGreaterThan(5);
  });

  it('retires every agent of a retired class still in play, from the class event alone', () => {
    const st = governanceStateAt(fixtureInput(), day(6));
    const s1 = st.agents.find((a) => a.name === 's1');
    expect(s1).toMatchObject({ status: 'RETIRED', strategy: 'sentiment', sinceMs: day(5), reason: 'class sentiment retired: max_drawdown_breach' });
    expect(s1?.stats).toEqual({ hit_rate: 0.4, max_drawdown_bps: -1300, n_outcomes: 120, pnl_sum_bps: -900 });
    // s2 was killed before the class was retired: it stays KILLED, since day 3.
    expect(st.agents.find((a) => a.name === 's2')).toMatchObject({ status: 'KILLED', sinceMs: day(3), reason: 'error_rate 0.3 > 0.25' });
    expect(st.agents.filter((a) => a.strategy === 'arb').map((a) => a.status)).toEqual(['ACTIVE', 'ACTIVE']);
    expect(st.classes.map((c) => [c.name, c.status])).toEqual([['arb', 'ACTIVE'], ['sentiment', 'RETIRED']]);
  });

  it('gives one status per agent when the log also retires the class agents one by one', () => {
    const extra = [ev('agent_retired', day(5), { agent: 's1', strategy: 'sentiment', text: 'class sentiment retired' })];
    const input = fixtureInput(extra);
    const st = governanceStateAt(input, day(6));
    expect(st.agents.map((a) => [a.name, a.status])).toEqual([['a1', 'ACTIVE'], ['a2', 'ACTIVE'], ['s1', 'RETIRED'], ['s2', 'KILLED']]);
    expect(st.agents.find((a) => a.name === 's1')?.sinceMs).toBe(day(5));
  });

  it('holds the state as of --at: decisions, weights, targets and guardian up to that time only', () => {
    const st = governanceStateAt(fixtureInput(), day(4));
    expect(st.agents.map((a) => a.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'KILLED']);
    expect(st.weights).toEqual({ a1: 0.4, a2: 0.35, s1: 0.25, s2: 0 });
    expect(st.targets).toEqual({ AAPL: 0.5, MSFT: 0.4 });
    expect(st.guardianPaused).toBe(true);
    expect(st.targetsTsMs).toBe(day(1));
    expect(st.allocations).toEqual(st.weights);
    const end = governanceStateAt(fixtureInput(), day(5));
    expect(end.weights).toEqual({ a1: 0.6, a2: 0.35, s1: 0, s2: 0 });
    expect(end.targets).toEqual({ AAPL: 0.3, MSFT: 0.4 });
  });
});

describe('decisionTimes', () => {
  it('lists each decision time once, ascending', () => {
    expect(decisionTimes(fixtureInput().decisions)).toEqual([day(3), day(5)]);
  });
});
