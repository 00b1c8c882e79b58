import { readFileSync, statSync } from 'node:fs';
import { BtInputError } from '../core/errors.js';
import { parseScenario, type ParseScenarioOptions, type Scenario } from './parse.js';
import { unreadableFileFound } from '../io/unreadable-file.js';

/**
 * The largest scenario or sweep file read, in bytes. A scenario is a page of settings; a 100 MB
 * one (a single long string) took 18 s and 3.9 GB to parse, close to the heap's limit.
 */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;

/** Throws unless the file at `path` (named `shown` in the message) is at most MAX_YAML_BYTES; a missing file is left to the read. */
export function checkYamlSize(path: string, what: string, shown = path): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return;
  }
  if (size > MAX_YAML_BYTES) throw new BtInputError({ file: shown, expected: `${what} of at most ${MAX_YAML_BYTES / (1024 * 1024)} MiB`, found: `${size} bytes` });
}

/** Returns the text of the scenario file at `path`, or throws a BtInputError saying why it cannot be read. */
export function readScenarioText(path: string): string {
  checkYamlSize(path, 'a scenario YAML file');
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new BtInputError({ file: path, expected: 'a scenario YAML file', found: unreadableFileFound(err) });
  }
}

/** Returns the Scenario in the YAML file at `path` (shell: reads the file, then parseScenario). */
export function readScenarioFile(path: string, opts: ParseScenarioOptions): Scenario {
  return parseScenario(readScenarioText(path), path, { ...opts, cwd: opts.cwd ?? process.cwd() });
}
