import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { applyOverrides } from '../../../engine/sweep/apply-overrides.js';
import { planStages } from '../../../engine/sweep/stage-plan.js';
import { runSweepTask } from '../../../engine/sweep/run-sweep-task.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import type { SweepTask } from '../../../engine/sweep/worker.js';

/**
 * Whatever the plan (the workers it is made for decide which upstream keys record their own tape
 * and which replay the allocation over the supervisor tape), every configuration gets the
 * metrics of its full run. Quickstart runs are short, so `bt sweep` plans them for one worker:
 * the plans for more are run here, task after task in this thread.
 */
const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');
const opts = { allocators: allocatorParamSpecs(), cwd: process.cwd() };
const config = (id: string, maxWeight: number, cash: number, threshold: number): { id: string; scenario: ReturnType<typeof parseScenario> } => ({
  id,
  scenario: parseScenario(applyOverrides(baseText, [['allocator.params.max_weight', maxWeight], ['targets.cash_buffer', cash], ['governor.reallocation_threshold', threshold]]), 'scenarios/quickstart.yaml', opts),
});
// one supervisor key; three upstream keys (max_weight), each with two or three proposals keys
const configs = [0.15, 0.25, 0.35].flatMap((m) => [0.05, 0.2].flatMap((c) => [0.02, 0.1].map((t) => config(`m${m}-c${c}-t${t}`, m, c, t))));

function metricsOf(plan: ReturnType<typeof planStages>, data: ReturnType<typeof loadRunData>): Map<string, string> {
  const out = new Map<string, string>();
  const queue: SweepTask[] = [...plan.tasks];
  for (let i = 0; i < queue.length; i++) {
    const t = queue[i] as SweepTask;
    const r = runSweepTask(t.scenario, t.upstream, data, ALLOCATORS, null);
    out.set(t.id, JSON.stringify(r.metrics));
    const empty = new Float64Array(0);
    queue.push(...plan.followUps({ kind: 'done', id: t.id, metrics: r.metrics, ts: empty, equity: empty, ...(r.tape !== null ? { tape: r.tape } : {}), ...(r.supervisor !== null ? { supervisor: r.supervisor } : {}) }));
  }
  return out;
}

describe('staged plans for any number of workers', () => {
  it('give every configuration the metrics of its full run', () => {
    const data = loadRunData(runDataPaths((configs[0] as (typeof configs)[0]).scenario));
    const full = metricsOf(planStages(configs, false), data);
    expect(full.size).toBe(12);
    for (const workers of [1, 2, 3, 4]) {
      const staged = metricsOf(planStages(configs, true, workers), data);
      expect([...staged.entries()].sort(), `${workers} workers`).toEqual([...full.entries()].sort());
    }
  });

  it('give every configuration its full run\'s metrics when the tapes are recorded without proposals or without pairs', () => {
    const data = loadRunData(runDataPaths((configs[0] as (typeof configs)[0]).scenario));
    // M's shape (no two configurations share a proposals key: tapes without proposals) and a
    // governor-only grid (one proposals key per upstream key: tapes without pairs)
    const noProposals = configs.filter((c) => c.id.endsWith('-t0.1'));
    const noPairs = configs.filter((c) => c.id.includes('-c0.05-'));
    for (const grid of [noProposals, noPairs]) {
      const full = metricsOf(planStages(grid, false), data);
      for (const workers of [1, 2, 3]) {
        const staged = metricsOf(planStages(grid, true, workers), data);
        expect([...staged.entries()].sort(), `${grid.length} configurations, ${workers} workers`).toEqual([...full.entries()].sort());
      }
    }
  });
});
