import { describe, expect, it } from 'vitest';
import { governanceFiles } from '../../../engine/governance/governance-files.js';
import type { GovernanceEvent, GovernanceInput } from '../../../engine/governance/governance-input.js';
import { decisionTimes, governanceStateAt } from '../../../engine/governance/governance-state.js';
import { historyChangeSets } from '../../../engine/governance/history-change-sets.js';
import { changeSetName } from '../../../engine/governance/change-set-name.js';
import { applyChangeSets, fileData } from '../../reference/apply-change-sets.js';
import { day, ev, fixtureInput, governanceInputOf } from './governance-fixture.js';

/** The governance files at `atMs` as data, by path (PR.md left out). */
function filesAt(input: GovernanceInput, atMs: number): Map<string, Record<string, unknown>> {
  const files = governanceFiles(input, governanceStateAt(input, atMs), Number.NEGATIVE_INFINITY);
  return new Map(Object.entries(files).filter(([p]) => p !== 'PR.md').map(([p, text]) => [p, fileData(p, text as string)]));
}

/** Checks that the change sets up to each decision time, merged, are the files at that time, and each PR.md lists that time's decisions only. */
function expectHistoryIsEveryState(input: GovernanceInput): void {
  const times = decisionTimes(input.decisions);
  const sets = [...historyChangeSets(input, times)];
  expect(sets.map((s) => s.name)).toEqual(times.map(changeSetName));
  times.forEach((t, i) => {
    expect(applyChangeSets(sets.slice(0, i + 1).map((s) => s.files)), changeSetName(t)).toEqual(filesAt(input, t));
    const since = i === 0 ? Number.NEGATIVE_INFINITY : (times[i - 1] as number);
    expect(sets[i]?.files['PR.md']).toBe(governanceFiles(input, governanceStateAt(input, t), since)['PR.md']);
  });
}

describe('historyChangeSets', () => {
  it('gives, merged in order up to each decision time, the files bt governance --at writes for that time', () => {
    // the fixture (a kill on day 3, the sentiment class retired on day 5) and: s2 joining on day 2,
    // a2 promoted on day 2, on day 6 a1 retired with its weight to 0 and AAPL's target to 0 (entries
    // leaving agent_contributions and targets), on day 7 weights moving without a reallocation
    const input = fixtureInput([
      ev('agent_joined', day(1), { agent: 'a1', strategy: 'arb' }),
      ev('agent_joined', day(1), { agent: 'a2', strategy: 'arb' }),
      ev('agent_joined', day(1), { agent: 's1', strategy: 'sentiment' }),
      ev('agent_joined', day(2), { agent: 's2', strategy: 'sentiment' }),
      ev('agent_promoted', day(2), { agent: 'a2', strategy: 'arb', text: 'pnl_sum_bps 900 > 500' }),
      ev('agent_retired', day(6), { agent: 'a1', strategy: 'arb', text: 'max_drawdown_bps -300 < -250' }),
      ev('weights_set', day(6), { agent: 'a1', strategy: 'arb', v1: 0 }),
      ev('weights_set', day(6), { agent: 'a2', strategy: 'arb', v1: 1 }),
      ev('targets_set', day(6), { symbol: 'AAPL', v1: 0 }),
      ev('weights_set', day(7), { agent: 'a2', strategy: 'arb', v1: 0.5 }),
      ev('agent_killed', day(7), { agent: 'a2', strategy: 'arb', text: 'error_rate 0.4 > 0.3' }),
    ]);
    expect(decisionTimes(input.decisions)).toEqual([day(2), day(3), day(5), day(6), day(7)]);
    expectHistoryIsEveryState(input);
    const sets = [...historyChangeSets(input, decisionTimes(input.decisions))];
    // day 3 kills s2: its manifest entry alone; nothing else moved, so no other file but PR.md
    expect(Object.keys(sets[1]?.files ?? {}).sort()).toEqual(['PR.md', 'agents/manifest.yaml']);
    expect(Object.keys((fileData('agents/manifest.yaml', sets[1]?.files['agents/manifest.yaml'] as string)['agents'] as object))).toEqual(['s2']);
    // day 6: AAPL's target and a1's contribution leave the file (null)
    const day6 = fileData('portfolio_targets.json', sets[3]?.files['portfolio_targets.json'] as string);
    expect((day6['targets'] as Record<string, unknown>)['AAPL']).toBeNull();
    expect(day6['agent_contributions']).toEqual({ a1: null, a2: 1 });
    // day 7: weights moved without a reallocation: seed 002's files keep the last one, so no change to them
    expect(Object.keys(sets[4]?.files ?? {})).not.toContain('runtime/capital_governor_allocations.json');
    expect(JSON.parse(sets[4]?.files['allocation/weights.json'] as string)).toEqual({ a2: 0.5 });
  });

  it("writes, for a desk of 2,000 agents where each of 100 decision times retires one, what changed: every entry once, then one agent's entry and weight per time", () => {
    const agents = 2000;
    const decided = 100;
    const HOUR = 3_600_000;
    const name = (i: number): string => `a${String(i).padStart(4, '0')}`;
    const events: GovernanceEvent[] = [];
    for (let i = 0; i < agents; i++) events.push(ev('weights_set', day(1), { agent: name(i), strategy: i % 2 === 0 ? 'arb' : 'macro', v1: 1 / agents }));
    events.push(ev('targets_set', day(1), { symbol: 'AAPL', v1: 0.5 }));
    for (let d = 1; d <= decided; d++) {
      const a = name(d * 7);
      events.push(ev('agent_retired', day(1) + d * HOUR, { agent: a, strategy: (d * 7) % 2 === 0 ? 'arb' : 'macro', text: 'pnl_sum_bps -6000 < -5000' }));
      events.push(ev('weights_set', day(1) + d * HOUR, { agent: a, strategy: (d * 7) % 2 === 0 ? 'arb' : 'macro', v1: 0 }));
    }
    const input = governanceInputOf(events, Array.from({ length: agents }, (_, i) => name(i)), ['arb', 'macro']);
    const sets = [...historyChangeSets(input, decisionTimes(input.decisions))];
    expect(sets).toHaveLength(decided);
    const entries = (file: string, map: string | null): number[] =>
      sets.map((s) => {
        const text = s.files[file];
        if (text === undefined) return 0;
        const data = fileData(file, text);
        return Object.keys(map === null ? data : (data[map] as object)).length;
      });
    // the first set: the files as first written (every agent); then only the agent decided on
    expect(entries('agents/manifest.yaml', 'agents')).toEqual([agents, ...Array<number>(decided - 1).fill(1)]);
    expect(entries('allocation/weights.json', null)).toEqual([agents, ...Array<number>(decided - 1).fill(1)]);
    expect(entries('portfolio_targets.json', 'agent_contributions')).toEqual([agents - 1, ...Array<number>(decided - 1).fill(1)]);
    // no reallocation after day 1: seed 002's files are written once
    expect(entries('runtime/capital_governor_allocations.json', 'allocations')).toEqual([agents, ...Array<number>(decided - 1).fill(0)]);
    // so the sets after the first are a few hundred bytes each, however many agents the desk has
    const bytes = sets.map((s) => Object.values(s.files).reduce((n, t) => n + Buffer.byteLength(t), 0));
    expect(Math.max(...bytes.slice(1))).toBeLessThan(1500);
    expect(bytes[0]).toBeGreaterThan(agents * 100);
    const last = decisionTimes(input.decisions).at(-1) as number;
    expect(applyChangeSets(sets.map((s) => s.files))).toEqual(filesAt(input, last));
  });
});
