/**
 * Environment failures (disk full, read-only, permissions, a file where a folder should be):
 * not bad input and not a bug, so one line naming the path and the cause, exit 4, no stack.
 */

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EEXIST: 'a file is in the way (a folder was expected)',
  ENOTDIR: 'a file is in the way (a folder was expected)',
  EISDIR: 'a folder is in the way (a file was expected)',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
};

const ACTIONS: Readonly<Record<string, string>> = { mkdir: 'create a folder', rename: 'rename', unlink: 'remove', rmdir: 'remove', rm: 'remove', link: 'lock' };

/** Returns true for an errno error the environment caused (see CAUSES). */
export function isEnvironmentFault(err: unknown): err is NodeJS.ErrnoException {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return err instanceof Error && typeof code === 'string' && code in CAUSES;
}

/** An environment failure while bt wrote `path` (the output the user named, not a temp path). */
export class BtEnvError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    readonly syscall: string,
  ) {
    super(`${path}: cannot ${ACTIONS[syscall] ?? 'write'}: ${CAUSES[code] ?? code} (${code})`);
    this.name = 'BtEnvError';
  }
}

/** Returns `err` as a BtEnvError naming `path` when the environment caused it, else `err` unchanged. */
export function asEnvError(err: unknown, path: string): unknown {
  if (err instanceof BtEnvError || !isEnvironmentFault(err)) return err;
  return new BtEnvError(path, err.code as string, err.syscall ?? 'write');
}

/**
 * Returns `err` as an error naming the output the user asked for, `to`: a BtEnvError raised on
 * a path under the temp folder `from` names the same path under `to`; another environment
 * failure names `to`; anything else is returned unchanged.
 */
export function envErrorAt(err: unknown, from: string, to: string): unknown {
  return err instanceof BtEnvError ? new BtEnvError(err.path.replace(from, to), err.code, err.syscall) : asEnvError(err, to);
}
