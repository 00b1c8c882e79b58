/**
 * In-process replay figures on one scenario's data: the bare columnar loop and the engine
 * (runScenario, exactly what `bt run` runs) timed in the same process on the same decoded
 * columns, best of `reps` each, bare runs before and after the engine's. Each is timed in
 * wall time and in this process's CPU time: on a busy machine other processes stretch the
 * wall time of a long run more than a short one's, never the CPU time, so the fraction of
 * the bare loop (what the CI guard reads) is taken from CPU time.
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
  /** CPU seconds (user + system, all threads) of the best bare and engine runs. */
  readonly bareCpuSeconds: number;
  readonly warmCpuSeconds: number;
  readonly counters: RunCounters;
  readonly events: number;
  readonly finalEquity: number;
  /** Engine events per CPU second over the bare loop's, both from this process. */
  readonly fractionOfBare: number;
  /** The same ratio from wall times. */
  readonly fractionOfBareWall: number;
}

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

function timed(f: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

/** Loads the scenario's data once and times the bare loop and the engine on it. */
export function measureReplay(scenarioPath: string, reps: number, log: (line: string) => void): ReplayFigures & { data: RunData } {
  const scenario = readScenarioFile(scenarioPath, { allocators: allocatorParamSpecs() });
  let data: RunData | null = null;
  const loadSeconds = timed(() => {
    data = loadRunData(runDataPaths(scenario));
  }).wall;
  const d = data as unknown as RunData; // assigned by the timed closure above
  let bareEvents = 0;
  const bareBest = { wall: Infinity, cpu: Infinity };
  const bare = (): void => {
    const t = timed(() => {
      bareEvents = bareLoop(d);
    });
    bareBest.wall = Math.min(bareBest.wall, t.wall);
    bareBest.cpu = Math.min(bareBest.cpu, t.cpu);
  };
  for (let r = 0; r < reps; r++) bare();
  const warmBest = { wall: Infinity, cpu: Infinity };
  let counters: RunCounters | null = null;
  let finalEquity = Number.NaN;
  for (let r = 0; r < reps; r++) {
    const t = timed(() => {
      const run = runScenario(scenario, d, ALLOCATORS);
      counters = run.outcome.counters;
      finalEquity = run.metrics.final_equity;
    });
    warmBest.wall = Math.min(warmBest.wall, t.wall);
    warmBest.cpu = Math.min(warmBest.cpu, t.cpu);
    log(`  engine run ${r + 1}/${reps}: ${t.wall.toFixed(3)} s wall, ${t.cpu.toFixed(3)} s CPU`);
  }
  for (let r = 0; r < reps; r++) bare();
  log(`  bare loop: ${bareBest.wall.toFixed(3)} s wall, ${bareBest.cpu.toFixed(3)} s CPU (best of ${2 * reps})`);
  const c = counters as unknown as RunCounters; // reps >= 1
  const events = c.prices + c.findings + c.reconciliations + c.ticks;
  return {
    data: d,
    loadSeconds,
    bareSeconds: bareBest.wall,
    bareCpuSeconds: bareBest.cpu,
    bareEvents,
    warmSeconds: warmBest.wall,
    warmCpuSeconds: warmBest.cpu,
    counters: c,
    events,
    finalEquity,
    fractionOfBare: events / warmBest.cpu / (bareEvents / bareBest.cpu),
    fractionOfBareWall: events / warmBest.wall / (bareEvents / bareBest.wall),
  };
}
