import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocatorParamSpecs } from '../../../strategies/index.js';
import { applyOverrides } from '../../../engine/sweep/apply-overrides.js';
import { planStages } from '../../../engine/sweep/stage-plan.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { recordUpstreamTape } from '../../../engine/run/upstream-tape.js';
import type { SweepRunFailure, SweepRunResult } from '../../../engine/sweep/pool.js';
import type { RunMetrics } from '../../../engine/run/run-metrics.js';

const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');
const opts = { allocators: allocatorParamSpecs(), cwd: process.cwd() };
const config = (id: string, maxWeight: number, cash: number): { id: string; scenario: ReturnType<typeof parseScenario> } => ({
  id,
  scenario: parseScenario(applyOverrides(baseText, [['allocator.params.max_weight', maxWeight], ['targets.cash_buffer', cash]]), 'q.yaml', opts),
});
// two upstream keys (max_weight) with three configurations each, one alone
const configs = [config('a1', 0.15, 0.05), config('b1', 0.25, 0.05), config('a2', 0.15, 0.2), config('c1', 0.35, 0.1), config('b2', 0.25, 0.2), config('a3', 0.15, 0.3)];
const tape = recordUpstreamTape(2).finish({ multipliers: new Float64Array(2), agentStatus: new Uint8Array(2), classStatus: new Uint8Array(0), out: { kills: [] }, expectation: { fits: 0, fallbacks: 0 } } as never, false);
const done = (id: string): SweepRunResult => ({ kind: 'done', id, metrics: {} as RunMetrics, ts: new Float64Array(0), equity: new Float64Array(0), tape });
const failed = (id: string): SweepRunFailure => ({ kind: 'error', id, message: 'x', input: true });

describe('planStages', () => {
  it('records one tape per upstream key (the first id) and queues the others as replays over it', () => {
    const p = planStages(configs);
    expect(p.upstreamKeys).toBe(3);
    expect(p.expectedTasks).toBe(6);
    expect(p.tasks.map((t) => [t.id, t.upstream])).toEqual([['a1', 'record'], ['b1', 'record'], ['c1', undefined]]);
    const next = p.followUps(done('a1'));
    expect(next.map((t) => t.id)).toEqual(['a2', 'a3']);
    expect(next.every((t) => t.upstream === tape)).toBe(true);
    expect(p.followUps(done('a1'))).toEqual([]);
    expect(p.followUps(done('c1'))).toEqual([]);
  });

  it('runs the rest of a group in full when its recording run fails', () => {
    const p = planStages(configs);
    const next = p.followUps(failed('b1'));
    expect(next.map((t) => [t.id, t.upstream])).toEqual([['b2', undefined]]);
  });

  it('runs every configuration in full when sharing is off', () => {
    const p = planStages(configs, false);
    expect(p.tasks.map((t) => t.upstream)).toEqual(Array(6).fill(undefined));
    expect(p.followUps(done('a1'))).toEqual([]);
  });
});
