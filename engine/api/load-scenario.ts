import { allocatorParamSpecs } from '../../strategies/index.js';
import { BtInputError, type InputErrorDetail } from '../core/errors.js';
import { linesOfKeysNotSet, parseScenarioValue } from '../scenario/parse.js';
import { parseYamlWithLines } from '../scenario/parse-yaml-with-lines.js';
import { readScenarioFile, readScenarioText } from '../scenario/read-scenario-file.js';
import type { Scenario } from '../scenario/scenario.js';
import { setYamlPaths } from '../scenario/set-yaml-paths.js';
import { withoutOtherVariantParams } from '../scenario/variant-params.js';

/** Options of loadScenario. */
export interface LoadScenarioOptions {
  /** Folder that `output.dir` is relative to (default: the current directory). */
  readonly cwd?: string;
  /**
   * Settings to change, by dotted YAML path as a sweep's space names them (`{ 'targets.cash_buffer': 0.2 }`),
   * each set in the file's YAML before it is validated: a bad value is refused as if written there.
   * An `allocator.variant` other than the file's runs on its own defaults: the file's allocator.params
   * are its variant's and are dropped (allocator.params set here are kept).
   */
  readonly set?: Readonly<Record<string, unknown>>;
}

/**
 * Returns the validated Scenario in the YAML file at `path`, with defaults filled, checked
 * against the registered allocators (strategies/index.ts) after `set`'s changes; throws a
 * BtInputError naming the file, line and field for bad input. Reads the file only. The
 * Scenario is frozen: to run another setting, load it again with `set`.
 */
export function loadScenario(path: string, opts: LoadScenarioOptions = {}): Scenario {
  const parse = { allocators: allocatorParamSpecs(), ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}) };
  const set = Object.entries(opts.set ?? {});
  if (set.length === 0) return readScenarioFile(path, parse);
  const fileText = readScenarioText(path);
  // the Scenario keeps the file's lines (Scenario.keyLines), not those of the edited text
  const kept = linesOfKeysNotSet(parseYamlWithLines(fileText, path).keyLines, set.map(([key]) => key));
  // another variant does not inherit the file's allocator.params (scenario/variant-params.ts)
  let text = withoutOtherVariantParams(fileText, set);
  for (const [key, value] of set) {
    try {
      // one key at a time, to name the one the yaml library refuses
      text = setYamlPaths(text, [[key, value]]);
    } catch (err) {
      // the yaml library refuses a path through a value that is not a mapping (targets.cash_buffer.x)
      throw new BtInputError({ file: path, field: `set['${key}']`, expected: 'a dotted path through mappings of the scenario (targets.cash_buffer)', found: `a path through a value that is not a mapping (${(err as Error).message})` });
    }
  }
  try {
    const edited = parseYamlWithLines(text, path);
    return parseScenarioValue(edited.value, edited.keyLines, path, { ...parse, cwd: opts.cwd ?? process.cwd() }, kept);
  } catch (err) {
    if (!(err instanceof BtInputError)) throw err;
    const given = new Set(set.map(([key]) => key));
    throw new BtInputError(err.details.map((d) => (d.field !== undefined && given.has(d.field) ? fromSet(d) : d)), err.moreCount);
  }
}

/** A violation of a value `set` gave: its line is one of the edited text, not of the file, so it names `set` instead. */
function fromSet(d: InputErrorDetail): InputErrorDetail {
  const { line: _edited, ...rest } = d;
  return { ...rest, hint: "The value comes from loadScenario's set option" };
}
