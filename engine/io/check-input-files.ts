import { lstatSync, statSync } from 'node:fs';
import { ViolationCollector } from '../core/errors.js';
import type { Scenario, ScenarioPath } from '../scenario/scenario.js';

/**
 * Throws one BtInputError naming every input file of `scenario` that is missing or not a file,
 * each at its key and line in the scenario file: the readers would name only the resolved path,
 * leaving the user to find which key wrote it (and relative to which folder).
 */
export function checkInputFiles(scenario: Scenario): void {
  const d = scenario.data;
  const paths: readonly (ScenarioPath | undefined)[] = [d.findings, d.prices, d.agents, d.killList, d.regime, scenario.benchmark?.prices];
  const bad = new ViolationCollector();
  const folder = isSymlink(scenario.file) ? "the scenario file's folder: the link's, not its target's" : "the scenario file's folder";
  for (const p of paths) {
    if (p === undefined) continue;
    const found = fileState(p.abs);
    if (found === 'file') continue;
    bad.add({
      file: scenario.file,
      ...(p.line !== undefined ? { line: p.line } : {}),
      ...(p.key !== undefined ? { field: p.key } : {}),
      expected: `an existing file (paths in data are relative to ${folder})`,
      found: `'${p.rel}' (${found})`,
    });
  }
  bad.throwIfAny();
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function fileState(abs: string): 'file' | 'no such file' | 'a folder' | string {
  try {
    const st = statSync(abs);
    return st.isFile() ? 'file' : st.isDirectory() ? 'a folder' : 'not a regular file';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code; // fs errors carry an errno code
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : `unreadable: ${code ?? 'unknown error'}`;
  }
}
