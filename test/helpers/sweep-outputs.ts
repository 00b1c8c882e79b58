import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** The files a sweep writes that must not depend on worker count, sharding, resume or staging (the tables and the manifest of their hashes). */
export const SWEEP_OUTPUTS = ['results.arrow', 'results.csv', 'curves.arrow', 'summary.json', 'manifest.json'] as const;

/** Expects sweep folders `a` and `b` (under `dir`) to hold byte-identical tables. */
export function expectSameSweepOutputs(dir: string, a: string, b: string): void {
  for (const f of SWEEP_OUTPUTS) expect(readFileSync(join(dir, b, f)).equals(readFileSync(join(dir, a, f))), `${a}/${f} vs ${b}/${f}`).toBe(true);
}
