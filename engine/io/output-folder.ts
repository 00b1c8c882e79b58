/**
 * Folders written in place (a sweep's journal is appended as configurations finish, so
 * `--resume` can continue it): locked, checked and marked like atomic outputs, but not swapped.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { asEnvError } from './env-error.js';
import { asidePathFor } from './atomic-write.js';
import { acquireOutputLock } from './output-lock.js';
import { checkReplaceableFolder, OUTPUT_MARKER, outputMarkerText, type OutputKind } from './output-kind.js';
import { faultPoint, outputFs } from './output-fs.js';
import { recoverStaleOutputs } from './recover-stale-outputs.js';

/** An output folder opened for writing in place. */
export interface OpenOutputFolder {
  /** True when this call created the folder (a failed fresh start may remove it). */
  readonly created: boolean;
  readonly release: () => void;
}

/**
 * Locks `dir`, recovers what dead bt processes left beside and inside it, refuses it unless
 * it is absent, empty, a bt output of `kind` or `force` (a forced foreign folder is moved
 * aside and removed), creates it and writes its marker.
 */
export function openOutputFolder(dir: string, kind: OutputKind, force: boolean): OpenOutputFolder {
  let release: (() => void) | null = null;
  let created = false;
  try {
    outputFs.mkdir(dirname(dir));
    release = acquireOutputLock(dir);
    faultPoint('locked');
    recoverStaleOutputs(dirname(dir));
    const state = checkReplaceableFolder(dir, kind, force);
    if (state === 'forced') {
      outputFs.rename(dir, asidePathFor(dir));
      outputFs.remove(asidePathFor(dir));
    }
    created = !existsSync(dir);
    outputFs.mkdir(dir);
    recoverStaleOutputs(dir);
    if (!existsSync(join(dir, OUTPUT_MARKER))) outputFs.writeFile(join(dir, OUTPUT_MARKER), outputMarkerText(kind));
    return { created, release };
  } catch (err) {
    if (created) outputFs.remove(dir); // only what this call made
    release?.();
    throw asEnvError(err, dir);
  }
}
