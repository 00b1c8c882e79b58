/**
 * Single-file outputs the user names (`bt data import --out FILE`, `bt run --snapshot FILE`):
 * locked per path, stale temps of dead processes beside them removed, and an existing file
 * replaced only when it is one bt writes there (or with --force).
 */
import { dirname } from 'node:path';
import { asEnvError } from './env-error.js';
import { lockOutputIn, removeFoldersMade } from './output-parent.js';
import { checkReplaceableFile } from './output-kind.js';
import { faultPoint, outputFs } from './output-fs.js';
import { recoverStaleOutputs } from './recover-stale-outputs.js';
import { kindOfSchema, openAnyArrowFile } from '../../datasets/read/open-arrow-file.js';

/** What may be replaced at a single-file output path. */
export interface FileOutputGuard {
  /** Names the file in messages ('an Arrow file'). */
  readonly what: string;
  /** Recognises a file bt writes there from its first 64 bytes (and its path, for a finer look). */
  readonly isOurs: (head: Buffer, path: string) => boolean;
  readonly force: boolean;
  /** The option that names the path, for the hint ('--out' unless given). */
  readonly option?: string;
  /** What a file it refuses is, when it can tell ('a bt prices file'); else the refusal says 'another file'. */
  readonly describe?: (head: Buffer, path: string) => string | undefined;
}

/** Runs `write` (which writes `path` through a temp file and a rename) under the path's lock, after the checks. */
export async function withOutputFile<T>(path: string, guard: FileOutputGuard, write: () => Promise<T> | T): Promise<T> {
  let release: (() => void) | null = null;
  let made: readonly string[] = [];
  let failed = true;
  try {
    ({ made, release } = lockOutputIn(path));
    faultPoint('locked');
    recoverStaleOutputs(dirname(path));
    checkReplaceableFile(path, guard.what, guard.isOurs, guard.force, guard.option, guard.describe);
    const written = await write();
    failed = false;
    return written;
  } catch (err) {
    throw asEnvError(err, path);
  } finally {
    release?.();
    if (failed) removeFoldersMade(made);
  }
}

/** The kind a bt Arrow file's schema names (its `bt.kind`: findings, prices, events, ...), or undefined for another tool's Arrow file, a damaged one or a file that is not Arrow. */
export function btArrowKindOf(head: Buffer, path: string): string | undefined {
  if (!isArrowFile(head)) return undefined;
  try {
    return kindOfSchema(openAnyArrowFile(path).schema);
  } catch {
    return undefined;
  }
}

/**
 * The guard of `bt data import KIND --out FILE`: it replaces a bt Arrow file of that kind only.
 * Another kind's (the prices beside the findings, a run folder's events.arrow) is refused by name:
 * a mistyped --out would otherwise overwrite a dataset, or a run's file its manifest hashes.
 */
export function importedDatasetGuard(kind: string, force: boolean): FileOutputGuard {
  return {
    what: `a ${kind} Arrow file bt wrote`,
    isOurs: (head, path) => btArrowKindOf(head, path) === kind,
    describe: (head, path) => {
      const found = btArrowKindOf(head, path);
      return found === undefined ? undefined : `a bt ${found} file`;
    },
    force,
  };
}

/** Recognises an Arrow IPC file by its magic bytes. */
export function isArrowFile(head: Buffer): boolean {
  return head.subarray(0, 6).toString('latin1') === 'ARROW1';
}
