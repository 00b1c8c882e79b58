import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocatorParamSpecs } from '../../../strategies/index.js';
import { applyOverrides } from '../../../engine/sweep/apply-overrides.js';
import { planStages } from '../../../engine/sweep/stage-plan.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { recordUpstreamTape, type UpstreamTape } from '../../../engine/run/staged/upstream-tape.js';
import { recordSupervisorTape } from '../../../engine/run/staged/supervisor-tape.js';
import type { SweepRunFailure, SweepRunResult } from '../../../engine/sweep/pool.js';
import type { RunMetrics } from '../../../engine/run/run-metrics.js';

const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');
const opts = { allocators: allocatorParamSpecs(), cwd: process.cwd() };
const config = (id: string, halfLife: number, cash: number, threshold = 0.1, maxWeight = 0.25): { id: string; scenario: ReturnType<typeof parseScenario> } => ({
  id,
  scenario: parseScenario(
    applyOverrides(baseText, [['decay.half_life_signals', halfLife], ['allocator.params.max_weight', maxWeight], ['targets.cash_buffer', cash], ['governor.reallocation_threshold', threshold]]),
    'q.yaml',
    opts,
  ),
});
// supervisor and upstream keys (decay half-life): a with three proposals keys (cash_buffer), b with two, c alone
const configs = [
  config('a5', 18, 0.2, 0.01), config('b1', 24, 0.05), config('a1', 18, 0.05), config('a3', 18, 0.3),
  config('c1', 30, 0.1), config('a4', 18, 0.05, 0.01), config('b2', 24, 0.2), config('a2', 18, 0.2),
];
const recorded = recordUpstreamTape(2, 3).finish({ multipliers: new Float64Array(2), agentStatus: new Uint8Array(2), classStatus: new Uint8Array(0), out: { kills: [] }, expectation: { fits: 0, fallbacks: 0 } } as never, { prices: 0, findings: 0, reconciliations: 0, ticks: 0, fills: 0 }, false, { findings: { tsMs: new Float64Array(0), agentId: new Int32Array(0), symbolId: new Int32Array(0), confidence: new Float64Array(0), severityMult: new Float64Array(0), direction: new Int8Array(0) }, agentStrategy: new Int32Array(0), symbols: [], prices: { n: 0, tsMs: new Float64Array(0), symbolId: new Int32Array(0), close: new Float64Array(0) } });
// a seed-mode tape (no pairs), and a default-mode one
const tape = { ...recorded, pairs: null };
const pairsTape = recorded;
const done = (id: string, t: UpstreamTape = tape): SweepRunResult => ({ kind: 'done', id, metrics: {} as RunMetrics, ts: new Float64Array(0), equity: new Float64Array(0), tape: t });
const failed = (id: string): SweepRunFailure => ({ kind: 'error', id, message: 'x', input: true });

const use = (t: { readonly id: string; readonly upstream?: unknown }): unknown[] => {
  const u = t.upstream as undefined | { replay?: string; tape?: unknown; supervisor?: unknown; record?: boolean | string; variants?: string[] };
  if (u === undefined) return [t.id, u];
  if (u.record === 'upstream') return [t.id, 'record']; // what it records: needsOf
  if (u.replay === undefined) return [t.id, u.record, u.variants];
  if (u.replay === 'allocation') return [t.id, u.replay, u.supervisor === supervisor ? 'supervisor' : 'other', u.record];
  return [t.id, u.replay, u.tape === tape ? 'tape' : u.tape === tape2 ? 'tape2' : u.tape === pairsTape ? 'pairs' : 'other', u.record];
};
const tape2 = { ...tape };
/** A task's id and what its recording records of the upstream tape (proposals, pairs; null: it records none). */
const needsOf = (t: { readonly id: string; readonly upstream?: unknown }): unknown[] => {
  const u = t.upstream as undefined | { record?: unknown; needs?: { proposals: boolean; pairs: boolean } };
  return u?.needs === undefined ? [t.id, null, null] : [t.id, u.needs.proposals, u.needs.pairs];
};
const supervisor = recordSupervisorTape(2, 0, false).finish({ multipliers: new Float64Array(2), agentStatus: new Uint8Array(2), classStatus: new Uint8Array(0), out: { kills: [] }, expectation: { fits: 0, fallbacks: 0 } } as never, { prices: 0, findings: 0, reconciliations: 0, ticks: 0, fills: 0 }, false, null as never);
// one supervisor key: upstream keys by max_weight (m15 with two proposals keys, m25 with one and a portfolio twin, m35 alone), one variant
const alloc = [
  config('m15a', 18, 0.05, 0.1, 0.15), config('m25b', 18, 0.05, 0.01, 0.25), config('m15b', 18, 0.2, 0.1, 0.15),
  config('m35a', 18, 0.05, 0.1, 0.35), config('m25a', 18, 0.05, 0.1, 0.25),
];

