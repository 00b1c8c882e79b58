/**
 * The folder an output goes into: made when missing, and the folders made for an output that
 * then failed removed again, so a failed command leaves the file system as it found it
 * (`bt data import findings missing.csv --out new/dir/f.arrow` left new/dir/ behind).
 * Only folders this call created are removed, innermost first, each only while empty (rmdir, never
 * a recursive remove): whatever another process put there since stays, with the folders above it.
 */
import { rmdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { acquireOutputLock } from './output-lock.js';
import { outputFs } from './output-fs.js';

/** Makes folder `dir` and its missing ancestors; returns the folders this call created, outermost first. */
export function makeFolders(dir: string): string[] {
  const first = outputFs.mkdir(dir);
  if (first === undefined) return [];
  const made = [first];
  const rest = relative(first, resolve(dir));
  if (rest === '') return made;
  let at = first;
  for (const part of rest.split(sep)) {
    at = join(at, part);
    made.push(at);
  }
  return made;
}

/** Removes the folders makeFolders returned, innermost first, while each is empty; stops at the first that is not (or is gone). */
export function removeFoldersMade(made: readonly string[]): void {
  for (let i = made.length - 1; i >= 0; i--) {
    try {
      rmdirSync(made[i] as string);
    } catch {
      return;
    }
  }
}

/** The folder of an output, made as needed and locked for it. */
export interface LockedOutputParent {
  /** Folders made for this output, outermost first (removeFoldersMade after a failure). */
  readonly made: readonly string[];
  readonly release: () => void;
}

/**
 * Makes the folder of `target` and takes `target`'s lock there. Another bt process whose output
 * failed may remove a folder it made (empty) between our mkdir and our lock: the lock's write then
 * finds no folder (ENOENT), and the folder is made again.
 */
export function lockOutputIn(target: string): LockedOutputParent {
  const parent = dirname(target);
  const made: string[] = [];
  for (let attempt = 0; ; attempt++) {
    for (const f of makeFolders(parent)) if (!made.includes(f)) made.push(f);
    try {
      return { made, release: acquireOutputLock(target) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) {
        removeFoldersMade(made);
        throw err;
      }
    }
  }
}
