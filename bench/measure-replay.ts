/**
 * In-process replay figures on one scenario's data: the bare columnar loop and the engine
 * (runScenario, exactly what `bt run` runs) timed in the same process on the same decoded
 * columns, best of `reps` each, bare runs interleaved before and after the engine's.
 */
import { performance } from 'node:perf_hooks';
import { loadRunData } from '../engine/io/load-run-data.js';
import { runDataPaths } from '../engine/io/run-data-paths.js';
import { runScenario } from '../engine/run/run-scenario.js';
import { readScenarioFile } from '../engine/scenario/read-scenario-file.js';
import type { RunData } from '../engine/run/run-data.js';
import type { RunCounters } from '../engine/run/run.js';
import { allocatorParamSpecs, ALLOCATORS } from '../strategies/index.js';
import { bareLoop } from './bare-loop.js';

/** What measureReplay found; times in seconds (best of the repetitions). */
export interface ReplayFigures {
  readonly loadSeconds: number;
  readonly bareSeconds: number;
  readonly bareEvents: number;
  readonly warmSeconds: number;
  readonly counters: RunCounters;
  readonly events: number;
  readonly finalEquity: number;
  /** Engine events/s over bare-loop events/s, both from this process. */
  readonly fractionOfBare: number;
}

function seconds(f: () => void): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
}

/** Loads the scenario's data once and times the bare loop and the engine on it. */
export function measureReplay(scenarioPath: string, reps: number, log: (line: string) => void): ReplayFigures & { data: RunData } {
  const scenario = readScenarioFile(scenarioPath, { allocators: allocatorParamSpecs() });
  let data: RunData | null = null;
  const loadSeconds = seconds(() => {
    data = loadRunData(runDataPaths(scenario));
  });
  const d = data as unknown as RunData; // assigned by the timed closure above
  let bareEvents = 0;
  let bareSeconds = Infinity;
  const bare = (): void => {
    bareSeconds = Math.min(bareSeconds, seconds(() => {
      bareEvents = bareLoop(d);
    }));
  };
  for (let r = 0; r < reps; r++) bare();
  log(`  bare loop: ${bareSeconds.toFixed(3)} s (best of ${reps})`);
  let warmSeconds = Infinity;
  let counters: RunCounters | null = null;
  let finalEquity = Number.NaN;
  for (let r = 0; r < reps; r++) {
    const s = seconds(() => {
      const run = runScenario(scenario, d, ALLOCATORS);
      counters = run.outcome.counters;
      finalEquity = run.metrics.final_equity;
    });
    warmSeconds = Math.min(warmSeconds, s);
    log(`  engine run ${r + 1}/${reps}: ${s.toFixed(3)} s`);
  }
  for (let r = 0; r < reps; r++) bare();
  const c = counters as unknown as RunCounters; // reps >= 1
  const events = c.prices + c.findings + c.reconciliations + c.ticks;
  const fractionOfBare = events / warmSeconds / (bareEvents / bareSeconds);
  return { data: d, loadSeconds, bareSeconds, bareEvents, warmSeconds, counters: c, events, finalEquity, fractionOfBare };
}
