import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import { prepareScenarioRun } from '../run/run-scenario.js';
import type { RunData } from '../run/run-data.js';
import { recordUpstreamTape } from '../run/staged/upstream-tape.js';
import { recordSupervisorTape } from '../run/staged/supervisor-tape.js';
import { reconcileDue } from '../run/stages/outcomes.js';
import { newRunState } from '../run/state.js';
import type { Scenario } from '../scenario/scenario.js';
import { DISCARD_EVENT_LOG } from './discard-event-log.js';

/**
 * Builds one run state (with its due block and its log's sink) and one recorder of an upstream tape, and drops
 * them, before a fresh thread runs its first configuration.
 *
 * Why: the second time one of those object literals (or the recorder's tick-observer closure)
 * is created, V8 generalizes what it had assumed from the single first one (constant fields,
 * one closure), and every function optimized against it is thrown away. Without this, the
 * second objects are the second configuration's: `--trace-deopt` showed ~25 functions of the
 * tick and outcome paths deoptimized at its start, and that run took 50-200 ms instead of ~25.
 * Built once here, while nothing is optimized yet, the shapes are settled before the first run
 * (48-configuration quickstart plan in one thread, CPU of its first two runs: median 413 ->
 * 295 ms, of all 48: 610 -> 508 ms). No result depends on it. Since the run state, its parts
 * and RunConfig are classes (bench/RESULTS.md, twentieth session) they keep their field types
 * without it; what it still settles is mostly the recorders' closures (not measured apart).
 * A configuration that cannot be prepared settles nothing: its task reports its own error.
 */
export function settleStateShapes(scenario: Scenario, data: RunData, allocators: Readonly<Record<string, AllocatorPlugin>>): void {
  let cfg;
  try {
    cfg = prepareScenarioRun(scenario, data, allocators).cfg;
  } catch {
    return;
  }
  const st = newRunState(data, cfg, DISCARD_EVENT_LOG); // as every run of a sweep does (run-sweep-task.ts)
  reconcileDue(st, data, cfg, cfg.startMs); // nothing is due yet: it only builds the state's due block
  recordUpstreamTape(data.agents.length, data.symbols.length); // a recording's recorders and tick observer
  recordSupervisorTape(data.agents.length, data.strategies.length, false); // and a supervisor recording's
}
