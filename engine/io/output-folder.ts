/**
 * Folders written over time (a sweep's journal is appended as configurations finish, so
 * `--resume` can continue it): locked, checked and marked like atomic outputs; written in
 * place when new or resumed, built beside and swapped in when they replace an output.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { asEnvError } from './env-error.js';
import { asidePathFor, isWithin, listingOf, refuseInputsInside, refuseWorkingDirectory, swapIn, tempPathFor } from './atomic-write.js';
import { lockOutputIn, removeFoldersMade } from './output-parent.js';
import { checkReplaceableFolder, OUTPUT_MARKER, outputKindOf, outputMarkerText, type OutputKind } from './output-kind.js';
import { faultPoint, outputFs } from './output-fs.js';
import { recoverStaleOutputs } from './recover-stale-outputs.js';

/**
 * How a folder is written: 'append' continues it in place (--resume); 'fresh' writes a new output
 * in place when the folder is absent or empty (a kill leaves a journal to resume) and beside it
 * when it replaces one; 'whole' always builds beside and swaps in (an output nothing resumes:
 * bt merge), so the folder is never seen half-written.
 */
export type FolderWriteMode = 'append' | 'fresh' | 'whole';

/** An output folder opened for writing. */
export interface OpenOutputFolder {
  /** True when this call created the folder (a failed fresh start may remove it). */
  readonly created: boolean;
  /** Where to write: the folder itself, or, for a fresh output over an existing one, a temp folder beside it that `commit` swaps in. */
  readonly workDir: string;
  /** Marks the finished output with what bt wrote (output-kind.ts) and, when built beside, swaps it in. */
  readonly commit: () => void;
  /** Releases the lock; a temp folder not committed is removed. */
  readonly release: () => void;
}

/**
 * Locks `dir`, recovers what dead bt processes left beside and inside it, and refuses it unless
 * it is absent, empty, a bt output of `kind` or `force`. In place (a new folder in mode 'fresh',
 * or 'append': --resume appends to its journal) it creates the folder and writes its marker. A
 * 'fresh' output over an existing one (of the kind, or forced), and any 'whole' one, is built in a temp folder
 * beside it and swapped in whole by `commit`, as writeDirAtomic does: until then the old
 * output stays complete, and a failure or a kill leaves it as it was. A folder that would be
 * replaced (fresh over an output, or forced) is refused, --force or not, when it holds the
 * working directory or one of `inputs` (the sweep's files, a merge's shard folders): replacing
 * it would delete them (`bt merge a b --out . --force` emptied the user's project folder).
 */
export function openOutputFolder(dir: string, kind: OutputKind, force: boolean, mode: FolderWriteMode = 'append', inputs: readonly string[] = []): OpenOutputFolder {
  let release: (() => void) | null = null;
  let made: readonly string[] = [];
  let created = false;
  try {
    ({ made, release } = lockOutputIn(dir));
    faultPoint('locked');
    recoverStaleOutputs(dirname(dir));
    const state = checkReplaceableFolder(dir, kind, force);
    // --resume continues an output of its kind; with --force over anything else it would remove the folder and start afresh, not resume
    if (mode === 'append' && state === 'forced') {
      throw new BtInputError({ file: dir, field: '--resume', expected: `a bt ${kind} folder to continue`, found: `${describeFolder(dir)}`, hint: `--resume never replaces a folder: drop --resume to replace it with --force, or choose another --out` });
    }
    const replaces = mode !== 'append' && (state === 'same-kind' || state === 'forced');
    // the working directory cannot be swapped (renamed away from under the process): written in place
    const beside = replaces || (mode === 'whole' && !isWithin(process.cwd(), dir));
    if (state === 'forced' || replaces) {
      refuseWorkingDirectory(dir);
      refuseInputsInside(dir, inputs);
    }
    const unlock = release;
    if (beside) {
      const tmp = tempPathFor(dir);
      outputFs.remove(tmp);
      outputFs.mkdir(tmp);
      outputFs.writeFile(join(tmp, OUTPUT_MARKER), outputMarkerText(kind));
      return {
        created: false,
        workDir: tmp,
        commit: () => {
          outputFs.writeFile(join(tmp, OUTPUT_MARKER), outputMarkerText(kind, listingOf(tmp, kind)));
          swapIn(tmp, dir, asidePathFor(dir));
        },
        release: () => {
          outputFs.remove(tmp); // gone after a commit; after a failure, the half-built output
          unlock();
        },
      };
    }
    if (state === 'forced') {
      outputFs.rename(dir, asidePathFor(dir));
      outputFs.remove(asidePathFor(dir));
    }
    created = !existsSync(dir);
    outputFs.mkdir(dir);
    recoverStaleOutputs(dir);
    if (!existsSync(join(dir, OUTPUT_MARKER))) outputFs.writeFile(join(dir, OUTPUT_MARKER), outputMarkerText(kind));
    return { created, workDir: dir, commit: () => outputFs.writeFile(join(dir, OUTPUT_MARKER), outputMarkerText(kind, listingOf(dir, kind))), release: unlock };
  } catch (err) {
    if (created) outputFs.remove(dir); // only what this call made
    release?.();
    removeFoldersMade(made);
    throw asEnvError(err, dir);
  }
}

/** What a folder that is not an output of the asked kind holds, for a refusal. */
function describeFolder(dir: string): string {
  const found = outputKindOf(dir);
  return found !== null ? `a bt ${found} folder` : 'a folder bt did not write';
}
