import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { governanceFiles } from '../../../engine/governance/governance-files.js';
import { governanceStateAt } from '../../../engine/governance/governance-state.js';
import { buildNotifications } from '../../../engine/governance/notifications.js';
import { day, ev, fixtureInput } from './governance-fixture.js';

function files(atMs: number): Record<string, string> {
  const input = fixtureInput();
  return governanceFiles(input, governanceStateAt(input, atMs), Number.NEGATIVE_INFINITY);
}

describe('governanceFiles', () => {
  it("writes seed 002's allocation file with its five fields, twice (governor file and SmartTrader override)", () => {
    const f = files(day(6));
    const alloc = JSON.parse(f['runtime/capital_governor_allocations.json'] as string) as Record<string, unknown>;
    expect(Object.keys(alloc).sort()).toEqual(['allocations', 'max_allocation', 'min_allocation', 'source', 'timestamp']);
    expect(alloc).toEqual({ allocations: { a1: 0.6, a2: 0.35, s1: 0, s2: 0 }, source: 'capital_governor', timestamp: '2005-01-05T00:00:00Z', min_allocation: 0.05, max_allocation: 0.4 });
    expect(f['runtime/allocations_override.json']).toBe(f['runtime/capital_governor_allocations.json']);
    expect(JSON.parse(f['allocation/weights.json'] as string)).toEqual({ a1: 0.6, a2: 0.35, s1: 0, s2: 0 });
  });

  it("keeps seed 002's allocation file at the last reallocation: weights set while the threshold or the guardian holds the targets are not saved", () => {
    // Day 7: new weights, no targets_set (below the threshold, or the guardian paused): seed 002 saves
    // allocations only when it reallocates ("If max change >= 10%: Save new allocations + Telegram notification").
    const input = fixtureInput([ev('weights_set', day(7), { agent: 'a1', strategy: 'arb', v1: 0.2 }), ev('weights_set', day(7), { agent: 'a2', strategy: 'arb', v1: 0.7 })]);
    const f = governanceFiles(input, governanceStateAt(input, day(8)), Number.NEGATIVE_INFINITY);
    const alloc = JSON.parse(f['runtime/capital_governor_allocations.json'] as string) as Record<string, unknown>;
    expect(alloc['allocations']).toEqual({ a1: 0.6, a2: 0.35, s1: 0, s2: 0 });
    expect(alloc['timestamp']).toBe('2005-01-05T00:00:00Z');
    // the reallocation message of day 5 says the same allocations
    expect(buildNotifications(input).filter((n) => n.kind === 'reallocation').map((n) => n.text).at(-1)).toBe('🎯 Capital Reallocation:\na1: 60.0%\na2: 35.0%');
    // seed 001's weights file (allocation/weights.json) is written every cycle: it has day 7's weights
    expect(JSON.parse(f['allocation/weights.json'] as string)).toEqual({ a1: 0.2, a2: 0.7, s1: 0, s2: 0 });
  });

  it("writes no seed 002 allocation file before the governor's first reallocation: the live system has saved none", () => {
    // the fixture's first targets_set is on day 1
    expect(Object.keys(files(day(1) - 1)).sort()).toEqual(['PR.md', 'agents/manifest.yaml', 'allocation/weights.json', 'meta_supervisor/kill_list.yaml', 'portfolio_targets.json']);
    expect(Object.keys(files(day(1)))).toContain('runtime/capital_governor_allocations.json');
    expect(JSON.parse(files(day(1))['runtime/allocations_override.json'] as string)['timestamp']).toBe('2005-01-01T00:00:00Z');
  });

  it("dates seed 002's allocation file at the reallocation even when the weights last changed earlier", () => {
    const input = fixtureInput([ev('targets_set', day(7), { symbol: 'MSFT', v1: 0.1 })]);
    const alloc = JSON.parse(governanceFiles(input, governanceStateAt(input, day(8)), Number.NEGATIVE_INFINITY)['runtime/capital_governor_allocations.json'] as string) as Record<string, unknown>;
    expect(alloc['timestamp']).toBe('2005-01-07T00:00:00Z');
    expect(alloc['allocations']).toEqual({ a1: 0.6, a2: 0.35, s1: 0, s2: 0 });
  });

  it("writes seed 000's portfolio_targets.json in money at the equity of the last target change", () => {
    const t = JSON.parse(files(day(6))['portfolio_targets.json'] as string) as Record<string, unknown>;
    // Day 5: equity 110; AAPL 0.3 x 110 = 33, MSFT 0.4 x 110 = 44, cash (1 - 0.7) x 110 = 33.
    expect(t['timestamp']).toBe('2005-01-05T00:00:00');
    expect(t['portfolio_value']).toBe(110);
    expect(t['targets']).toEqual({ AAPL: 0.3 * 110, MSFT: 0.4 * 110 });
    expect(t['cash']).toBeCloseTo(33, 12);
    expect(Object.keys(t).sort()).toEqual(['agent_contributions', 'cash', 'portfolio_value', 'targets', 'timestamp']);
  });

  it("writes the kill list in seed 004's layout: a retired class DISABLED with its reason, thresholds kept", () => {
    const k = parse(files(day(6))['meta_supervisor/kill_list.yaml'] as string) as Record<string, Record<string, unknown>>;
    expect(k).toEqual({ arb: { status: 'ACTIVE', max_drawdown_bps: -250, min_hit_rate: 0.42 }, sentiment: { status: 'DISABLED', reason: 'max_drawdown_breach', max_drawdown_bps: -200 } });
    const before = parse(files(day(4))['meta_supervisor/kill_list.yaml'] as string) as Record<string, Record<string, unknown>>;
    expect(before['sentiment']).toEqual({ status: 'ACTIVE', max_drawdown_bps: -200 });
  });

  it("leaves a class the kill list already DISABLED as the file gives it: its reason is the desk's, not the run's status_disabled", () => {
    // seed 004's own example: sentiment DISABLED, reason 'structural alpha decay'; the run kills the class for it
    const base = fixtureInput([ev('class_killed', day(6), { strategy: 'arb', text: 'status_disabled' })]);
    const input = { ...base, killList: { ...base.killList, arb: { status: 'DISABLED', reason: 'structural alpha decay', maxDrawdownBps: -250 } } };
    const k = parse(governanceFiles(input, governanceStateAt(input, day(7)), Number.NEGATIVE_INFINITY)['meta_supervisor/kill_list.yaml'] as string) as Record<string, Record<string, unknown>>;
    expect(k['arb']).toEqual({ status: 'DISABLED', reason: 'structural alpha decay', max_drawdown_bps: -250 });
    // without a reason in the file, none is added: the live system changes nothing there
    const bare = { ...base, killList: { ...base.killList, arb: { status: 'DISABLED' } } };
    const k2 = parse(governanceFiles(bare, governanceStateAt(bare, day(7)), Number.NEGATIVE_INFINITY)['meta_supervisor/kill_list.yaml'] as string) as Record<string, Record<string, unknown>>;
    expect(k2['arb']).toEqual({ status: 'DISABLED' });
    // a class the run retires for a breach still gets DISABLED and the run's reason
    expect(k['sentiment']).toEqual({ status: 'DISABLED', reason: 'max_drawdown_breach', max_drawdown_bps: -200 });
  });

  it('lists every agent in agents/manifest.yaml with status, class, since (quoted), reason and stats (class_stats when its class took it out)', () => {
    const text = files(day(6))['agents/manifest.yaml'] as string;
    expect(text).toContain('since: "2005-01-05T00:00:00Z"');
    const m = parse(text) as { agents: Record<string, Record<string, unknown>> };
    expect(Object.keys(m.agents)).toEqual(['a1', 'a2', 's1', 's2']);
    expect(m.agents['a1']).toEqual({ status: 'ACTIVE', class: 'arb', since: '2005-01-01T00:00:00Z', reason: null, stats: null });
    expect(m.agents['s1']).toMatchObject({ status: 'RETIRED', class: 'sentiment', reason: 'class sentiment retired: max_drawdown_breach', class_stats: { pnl_sum_bps: -900 } });
    expect(m.agents['s1']).not.toHaveProperty('stats');
  });
});
