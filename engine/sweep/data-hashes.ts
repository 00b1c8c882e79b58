import { readFileSync } from 'node:fs';
import { sha256Hex } from '../core/hash.js';
import type { RunDataPaths } from '../io/load-run-data.js';

/** Returns the sha256 of each input file of a run, keyed by role (findings, prices, agents, killList, regime). */
export function hashRunDataFiles(paths: RunDataPaths): Record<string, string> {
  const out: Record<string, string> = {};
  const roles = ['findings', 'prices', 'agents', 'killList', 'regime'] as const;
  for (const role of roles) {
    const p = paths[role];
    if (p !== undefined) out[role] = sha256Hex(readFileSync(p));
  }
  return out;
}
