import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocatorParamSpecs } from '../../../strategies/index.js';
import { applyOverrides } from '../../../engine/sweep/apply-overrides.js';
import { planStages } from '../../../engine/sweep/stage-plan.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { recordUpstreamTape, type UpstreamTape } from '../../../engine/run/staged/upstream-tape.js';
import type { SweepRunFailure, SweepRunResult } from '../../../engine/sweep/pool.js';
import type { RunMetrics } from '../../../engine/run/run-metrics.js';

const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');
const opts = { allocators: allocatorParamSpecs(), cwd: process.cwd() };
const config = (id: string, maxWeight: number, cash: number, threshold = 0.1): { id: string; scenario: ReturnType<typeof parseScenario> } => ({
  id,
  scenario: parseScenario(applyOverrides(baseText, [['allocator.params.max_weight', maxWeight], ['targets.cash_buffer', cash], ['governor.reallocation_threshold', threshold]]), 'q.yaml', opts),
});
// upstream keys (max_weight): a with three proposals keys (cash_buffer), b with two, c alone
const configs = [
  config('a5', 0.15, 0.2, 0.01), config('b1', 0.25, 0.05), config('a1', 0.15, 0.05), config('a3', 0.15, 0.3),
  config('c1', 0.35, 0.1), config('a4', 0.15, 0.05, 0.01), config('b2', 0.25, 0.2), config('a2', 0.15, 0.2),
];
const recorded = recordUpstreamTape(2, 3).finish({ multipliers: new Float64Array(2), agentStatus: new Uint8Array(2), classStatus: new Uint8Array(0), out: { kills: [] }, expectation: { fits: 0, fallbacks: 0 } } as never, { prices: 0, findings: 0, reconciliations: 0, ticks: 0, fills: 0 }, false, { findings: { agentId: new Int32Array(0), symbolId: new Int32Array(0), confidence: new Float64Array(0), severityMult: new Float64Array(0) }, agentStrategy: new Int32Array(0) });
// a seed-mode tape (no pairs), and a default-mode one
const tape = { ...recorded, pairs: null };
const pairsTape = recorded;
const done = (id: string, t: UpstreamTape = tape): SweepRunResult => ({ kind: 'done', id, metrics: {} as RunMetrics, ts: new Float64Array(0), equity: new Float64Array(0), tape: t });
const failed = (id: string): SweepRunFailure => ({ kind: 'error', id, message: 'x', input: true });

const use = (t: { readonly id: string; readonly upstream?: unknown }): unknown[] => {
  const u = t.upstream as undefined | 'record' | { replay: string; tape: unknown; record?: boolean };
  if (u === undefined || u === 'record') return [t.id, u];
  return [t.id, u.replay, u.tape === tape ? 'tape' : u.tape === tape2 ? 'tape2' : u.tape === pairsTape ? 'pairs' : 'other', u.record];
};
const tape2 = { ...tape };

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

  it('runs every configuration in full when sharing is off', () => {
    const p = planStages(configs, false);
    expect(p.tasks.map((t) => t.upstream)).toEqual(Array(8).fill(undefined));
    expect(p.followUps(done('a1'))).toEqual([]);
  });
});
