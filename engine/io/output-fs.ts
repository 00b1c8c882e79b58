/**
 * The one door through which bt writes its outputs (mkdir, create, write, rename, remove),
 * so a test can make the k-th write fail (ENOSPC, EACCES, ...) or pause the process at a
 * named phase and kill it there. The plan is set once by the CLI shell from BT_FAULT_INJECT
 * and BT_FAULT_PAUSE (bin/bt.js passes them in); nothing below the shell reads the
 * environment. It is process state on purpose: threading a test hook through every writer's
 * signature would touch every output path of the engine for no production benefit.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync, type PathLike } from 'node:fs';
import { BtInputError } from '../core/errors.js';

/** A test-only fault plan: fail the k-th write op with `code`, or pause at `pause`. */
export interface FaultPlan {
  readonly failAt: number | null;
  readonly failCode: string;
  /** A phase name ('aside', 'swapped', 'locked', 'temp-file') or `write@k` (before the k-th write op). */
  readonly pause: string | null;
}

export const NO_FAULTS: FaultPlan = { failAt: null, failCode: 'ENOSPC', pause: null };

const FAULT_CODES = ['ENOSPC', 'EACCES', 'EROFS', 'EIO', 'EDQUOT', 'EPERM'] as const;

let plan: FaultPlan = NO_FAULTS;
let writeOps = 0;

/** Returns the plan for `BT_FAULT_INJECT` ('ENOSPC@3') and `BT_FAULT_PAUSE` ('aside', 'write@4'). */
export function parseFaultPlan(inject: string | undefined, pause: string | undefined): FaultPlan {
  let failAt: number | null = null;
  let failCode = 'ENOSPC';
  if (inject !== undefined && inject !== '') {
    const m = /^([A-Z]+)@([1-9][0-9]*)$/.exec(inject);
    if (m === null || !(FAULT_CODES as readonly string[]).includes(m[1] as string)) {
      throw new BtInputError({ field: 'BT_FAULT_INJECT', expected: `CODE@k with CODE one of ${FAULT_CODES.join(', ')} and k >= 1`, found: `'${inject}'` });
    }
    failCode = m[1] as string;
    failAt = Number(m[2]);
  }
  return { failAt, failCode, pause: pause === undefined || pause === '' ? null : pause };
}

/** Installs the fault plan (the CLI shell only) and restarts the write count. */
export function setFaultPlan(p: FaultPlan): void {
  plan = p;
  writeOps = 0;
}

function errnoError(code: string, syscall: string, path: PathLike): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${code}: injected fault, ${syscall} '${String(path)}'`);
  e.code = code;
  e.syscall = syscall;
  e.path = String(path);
  return e;
}

/** Stops this thread (for a test's SIGKILL) when the plan pauses at `phase`; announces it on stderr. */
export function faultPoint(phase: string): void {
  if (plan.pause !== phase) return;
  process.stderr.write(`bt: fault pause at ${phase} (pid ${process.pid})\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
}

/**
 * Holds the command at `phase` (when the plan pauses there) without blocking the event loop, so a
 * signal handler still runs: for a test's SIGINT or SIGTERM while a sweep waits on its workers.
 */
export function faultHold(phase: string): Promise<void> {
  if (plan.pause !== phase) return Promise.resolve();
  process.stderr.write(`bt: fault pause at ${phase} (pid ${process.pid})\n`);
  return new Promise((res) => setTimeout(res, 120_000));
}

function beforeWrite(syscall: string, path: PathLike): void {
  writeOps += 1;
  faultPoint(`write@${writeOps}`);
  if (plan.failAt === writeOps) throw errnoError(plan.failCode, syscall, path);
}

/** The output file-system operations, each counted as one write op. */
export const outputFs = {
  /** Makes `path` and its missing ancestors; returns the first folder it created (undefined: it existed). */
  mkdir(path: string): string | undefined {
    beforeWrite('mkdir', path);
    return mkdirSync(path, { recursive: true });
  },
  writeFile(path: string, data: Uint8Array | string): void {
    try {
      beforeWrite('write', path);
    } catch (err) {
      // as a full disk does it: the file is created (empty), then the write fails
      try {
        writeFileSync(path, '');
      } catch {
        // no file either (its folder is gone): the injected error is the one to report
      }
      throw err;
    }
    writeFileSync(path, data);
  },
  /** Creates (or truncates) `path` for writing; flags 'w' or 'wx' (fail if it exists). */
  open(path: string, flags: 'w' | 'wx' | 'r+' = 'w'): number {
    beforeWrite('open', path);
    return openSync(path, flags);
  },
  write(fd: number, data: Uint8Array, path: string, position?: number): void {
    beforeWrite('write', path);
    writeSync(fd, data, 0, data.length, position ?? null);
  },
  /** Counts one write op done elsewhere (a block a writer thread will write), where a single-threaded writer would write it. */
  countWrite(path: string): void {
    beforeWrite('write', path);
  },
  close(fd: number): void {
    closeSync(fd);
  },
  rename(from: string, to: string): void {
    beforeWrite('rename', to);
    renameSync(from, to);
  },
  /** Removal is not counted (cleanup must still run after an injected fault); a path under a file is already absent. */
  remove(path: string): void {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOTDIR') throw err;
    }
  },
} as const;
