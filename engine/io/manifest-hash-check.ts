import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';

/** The hint for a run folder bt cannot read as written by this bt. */
export const RERUN_HINT = 'Run the scenario again with this bt (bt run SCENARIO)';
/** The hint for a run file whose bytes no longer match the hash manifest.json records. */
export const CHANGED_HINT = `The file changed after bt run wrote it. ${RERUN_HINT}`;

/**
 * Throws a BtInputError naming `file` unless `have` (its sha256) is `want`, the hash
 * manifest.json records for it; `hint` says what to do about a mismatch.
 */
export function checkManifestHash(have: string, file: string, want: unknown, hint: string = CHANGED_HINT): void {
  if (typeof want !== 'string') throw new BtInputError({ file, field: 'sha256', expected: 'a sha256 recorded in manifest.json', found: 'none', hint: RERUN_HINT });
  if (want !== have) throw new BtInputError({ file, field: 'sha256', expected: `${want} (manifest.json)`, found: have, hint });
}

/**
 * Returns the bytes of the run file `file` of `dir` after checking them against `outputs`
 * (manifest.json's output hashes): an edited file is refused, never shown as the run's.
 */
export function readHashedRunFile(dir: string, file: string, outputs: Readonly<Record<string, unknown>>): Buffer {
  const path = join(dir, file);
  const bytes = readFileSync(path);
  checkManifestHash(sha256Hex(bytes), path, outputs[file]);
  return bytes;
}
