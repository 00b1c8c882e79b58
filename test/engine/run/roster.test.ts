import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { LOGGED_EVENT_KINDS } from '../../../engine/events/event.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { RunState } from '../../../engine/run/state.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { generatedRunData, withoutAgent, withoutFindings } from '../../helpers/generated-run.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { expandedLog } from '../../helpers/expanded-log.js';


/** The log up to `cut` with names instead of ids (ids shift when the roster changes). */
function rowsUpTo(data: RunData, st: RunState, cut: number): string[] {
  const name = (ids: readonly string[], id: number): string => (id >= 0 ? (ids[id] as string) : '-');
  const out: string[] = [];
  const log = expandedLog(st.log, data);
  for (let i = 0; i < log.length; i++) {
    if ((log.tsMs[i] as number) > cut) break;
    out.push(
      [log.tsMs[i], LOGGED_EVENT_KINDS[log.kind[i] as number], name(data.agents, log.agent[i] as number), name(data.symbols, log.symbol[i] as number), name(data.strategies, log.strategy[i] as number), log.v1[i], log.v2[i], log.v3[i]].join(' '),
    );
  }
  return out;
}

function equityUpTo(st: RunState, cut: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < st.out.equityTs.length; i++) if ((st.out.equityTs.data[i] as number) <= cut) out.push(st.out.equity.data[i] as number);
  return out;
}

describe('runBacktest roster', () => {
  // Agent index 3 ('macro_03') emits nothing before day 30.
  const data = generatedRunData({ seed: 11, days: 60, priceStepHours: [24, 168, 24], agentClasses: [0, 0, 1, 1, 1, -1], findingsPerDay: 0.8, horizonsHours: [24, 72], joinDay: [0, 0, 0, 30, 0, 0] });
  const late = 'macro_03';
  const t0 = data.prices.tsMs[0] as number;
  const cut = t0 + 20 * MS.day;

  it('gives no share to an agent before its first finding, whatever comes after', () => {
    // Delete (not alter) the future: every finding after T, and with them the late agent.
    const past = withoutAgent(withoutFindings(data, (i) => (data.findings.tsMs[i] as number) > cut), late);
    for (const [variant, plug] of Object.entries(ALLOCATORS)) {
      for (const mode of ['seed', 'default'] as const) {
        const cfg = syntheticRunConfig(data, { mode, startMs: t0, endMs: t0 + 59 * MS.day });
        const full = runBacktest(data, cfg, plug, defaultsOf(plug));
        const cutRun = runBacktest(past, cfg, plug, defaultsOf(plug));
        expect(rowsUpTo(past, cutRun.state, cut), `${variant} ${mode}`).toEqual(rowsUpTo(data, full.state, cut));
        expect(equityUpTo(cutRun.state, cut), `${variant} ${mode}`).toEqual(equityUpTo(full.state, cut));
      }
    }
  });

  it('records an agent_joined event at each agent\'s first finding and none of its rows before', () => {
    const plug = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    const r = runBacktest(data, syntheticRunConfig(data, { startMs: t0, endMs: t0 + 59 * MS.day }), plug, {});
    const a = data.agents.indexOf(late);
    let first = Number.POSITIVE_INFINITY;
    for (let i = 0; i < data.findings.n; i++) if (data.findings.agentId[i] === a) first = Math.min(first, data.findings.tsMs[i] as number);
    const log = expandedLog(r.state.log, data);
    const rows: string[] = [];
    for (let i = 0; i < log.length; i++) if (log.agent[i] === a) rows.push(`${LOGGED_EVENT_KINDS[log.kind[i] as number]}@${log.tsMs[i]}`);
    expect(rows[0]).toBe(`agent_joined@${first}`);
    expect(first).toBeGreaterThanOrEqual(t0 + 30 * MS.day);
  });

  it('joins an agent at its agents-file since, before its first finding', () => {
    const a = data.agents.indexOf(late);
    const since = new Float64Array(data.agents.length).fill(Number.NaN);
    since[a] = t0 + 10 * MS.day;
    const withSince: RunData = { ...data, agentSinceMs: since };
    const plug = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    const r = runBacktest(withSince, syntheticRunConfig(data, { startMs: t0, endMs: t0 + 59 * MS.day }), plug, {});
    const log = expandedLog(r.state.log, withSince);
    let joinedAt = Number.NaN;
    for (let i = 0; i < log.length; i++) if (log.agent[i] === a && LOGGED_EVENT_KINDS[log.kind[i] as number] === 'agent_joined') joinedAt = log.tsMs[i] as number;
    expect(joinedAt).toBe(t0 + 10 * MS.day);
  });
});
