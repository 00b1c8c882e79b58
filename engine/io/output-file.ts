/**
 * Single-file outputs the user names (`bt data import --out FILE`, `bt run --snapshot FILE`):
 * locked per path, stale temps of dead processes beside them removed, and an existing file
 * replaced only when it is one bt writes there (or with --force).
 */
import { dirname } from 'node:path';
import { asEnvError } from './env-error.js';
import { acquireOutputLock } from './output-lock.js';
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
}

/** Runs `write` (which writes `path` through a temp file and a rename) under the path's lock, after the checks. */
export async function withOutputFile<T>(path: string, guard: FileOutputGuard, write: () => Promise<T> | T): Promise<T> {
  let release: (() => void) | null = null;
  try {
    outputFs.mkdir(dirname(path));
    release = acquireOutputLock(path);
    faultPoint('locked');
    recoverStaleOutputs(dirname(path));
    checkReplaceableFile(path, guard.what, guard.isOurs, guard.force, guard.option);
    return await write();
  } catch (err) {
    throw asEnvError(err, path);
  } finally {
    release?.();
  }
}

/** True when the file is Arrow and carries bt's `bt.kind` schema metadata (bt wrote it); false for another tool's Arrow file or a damaged one. */
export function isBtArrowFile(head: Buffer, path: string): boolean {
  if (!isArrowFile(head)) return false;
  try {
    return kindOfSchema(openAnyArrowFile(path).schema) !== undefined;
  } catch {
    return false;
  }
}

/** Recognises an Arrow IPC file by its magic bytes. */
export function isArrowFile(head: Buffer): boolean {
  return head.subarray(0, 6).toString('latin1') === 'ARROW1';
}
