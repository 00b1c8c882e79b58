import { toF64 } from '../core/growable.js';
import { runDownstream } from '../run/downstream-run.js';
import { finishScenarioRun, prepareScenarioRun, runScenario } from '../run/run-scenario.js';
import { recordUpstreamTape, type UpstreamTape } from '../run/upstream-tape.js';
import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { RunData } from '../run/run-data.js';
import type { RunBenchmark, RunMetrics } from '../run/run-metrics.js';
import type { Scenario } from '../scenario/scenario.js';
import { shareTape } from './share-tape.js';

/**
 * How a sweep task uses the upstream stages (engine/sweep/stage-plan.ts): absent, a full run;
 * 'record', a full run that also returns its upstream tape; a tape, a downstream replay over it.
 */
export type UpstreamUse = 'record' | UpstreamTape;

/** What a configuration's run gives a sweep: its metrics and equity curve, and a tape when asked to record one. */
export interface SweepTaskResult {
  readonly metrics: RunMetrics;
  readonly ts: Float64Array<ArrayBuffer>;
  readonly equity: Float64Array<ArrayBuffer>;
  readonly tape: UpstreamTape | null;
}

/** Runs one configuration of a sweep (in a worker thread, or in process): full, recording, or replaying a tape. */
export function runSweepTask(scenario: Scenario, upstream: UpstreamUse | undefined, data: RunData, allocators: Readonly<Record<string, AllocatorPlugin>>, benchmark: RunBenchmark | null): SweepTaskResult {
  let tape: UpstreamTape | null = null;
  let run;
  if (upstream === undefined) run = runScenario(scenario, data, allocators, {}, benchmark);
  else if (upstream === 'record') {
    const rec = recordUpstreamTape(data.agents.length);
    run = runScenario(scenario, data, allocators, { onTick: rec.observe }, benchmark);
    tape = shareTape(rec.finish(run.outcome.state, false));
  } else {
    // Validation as a full run's (cost symbols, window); the upstream stages come from the tape.
    const { cfg } = prepareScenarioRun(scenario, data, allocators);
    run = finishScenarioRun(scenario, data, cfg, runDownstream(data, cfg, upstream), benchmark);
  }
  const out = run.outcome.state.out;
  return { metrics: run.metrics, ts: new Float64Array(toF64(out.equityTs)), equity: new Float64Array(toF64(out.equity)), tape };
}
