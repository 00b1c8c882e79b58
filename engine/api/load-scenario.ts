import { allocatorParamSpecs } from '../../strategies/index.js';
import { readScenarioFile } from '../scenario/read-scenario-file.js';
import type { Scenario } from '../scenario/scenario.js';

/** Options of loadScenario. */
export interface LoadScenarioOptions {
  /** Folder that `output.dir` is relative to (default: the current directory). */
  readonly cwd?: string;
}

/**
 * Returns the validated Scenario in the YAML file at `path`, with defaults filled, checked
 * against the registered allocators (strategies/index.ts); throws a BtInputError naming the
 * file, line and field for bad input. Reads the file only.
 */
export function loadScenario(path: string, opts: LoadScenarioOptions = {}): Scenario {
  return readScenarioFile(path, { allocators: allocatorParamSpecs(), ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}) });
}
