import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import { runBacktest } from '../../../engine/run/run.js';
import { finalStateOf } from '../../../engine/run/final-state.js';
import { MS } from '../../../engine/core/time.js';
import { sumOf, SUM } from '../../../engine/modules/stats/outcome-window.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig, syntheticRunData } from '../../helpers/synthetic-run.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';

/*
 * Outcomes wait in their agents' backlogs (outside the run state) until a tick reads the
 * statistics. With weekly ticks and daily reconciliations, a run stopped mid-week has some
 * waiting: its snapshot must hold them applied, or a resumed run would lose them.
 */
describe('a snapshot taken between two ticks', () => {
  it('holds every reconciled outcome in the statistics, and the resumed run equals the whole one', () => {
    const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
    const data = syntheticRunData({ days: 90 });
    const cfg = syntheticRunConfig(data, { cadenceMs: 7 * MS.day });
    const whole = runBacktest(data, cfg, plug, defaultsOf(plug));
    // 39 days in: three daily reconciliation blocks since the last weekly tick (day 35)
    const stopped = runBacktest(data, cfg, plug, defaultsOf(plug), { stopAfterMs: (data.prices.tsMs[0] as number) + 38 * MS.day });
    const snap = stopped.snapshot;
    expect(snap).not.toBeNull();
    const o = (snap as NonNullable<typeof snap>).state.outcomes;
    const copy = deserialize(serialize(snap));
    let reconciled = 0;
    for (let a = 0; a < o.nAgents; a++) reconciled += o.ringCount[a] as number;
    expect(reconciled).toBe((snap as NonNullable<typeof snap>).counters.reconciliations);
    expect(o.logEnd).toBe(reconciled);
    // The copy, which has no backlog of its own, reads the same sums.
    for (let a = 0; a < o.nAgents; a++) for (const f of Object.values(SUM)) expect(Object.is(sumOf(copy.state.outcomes, a, f), sumOf(o, a, f))).toBe(true);
    const resumed = runBacktest(data, cfg, plug, defaultsOf(plug), { resume: copy });
    expect(finalStateOf(data, resumed.state)).toEqual(finalStateOf(data, whole.state));
    expect(Array.from(resumed.state.outcomes.sums)).toEqual(Array.from(whole.state.outcomes.sums));
    expect(resumed.counters).toEqual(whole.counters);
  });
});
