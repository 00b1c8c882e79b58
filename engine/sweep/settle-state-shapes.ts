import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import { prepareScenarioRun } from '../run/run-scenario.js';
import type { RunData } from '../run/run-data.js';
import { newRunState } from '../run/state.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * Builds one run state and drops it, before a fresh thread runs its first configuration.
 *
 * Why: the second time one of the run state's object literals runs, V8 generalizes the fields
 * of its shape (they were tracked as constant while one object had it), and every function
 * optimized against that shape is thrown away. Without this, that second object is the second
 * configuration's state: `--trace-deopt` showed ~25 functions of the tick and outcome paths
 * deoptimized at its start, and that run took 50-200 ms instead of ~25. Built once here, while
 * nothing is optimized yet, the shapes are settled before the first run (quickstart grid,
 * 8 runs in one thread: 500-600 -> 380-500 ms CPU). No result depends on it.
 * A configuration that cannot be prepared settles nothing: its task reports its own error.
 */
export function settleStateShapes(scenario: Scenario, data: RunData, allocators: Readonly<Record<string, AllocatorPlugin>>): void {
  let cfg;
  try {
    cfg = prepareScenarioRun(scenario, data, allocators).cfg;
  } catch {
    return;
  }
  newRunState(data, cfg);
}
