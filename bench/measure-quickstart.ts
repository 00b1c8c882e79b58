/**
 * The quickstart replayed in-process (data loaded once, not timed): the first run, cold JIT
 * included, and the best of the next `reps`.
 */
import { performance } from 'node:perf_hooks';
import { loadRunData } from '../engine/io/load-run-data.js';
import { runDataPaths } from '../engine/io/run-data-paths.js';
import { runScenario } from '../engine/run/run-scenario.js';
import { readScenarioFile } from '../engine/scenario/read-scenario-file.js';
import { allocatorParamSpecs, ALLOCATORS } from '../strategies/index.js';

/** Seconds of the first run and the best later one, and the events one run replays. */
export interface QuickstartFigures {
  readonly firstSeconds: number;
  readonly bestSeconds: number;
  readonly events: number;
}

export function measureQuickstart(scenarioPath: string, reps: number): QuickstartFigures {
  const scenario = readScenarioFile(scenarioPath, { allocators: allocatorParamSpecs() });
  const data = loadRunData(runDataPaths(scenario));
  let events = 0;
  const once = (): number => {
    const t0 = performance.now();
    const c = runScenario(scenario, data, ALLOCATORS).outcome.counters;
    const s = (performance.now() - t0) / 1000;
    events = c.prices + c.findings + c.reconciliations + c.ticks;
    return s;
  };
  const firstSeconds = once();
  let bestSeconds = Infinity;
  for (let r = 0; r < reps; r++) bestSeconds = Math.min(bestSeconds, once());
  return { firstSeconds, bestSeconds, events };
}