describe('planStages', () => {
  it('records one tape per upstream key and replays each proposals group over it (seed mode: no pairs)', () => {
    const p = planStages(configs);
    expect([p.upstreamKeys, p.proposalsKeys, p.expectedTasks]).toEqual([3, 6, 8]);
    expect(p.tasks.map(use)).toEqual([['a1', 'record'], ['b1', 'record'], ['c1', undefined]]);
    // a4 shares a1's proposals; a2 replays the downstream and records its proposals for a5; a3 is alone
    expect(p.followUps(done('a1')).map(use)).toEqual([['a4', 'portfolio', 'tape', undefined], ['a2', 'downstream', 'tape', true], ['a3', 'downstream', 'tape', false]]);
    expect(p.followUps({ ...done('a2'), tape: tape2 }).map(use)).toEqual([['a5', 'portfolio', 'tape2', undefined]]);
    expect(p.followUps(done('b1')).map(use)).toEqual([['b2', 'downstream', 'tape', false]]);
    expect(p.followUps(done('a1'))).toEqual([]);
    expect(p.followUps(done('c1'))).toEqual([]);
  });

  it('fills every other proposals group from the tape\'s pairs in default mode, none waiting on another', () => {
    const p = planStages(configs);
    expect(p.followUps(done('a1', pairsTape)).map(use)).toEqual([['a4', 'portfolio', 'pairs', undefined], ['a2', 'targets', 'pairs', undefined], ['a5', 'targets', 'pairs', undefined], ['a3', 'targets', 'pairs', undefined]]);
    expect(p.followUps(done('b1', pairsTape)).map(use)).toEqual([['b2', 'targets', 'pairs', undefined]]);
    expect(p.followUps(done('a2', pairsTape))).toEqual([]);
  });

  it('falls back one level when a recording fails: the upstream one runs its group in full, a downstream one replays the downstream', () => {
    const p = planStages(configs);
    expect(p.followUps(failed('b1')).map(use)).toEqual([['b2', undefined]]);
    p.followUps(done('a1'));
    expect(p.followUps(failed('a2')).map(use)).toEqual([['a5', 'downstream', 'tape', false]]);
  });

  it('records the supervisor once per supervisor key and replays the allocation for every other upstream key over it', () => {
    const p = planStages(alloc);
    expect([p.supervisorKeys, p.upstreamKeys, p.proposalsKeys, p.expectedTasks]).toEqual([1, 3, 4, 5]);
    expect(p.tasks.map(use)).toEqual([['m15a', 'supervisor', ['risk-penalized']]]);
    // m15b fills its proposals from the recorder's pairs; m25a replays the allocation and records its upstream tape for m25b; m35a replays alone
    expect(p.followUps({ ...done('m15a', pairsTape), supervisor }).map(use)).toEqual([['m15b', 'targets', 'pairs', undefined], ['m25a', 'allocation', 'supervisor', true], ['m35a', 'allocation', 'supervisor', false]]);
    expect(p.followUps(done('m25a', pairsTape)).map(use)).toEqual([['m25b', 'portfolio', 'pairs', undefined]]);
    expect(p.followUps(done('m35a'))).toEqual([]);
  });

  it('falls back when a supervisor recording fails: each other upstream key records its own upstream tape', () => {
    const p = planStages(alloc);
    expect(p.followUps(failed('m15a')).map(use)).toEqual([['m15b', undefined], ['m25a', 'record'], ['m35a', undefined]]);
    expect(p.followUps(done('m25a', pairsTape)).map(use)).toEqual([['m25b', 'portfolio', 'pairs', undefined]]);
    const q = planStages(alloc);
    q.followUps({ ...done('m15a', pairsTape), supervisor });
    expect(q.followUps(failed('m25a')).map(use)).toEqual([['m25b', undefined]]);
  });

  it('starts another upstream key in full alongside the supervisor recording on each worker that would idle', () => {
    const p = planStages(alloc, true, 2);
    expect([p.supervisorKeys, p.upstreamKeys, p.proposalsKeys, p.expectedTasks]).toEqual([1, 3, 4, 5]);
    expect(p.tasks.map(use)).toEqual([['m15a', 'supervisor', ['risk-penalized']], ['m25a', 'record']]);
    // m35a still replays the allocation over the supervisor tape; m25b the portfolio over m25a's tape
    expect(p.followUps({ ...done('m15a', pairsTape), supervisor }).map(use)).toEqual([['m15b', 'targets', 'pairs', undefined], ['m35a', 'allocation', 'supervisor', false]]);
    expect(p.followUps(done('m25a', pairsTape)).map(use)).toEqual([['m25b', 'portfolio', 'pairs', undefined]]);
    expect(p.followUps(failed('m25a'))).toEqual([]);
  });

  it('records no supervisor tape when every other upstream key starts alongside, nor plans differently on workers it could not fill', () => {
    const p = planStages(alloc, true, 4);
    expect(p.tasks.map(use)).toEqual([['m15a', 'record'], ['m25a', 'record'], ['m35a', undefined]]);
    expect(p.followUps(done('m15a', pairsTape)).map(use)).toEqual([['m15b', 'targets', 'pairs', undefined]]);
    // one task per supervisor key already fills two workers: the plan is the one-worker plan
    expect(planStages(configs, true, 2).tasks.map(use)).toEqual(planStages(configs).tasks.map(use));
    // three supervisor keys, one upstream key each: no other upstream key to start on the spare worker
    expect(planStages(configs, true, 4).tasks.map(use)).toEqual(planStages(configs).tasks.map(use));
    // two supervisor keys on three workers: one spare, for the second key's second upstream key
    const b = configs.filter((c) => c.id.startsWith('b'));
    expect(planStages([...alloc, ...b], true, 3).tasks.map(use)).toEqual([['b1', 'record'], ['m15a', 'supervisor', ['risk-penalized']], ['m25a', 'record']]);
  });

  it('records of a tape only what the replays over it read: proposals for a shared proposals key, pairs for another one', () => {
    // a1's group: a4 shares its proposals key, a2, a3, a5 do not; b1's: b2 does not
    expect(planStages(configs).tasks.map(needsOf)).toEqual([['a1', true, true], ['b1', false, true], ['c1', null, null]]);
    // a grid over the governor alone: every replay is a portfolio replay, no pairs read
    const governor = [config('g1', 18, 0.05, 0.1), config('g2', 18, 0.05, 0.01)];
    expect(planStages(governor).tasks.map(needsOf)).toEqual([['g1', true, false]]);
    // M's grid (allocation x cash buffer) on two workers: each upstream key records its pairs only
    const m = [config('x1', 18, 0.05, 0.1, 0.15), config('x2', 18, 0.2, 0.1, 0.15), config('y1', 18, 0.05, 0.1, 0.25), config('y2', 18, 0.2, 0.1, 0.25)];
    expect(planStages(m, true, 2).tasks.map(needsOf)).toEqual([['x1', false, true], ['y1', false, true]]);
    // on one worker the supervisor recording's own group records the same
    expect(planStages(m, true, 1).tasks.map(needsOf)).toEqual([['x1', false, true]]);
    // a failed supervisor recording's fallback records what its group's replays read
    const p = planStages(alloc);
    expect(p.tasks.map(needsOf)).toEqual([['m15a', false, true]]);
    expect(p.followUps(failed('m15a')).map(needsOf)).toEqual([['m15b', null, null], ['m25a', true, false], ['m35a', null, null]]);
  });

  it('runs every configuration in full when sharing is off', () => {
    const p = planStages(configs, false);
    expect(p.tasks.map((t) => t.upstream)).toEqual(Array(8).fill(undefined));
    expect(p.followUps(done('a1'))).toEqual([]);
  });
});
