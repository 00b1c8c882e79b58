import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import { prepareScenarioRun } from '../../../engine/run/run-scenario.js';
import { newRunState } from '../../../engine/run/state.js';

const scenario = parseScenario(readFileSync('scenarios/quickstart.yaml', 'utf8'), 'scenarios/quickstart.yaml', { allocators: allocatorParamSpecs(), cwd: process.cwd() });
const data = loadRunData(runDataPaths(scenario));
const { cfg } = prepareScenarioRun(scenario, data, ALLOCATORS);

describe('the event log of a run over in-memory data', () => {
  it('reserves the same rows whether it logs outcomes or not, and outcome room only when it does', () => {
    const logged = newRunState(data, cfg).log;
    const unlogged = newRunState(data, { ...cfg, logOutcomes: false }).log;
    expect(unlogged.kind.length).toBe(logged.kind.length);
    expect(logged.outcomes.pnl.length).toBe(data.findings.n);
    expect(unlogged.outcomes.pnl.length).toBe(0);
  });
});
