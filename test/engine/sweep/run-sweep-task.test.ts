import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { applyOverrides } from '../../../engine/sweep/apply-overrides.js';
import { runSweepTask, type UpstreamUse } from '../../../engine/sweep/run-sweep-task.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { toF64 } from '../../../engine/core/growable.js';
import type { Scenario } from '../../../engine/scenario/scenario.js';

/**
 * A sweep task runs without the event log's outcome rows (nothing a sweep writes reads them) and
 * may replay a tape: its metrics and equity curve are still those of `bt run`'s full run of the
 * configuration, which logs every outcome.
 */

const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');
const opts = { allocators: allocatorParamSpecs(), cwd: process.cwd() };
const scenario = (cash: number, threshold: number): Scenario =>
  parseScenario(applyOverrides(baseText, [['targets.cash_buffer', cash], ['governor.reallocation_threshold', threshold]]), 'scenarios/quickstart.yaml', opts);

describe('runSweepTask', () => {
  it('gives the metrics and curve of a full run that logs every outcome, run in full, recording, or replaying the tape', () => {
    const base = scenario(0.1, 0.05);
    const data = loadRunData(runDataPaths(base));
    const recorded = runSweepTask(base, 'record', data, ALLOCATORS, null);
    const tape = recorded.tape;
    expect(tape?.pairs).not.toBeNull();
    if (tape === null) return;
    const cases: [Scenario, UpstreamUse | undefined][] = [
      [base, undefined],
      [base, 'record'],
      [scenario(0.1, 0.2), { replay: 'portfolio', tape }],
      [scenario(0.3, 0.05), { replay: 'targets', tape }],
      [scenario(0.3, 0.2), { replay: 'downstream', tape, record: false }],
    ];
    for (const [sc, use] of cases) {
      const full = runScenario(sc, data, ALLOCATORS);
      expect(full.cfg.logOutcomes).toBe(true);
      const task = runSweepTask(sc, use, data, ALLOCATORS, null);
      const label = typeof use === 'object' ? use.replay : String(use);
      expect(JSON.stringify(task.metrics), label).toBe(JSON.stringify(full.metrics));
      expect(Array.from(task.equity), label).toEqual(Array.from(toF64(full.outcome.state.out.equity)));
      expect(Array.from(task.ts), label).toEqual(Array.from(toF64(full.outcome.state.out.equityTs)));
    }
  });
});
