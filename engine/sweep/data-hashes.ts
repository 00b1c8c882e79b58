import type { InputFile } from '../io/manifest.js';
import { hashFiles } from '../io/manifest.js';
import type { RunDataPaths } from '../io/load-run-data.js';

/** The input files a sweep's data hashes cover, each named by its role (findings, prices, agents, killList, regime). */
export function runDataFiles(paths: RunDataPaths): InputFile[] {
  const out: InputFile[] = [];
  for (const role of ['findings', 'prices', 'agents', 'killList', 'regime'] as const) {
    const p = paths[role];
    if (p !== undefined) out.push({ rel: role, abs: p });
  }
  return out;
}

/** Returns the sha256 of each input file of a run, keyed by role (on this thread; `bt sweep` hashes them on a worker while it loads them). */
export function hashRunDataFiles(paths: RunDataPaths): Record<string, string> {
  return hashFiles(runDataFiles(paths));
}
