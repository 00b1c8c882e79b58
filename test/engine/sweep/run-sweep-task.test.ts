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
import { WHOLE_TAPE } from '../../../engine/run/staged/upstream-tape.js';

/**
 * A sweep task runs without the event log's outcome rows (nothing a sweep writes reads them) and
 * may replay a tape: its metrics and equity curve are still those of `bt run`'s full run of the
 * configuration, which logs every outcome.
 */

const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');
const opts = { allocators: allocatorParamSpecs(), cwd: process.cwd() };
const scenario = (cash: number, threshold: number, allocator: [string, number | string][] = []): Scenario =>
  parseScenario(applyOverrides(baseText, [['targets.cash_buffer', cash], ['governor.reallocation_threshold', threshold], ...allocator]), 'scenarios/quickstart.yaml', opts);

describe('runSweepTask', () => {
  it('gives the metrics and curve of a full run that logs every outcome, run in full, recording, or replaying the tape', () => {
    const base = scenario(0.1, 0.05);
    const data = loadRunData(runDataPaths(base));
    const recorded = runSweepTask(base, { record: 'supervisor', variants: ['capital-governor', 'risk-penalized'], needs: WHOLE_TAPE }, data, ALLOCATORS, null);
    const tape = recorded.tape;
    const supervisor = recorded.supervisor;
    expect(tape?.pairs).not.toBeNull();
    if (tape === null || supervisor === null) throw new Error('a supervisor recording returns both tapes');
    // an allocation replay that records gives an upstream tape with its proposals and pairs
    const other = scenario(0.1, 0.05, [['allocator.params.max_weight', 0.15]]);
    const otherTape = runSweepTask(other, { replay: 'allocation', supervisor, record: true }, data, ALLOCATORS, null).tape;
    expect(otherTape?.pairs).not.toBeNull();
    if (otherTape === null) return;
    const cases: [Scenario, UpstreamUse | undefined][] = [
      [base, undefined],
      [base, { record: 'upstream', needs: WHOLE_TAPE }],
      [scenario(0.1, 0.2), { replay: 'portfolio', tape }],
      [scenario(0.3, 0.05), { replay: 'targets', tape }],
      [scenario(0.3, 0.2), { replay: 'downstream', tape, record: false }],
      [scenario(0.3, 0.2, [['allocator.params.max_weight', 0.35]]), { replay: 'allocation', supervisor, record: false }],
      [scenario(0.3, 0.2, [['allocator.variant', 'capital-governor']]), { replay: 'allocation', supervisor, record: false }],
      [scenario(0.1, 0.2, [['allocator.params.max_weight', 0.15]]), { replay: 'portfolio', tape: otherTape }],
      [scenario(0.3, 0.05, [['allocator.params.max_weight', 0.15]]), { replay: 'targets', tape: otherTape }],
    ];
    for (const [sc, use] of cases) {
      const full = runScenario(sc, data, ALLOCATORS);
      expect(full.cfg.logOutcomes).toBe(true);
      const task = runSweepTask(sc, use, data, ALLOCATORS, null);
      const label = typeof use === 'object' && 'replay' in use ? use.replay : JSON.stringify(use);
      expect(JSON.stringify(task.metrics), label).toBe(JSON.stringify(full.metrics));
      expect(Array.from(task.equity), label).toEqual(Array.from(toF64(full.outcome.state.out.equity)));
      expect(Array.from(task.ts), label).toEqual(Array.from(toF64(full.outcome.state.out.equityTs)));
    }
  });

  it('records only the parts of the tape it is asked for, with the metrics of the full run either way', () => {
    const base = scenario(0.1, 0.05);
    const data = loadRunData(runDataPaths(base));
    const full = JSON.stringify(runScenario(base, data, ALLOCATORS).metrics);
    const none = runSweepTask(base, { record: 'upstream', needs: { proposals: false, pairs: false } }, data, ALLOCATORS, null);
    expect([none.tape?.proposals, none.tape?.pairs]).toEqual([null, null]);
    expect(none.tape?.weights.tickRow.length).toBeGreaterThan(0);
    const pairs = runSweepTask(base, { record: 'upstream', needs: { proposals: false, pairs: true } }, data, ALLOCATORS, null);
    expect(pairs.tape?.proposals).toBeNull();
    const whole = runSweepTask(base, { record: 'upstream', needs: WHOLE_TAPE }, data, ALLOCATORS, null);
    expect(whole.tape?.proposals).not.toBeNull();
    // the pairs recorded alone are the pairs a whole recording holds
    expect(pairs.tape?.pairs?.chunks.flatMap((c) => Array.from(c.raw))).toEqual(whole.tape?.pairs?.chunks.flatMap((c) => Array.from(c.raw)));
    const supervisor = runSweepTask(base, { record: 'supervisor', variants: ['risk-penalized'], needs: { proposals: true, pairs: false } }, data, ALLOCATORS, null);
    expect([supervisor.tape?.proposals === null, supervisor.tape?.pairs, supervisor.supervisor === null]).toEqual([false, null, false]);
    for (const r of [none, pairs, whole, supervisor]) expect(JSON.stringify(r.metrics)).toBe(full);
  });
});
