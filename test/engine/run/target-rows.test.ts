import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import { finishScenarioRun, prepareScenarioRun } from '../../../engine/run/run-scenario.js';
import { runBacktest } from '../../../engine/run/run.js';
import { newRunState } from '../../../engine/run/state.js';
import { toF64 } from '../../../engine/core/growable.js';
import { expandedLog, logRows } from '../../helpers/expanded-log.js';

const scenario = parseScenario(readFileSync('scenarios/quickstart.yaml', 'utf8'), 'scenarios/quickstart.yaml', { allocators: allocatorParamSpecs(), cwd: process.cwd() });
const data = loadRunData(runDataPaths(scenario));
const p = prepareScenarioRun(scenario, data, ALLOCATORS);

describe('a run that keeps no target rows (a sweep configuration)', () => {
  it('sets the same targets, trades and reports the same, and keeps no target output row', () => {
    const kept = finishScenarioRun(scenario, data, p.cfg, p.plugin, runBacktest(data, p.cfg, p.plugin, p.params), null);
    const cfg = { ...p.cfg, targetRows: false };
    const none = finishScenarioRun(scenario, data, cfg, p.plugin, runBacktest(data, cfg, p.plugin, p.params), null);
    expect(kept.outcome.state.out.targetTs.length).toBeGreaterThan(100);
    expect([none.outcome.state.out.targetTs.length, none.outcome.state.out.targetSymbol.length, none.outcome.state.out.targetWeight.length]).toEqual([0, 0, 0]);
    expect(JSON.stringify(none.metrics)).toBe(JSON.stringify(kept.metrics));
    expect(Array.from(toF64(none.outcome.state.out.equity))).toEqual(Array.from(toF64(kept.outcome.state.out.equity)));
    expect(Array.from(none.outcome.state.portfolio.target)).toEqual(Array.from(kept.outcome.state.portfolio.target));
    // the event log still records every targets_set row (as full rows where no target row is kept to point at)
    expect(none.outcome.state.log.targets.blocks).toBe(0);
    expect(kept.outcome.state.log.targets.blocks).toBeGreaterThan(0);
    expect(logRows(expandedLog(none.outcome.state.log, data))).toEqual(logRows(expandedLog(kept.outcome.state.log, data)));
  });

  it('reserves no room for target rows', () => {
    expect(newRunState(data, p.cfg).out.targetTs.data.length).toBeGreaterThan(256);
    expect(newRunState(data, { ...p.cfg, targetRows: false }).out.targetTs.data.length).toBeLessThanOrEqual(256);
  });
});
