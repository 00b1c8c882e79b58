import { readFileSync } from 'node:fs';
import { BtInputError } from '../core/errors.js';
import { parseScenario, type ParseScenarioOptions, type Scenario } from './parse.js';

/** Returns the text of the scenario file at `path`, or throws a BtInputError saying why it cannot be read. */
export function readScenarioText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code; // fs errors carry an errno code
    const found = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : `an unreadable file (${code ?? 'unknown error'})`;
    throw new BtInputError({ file: path, expected: 'a scenario YAML file', found });
  }
}

/** Returns the Scenario in the YAML file at `path` (shell: reads the file, then parseScenario). */
export function readScenarioFile(path: string, opts: ParseScenarioOptions): Scenario {
  return parseScenario(readScenarioText(path), path, { ...opts, cwd: opts.cwd ?? process.cwd() });
}
