/**
 * One writer per output path: `<parent>/.bt-lock-<name>` holds the writer's pid. It is made
 * whole (a temp file with the pid, then link(), which fails if the lock exists), so a lock is
 * never seen empty. A lock whose pid is dead (process.kill(pid, 0) throws ESRCH) is taken over.
 */
import { linkSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { BtEnvError, isEnvironmentFault } from './env-error.js';
import { outputFs } from './output-fs.js';

/** Returns the lock file of output `target`, in its parent: `target` resolved first, since '.' has no parent or name as written ('./.bt-lock-.' sat inside the output). */
export function lockPathFor(target: string): string {
  const abs = resolve(target);
  return join(dirname(abs), `.bt-lock-${basename(abs)}`);
}

/** Returns true when a process with this pid exists (EPERM: it exists, owned by another user). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Returns the pid in a lock file, or null when it is gone or unreadable. */
export function readLockPid(lock: string): number | null {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * The locks this process holds now (absolute paths). A lock with our own pid is a live writer
 * when listed here (another library call of this process, writing the same output concurrently:
 * the two would share one temp folder), else the leftover of a dead process whose pid we reuse.
 * Process state by nature: a lock belongs to the process, whichever call takes it.
 */
const heldHere = new Set<string>();

/**
 * A folder a command reads and then writes into (bt governance's notifications.jsonl, bt report's
 * report/), locked so no bt run replaces it meanwhile: named as the user typed it, and the
 * refusal does not suggest another --out, which would not help.
 */
export interface ReadFolderLock {
  readonly shown: string;
}

/**
 * Takes the lock of `target` (its parent must exist) and returns the function that releases it.
 * Throws a BtInputError (exit 2) when a live process holds it.
 */
export function acquireOutputLock(target: string, reading?: ReadFolderLock): () => void {
  const lock = lockPathFor(target);
  const abs = resolve(target);
  const tmp = join(dirname(abs), `.bt-tmp-${process.pid}-lock-${basename(abs)}`);
  try {
    // inside the try: a full disk creates the temp file and fails the write, and it is removed
    outputFs.writeFile(tmp, `${process.pid}\n`);
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, lock);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
      }
      const pid = readLockPid(lock);
      if (pid === process.pid && heldHere.has(resolve(lock))) {
        throw new BtInputError({ file: target, expected: 'no other call writing this output', found: 'another call of this process writing it', hint: 'Await the first call (runScenario, writeRun, ...) before writing the same folder again, or choose another folder' });
      }
      if (pid !== null && pid !== process.pid && isPidAlive(pid)) {
        if (reading !== undefined) {
          throw new BtInputError({ file: reading.shown, expected: 'no other bt process writing this folder while it is read', found: `bt process ${pid} writing it (lock ${basename(lock)})`, hint: 'Wait for it to finish, then run this again' });
        }
        throw new BtInputError({ file: target, expected: 'no other bt process writing this output', found: `bt process ${pid} writing it (lock ${basename(lock)})`, hint: 'Wait for it to finish, or choose another --out' });
      }
      outputFs.remove(lock); // a dead writer's lock (or our own leftover)
    }
  } catch (err) {
    // the output the user named, not the lock's temp file
    throw isEnvironmentFault(err) ? new BtEnvError(target, err.code as string, 'link') : err;
  } finally {
    outputFs.remove(tmp);
  }
  heldHere.add(resolve(lock));
  return () => {
    heldHere.delete(resolve(lock));
    if (readLockPid(lock) === process.pid) outputFs.remove(lock);
  };
}
