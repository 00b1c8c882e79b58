import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { applyOverrides } from '../../../engine/sweep/apply-overrides.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import { readBenchmark } from '../../../engine/io/read-benchmark.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { newMetricsReuse, runMetrics } from '../../../engine/run/run-metrics.js';
import type { Overrides } from '../../../engine/sweep/space.js';

const baseText = readFileSync('scenarios/quickstart.yaml', 'utf8');
const opts = { allocators: allocatorParamSpecs(), cwd: process.cwd() };
const scenarioWith = (o: Overrides) => parseScenario(applyOverrides(baseText, o), 'scenarios/quickstart.yaml', opts);
const scenario = scenarioWith([]);
const data = loadRunData(runDataPaths(scenario));
const benchmark = readBenchmark(scenario);

describe('runMetrics', () => {
  it('gives the same metrics with a reuse as without, run after run, over the same times and over other times', () => {
    const whole = runScenario(scenario, data, ALLOCATORS).outcome.state;
    const other = runScenario(scenarioWith([['targets.cash_buffer', 0.3]]), data, ALLOCATORS).outcome.state;
    const shorter = runScenario(scenarioWith([['time.end', '2007-06-30']]), data, ALLOCATORS).outcome.state;
    expect(shorter.out.equityTs.length).toBeLessThan(whole.out.equityTs.length);
    const reuse = newMetricsReuse();
    for (const st of [whole, other, shorter, whole, whole]) {
      for (const ppy of [null, 12]) expect(runMetrics(st, 1_000_000, ppy, benchmark, reuse)).toEqual(runMetrics(st, 1_000_000, ppy, benchmark));
    }
    expect(reuse.last?.curve.tsMs.length).toBe(whole.out.equityTs.length);
  });

  it("annualizes with the scenario's metrics.periods_per_year when given, and says so; the replay is the same", () => {
    const inferred = runScenario(scenario, data, ALLOCATORS);
    const quarterly = runScenario(scenarioWith([['metrics.periods_per_year', 4]]), data, ALLOCATORS);
    expect(inferred.metrics.periods_per_year).toBe(12);
    expect(inferred.metrics.periods_per_year_source).toMatch(/^inferred: /);
    expect(quarterly.metrics.periods_per_year).toBe(4);
    expect(quarterly.metrics.periods_per_year_source).toBe('scenario metrics.periods_per_year');
    // Sharpe scales with sqrt(periods per year); the curve does not move
    expect(quarterly.metrics.sharpe as number).toBeCloseTo((inferred.metrics.sharpe as number) * Math.sqrt(4 / 12), 12);
    expect(quarterly.outcome.state.out.equity.length).toBe(inferred.outcome.state.out.equity.length);
    expect(quarterly.metrics.final_equity).toBe(inferred.metrics.final_equity);
  });
});
