import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { finalStateOf } from '../../../engine/run/final-state.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import { syntheticRunConfig, syntheticRunData } from '../../helpers/synthetic-run.js';
import { generatedRunData } from '../../helpers/generated-run.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { expandedLog } from '../../helpers/expanded-log.js';
import { parseKillListYaml } from '../../../datasets/read/read-kill-list.js';

const STATUS_OF: Record<string, string> = { agent_promoted: 'promoted', agent_retired: 'retired', agent_killed: 'killed' };


/** Checks one status per agent: final_state = the last status event = the last kills row (where there is one). */
function expectStatusesAgree(data: RunData, r: ReturnType<typeof runBacktest>): Record<string, string> {
  const fromEvents: Record<string, string> = Object.fromEntries(data.agents.map((a) => [a, 'active']));
  const log = expandedLog(r.state.log, data);
  for (let i = 0; i < log.length; i++) {
    const s = STATUS_OF[LOGGED_EVENT_KINDS[log.kind[i] as number] as string];
    if (s !== undefined) fromEvents[data.agents[log.agent[i] as number] as string] = s;
  }
  const final = finalStateOf(data, r.state).agent_status;
  expect(final).toEqual(fromEvents);
  for (const k of r.state.out.kills) {
    if (k.agent !== null) expect(final[k.agent]).toBe(k.kind === 'agent_killed' ? 'killed' : 'retired');
  }
  return final;
}

describe('runBacktest statuses', () => {
  it('retires every agent of a retired class, promoted ones included, in final_state, events and kills alike', () => {
    const data = syntheticRunData({ days: 160, killList: { macro: { maxDrawdownBps: -50 } } });
    const cfg = syntheticRunConfig(data, { kill: { ...syntheticRunConfig(data).kill, classMinOutcomes: 5 } });
    const plug = ALLOCATORS['pnl-weighted'] as AllocatorPlugin;
    const r = runBacktest(data, cfg, plug, defaultsOf(plug));
    expect(r.state.out.kills.some((k) => k.kind === 'class_retired' && k.strategy === 'macro')).toBe(true);
    const final = expectStatusesAgree(data, r);
    for (const a of ['macro_0', 'macro_1', 'macro_2']) expect(['retired', 'killed']).toContain(final[a]);
    const agentRows = r.state.out.kills.filter((k) => k.agent?.startsWith('macro_') === true && k.reason.startsWith("class 'macro' retired"));
    expect(agentRows.length).toBeGreaterThan(0);
  });

  it('gives an agent that joins a killed class the class status at once', () => {
    const data = { ...generatedRunData({ seed: 3, days: 40, priceStepHours: [24, 24], agentClasses: [0, 0, 1, 1], findingsPerDay: 1, horizonsHours: [24], joinDay: [0, 0, 0, 15] }), killList: { macro: { status: 'DISABLED' as const, reason: 'structural decay' } } };
    const t0 = data.prices.tsMs[0] as number;
    const plug = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    const r = runBacktest(data, syntheticRunConfig(data, { startMs: t0, endMs: t0 + 39 * MS.day }), plug, {});
    const final = expectStatusesAgree(data, r);
    expect(final['macro_02']).toBe('killed');
    expect(final['macro_03']).toBe('killed');
  });

  it("kills a class whose kill-list status is 'disabled' in default mode and keeps it ACTIVE in seed mode (seed 004 compares exactly)", () => {
    const killList = parseKillListYaml('macro:\n  status: disabled\n', 'kill_list.yaml');
    const data = { ...generatedRunData({ seed: 3, days: 40, priceStepHours: [24, 24], agentClasses: [0, 0, 1, 1], findingsPerDay: 1, horizonsHours: [24] }), killList };
    const t0 = data.prices.tsMs[0] as number;
    const plug = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    const run = (mode: 'seed' | 'default') => runBacktest(data, syntheticRunConfig(data, { mode, startMs: t0, endMs: t0 + 39 * MS.day }), plug, {});
    const killedClasses = (r: ReturnType<typeof runBacktest>) => r.state.out.kills.filter((k) => k.kind === 'class_killed').map((k) => k.strategy);
    const byDefault = run('default');
    expect(killedClasses(byDefault)).toEqual(['macro']);
    expect(expectStatusesAgree(data, byDefault)['macro_02']).toBe('killed');
    const bySeed = run('seed');
    expect(killedClasses(bySeed)).toEqual([]);
    expectStatusesAgree(data, bySeed);
    expect(bySeed.state.out.kills.filter((k) => k.reason.startsWith("class 'macro'"))).toEqual([]);
  });
});
