/**
 * Writing outputs so that a failure or a kill never leaves a half-written one, and never
 * deletes what bt did not write (docs/outputs.md).
 *
 * Folder protocol (writeDirAtomic), for output DIR in folder P:
 *  1. take the lock P/.bt-lock-DIR (a live holder: exit 2);
 *  2. recover what dead bt processes left in P (recover-stale-outputs.ts);
 *  3. refuse DIR unless it is absent, empty, a bt output of the same kind, or --force;
 *  4. build the new output in P/.bt-tmp-<pid>-DIR, marker included;
 *  5. swap by renames: DIR -> P/.bt-old-<pid>-DIR (aside), then the temp -> DIR, then remove
 *     the aside. Between the two renames DIR is absent for one rename; if the process dies
 *     there, step 2 of the next start puts the aside back, and if it dies after, step 2
 *     removes the aside. So DIR holds the complete old or the complete new output, or (for
 *     the one-rename window, until the next start) nothing;
 *  6. on any failure: remove the temp, put the aside back if DIR is missing, release the lock,
 *     and remove the folders step 1 made for DIR while they are empty (output-parent.ts).
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { sha256Hex } from '../core/hash.js';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { asEnvError, envErrorAt } from './env-error.js';
import { lockOutputIn, makeFolders, removeFoldersMade } from './output-parent.js';
import { checkReplaceableFolder, EDITED_KINDS, OUTPUT_MARKER, outputMarkerText, type OutputKind, type OutputListing } from './output-kind.js';
import { faultPoint, outputFs } from './output-fs.js';
import { recoverStaleOutputs } from './recover-stale-outputs.js';

/** Temp path beside `finalPath`, on the same filesystem so the rename is atomic. */
export function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.bt-tmp-${process.pid}-${basename(finalPath)}`);
}

/** Where an old output waits while its replacement is renamed in. */
export function asidePathFor(finalPath: string): string {
  return join(dirname(finalPath), `.bt-old-${process.pid}-${basename(finalPath)}`);
}

/** Writes `data` to `path` through a temp file and a rename: readers never see a partial file. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = tempPathFor(path);
  let made: readonly string[] = [];
  try {
    made = makeFolders(dirname(path));
    outputFs.writeFile(tmp, data);
    faultPoint('temp-file'); // a kill test's pause: the file is whole in its temp, not yet renamed
    outputFs.rename(tmp, path);
  } catch (err) {
    outputFs.remove(tmp);
    removeFoldersMade(made);
    throw asEnvError(err, path);
  }
}

/** What bt wrote into `dir` (its top-level entries; each file's sha256 for a kind the user edits), for the folder's marker. */
export function listingOf(dir: string, kind: OutputKind): OutputListing {
  const files = readdirSync(dir).filter((f) => f !== OUTPUT_MARKER && !f.startsWith('.bt-')).sort();
  if (!EDITED_KINDS.includes(kind)) return { files };
  const sha256: Record<string, string> = {};
  for (const f of files) if (statSync(join(dir, f)).isFile()) sha256[f] = sha256Hex(readFileSync(join(dir, f)));
  return { files, sha256 };
}

/** How a folder output may be replaced. */
export interface DirWriteOptions {
  readonly kind: OutputKind;
  /** Replace a non-empty folder that is not a bt output of `kind` (the user's --force). */
  readonly force?: boolean;
  /** What the refusal suggests, for an output whose path is not an --out (a run's report/). */
  readonly refusedHint?: string;
  /** The files the output is made from: one inside the folder it replaces is refused (the swap would delete it). */
  readonly inputs?: readonly string[];
  /** How the command line names the folder, for refusals: '--out' (default), or bt init's 'DIR'. */
  readonly option?: string;
}

/**
 * Throws a BtInputError (exit 2) when `dir` is the working directory or holds it: the swap
 * renames the folder away, which would pull the process's own directory from under it (`--out .`
 * ended in EBUSY after all the work).
 */
export function refuseWorkingDirectory(dir: string, option = '--out'): void {
  if (isWithin(process.cwd(), dir)) {
    throw new BtInputError({ file: dir, field: option, expected: 'a folder other than the working directory or one holding it (bt swaps its output folder in whole)', found: resolve(dir) === process.cwd() ? 'the working directory' : 'a folder holding the working directory', hint: 'Choose a folder below it, such as results/NAME' });
  }
}

/** True when `path` is the folder `dir` itself or lies inside it. */
export function isWithin(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Throws a BtInputError (exit 2) when one of `inputs` lies inside the folder `dir` an output would
 * replace; a folder input (the run folder `bt governance` and `bt report lp` read) also when it is `dir` itself.
 */
export function refuseInputsInside(dir: string, inputs: readonly string[], option = '--out'): void {
  for (const input of inputs) {
    if (!isWithin(input, dir)) continue;
    const same = resolve(input) === resolve(dir);
    const folder = existsSync(input) && statSync(input).isDirectory();
    // a file input at dir's own path is not inside it: checkReplaceableFolder reports the file
    if (same && !folder) continue;
    const found = same ? 'the output folder itself' : folder ? 'a folder inside it' : 'a file inside it';
    throw new BtInputError({ file: input, expected: `an input outside the output folder ${dir} (replacing that folder would delete it)`, found, hint: `Move it out of the folder, or choose another ${option}` });
  }
}

/** Renames a finished temp folder over `finalDir` (aside first, then in, then the aside removed: the protocol above). */
export function swapIn(tmpDir: string, finalDir: string, aside: string): void {
  if (!existsSync(finalDir)) {
    outputFs.rename(tmpDir, finalDir);
    return;
  }
  outputFs.rename(finalDir, aside);
  faultPoint('aside');
  outputFs.rename(tmpDir, finalDir);
  faultPoint('swapped');
  outputFs.remove(aside);
}

/**
 * Builds a whole output folder in a temp folder and swaps it into `finalDir` by renames (the
 * protocol above); a failure leaves the old folder (or nothing) and no temp behind.
 */
export async function writeDirAtomic(finalDir: string, opts: DirWriteOptions, build: (tmpDir: string) => Promise<void> | void): Promise<void> {
  const parent = dirname(finalDir);
  const tmpDir = tempPathFor(finalDir);
  const aside = asidePathFor(finalDir);
  let release: (() => void) | null = null;
  let made: readonly string[] = [];
  let failed = true;
  try {
    ({ made, release } = lockOutputIn(finalDir));
    faultPoint('locked');
    recoverStaleOutputs(parent);
    const option = opts.option ?? '--out';
    refuseWorkingDirectory(finalDir, option);
    refuseInputsInside(finalDir, opts.inputs ?? [], option);
    checkReplaceableFolder(finalDir, opts.kind, opts.force === true, opts.refusedHint, option);
    outputFs.remove(tmpDir);
    outputFs.mkdir(tmpDir);
    await build(tmpDir);
    outputFs.writeFile(join(tmpDir, OUTPUT_MARKER), outputMarkerText(opts.kind, listingOf(tmpDir, opts.kind)));
    swapIn(tmpDir, finalDir, aside);
    failed = false;
  } catch (err) {
    // without the lock, the temp folder (same pid, same name) and the aside are another call's
    if (release !== null) {
      outputFs.remove(tmpDir);
      if (!existsSync(finalDir) && existsSync(aside)) renameSync(aside, finalDir);
    }
    throw envErrorAt(err, tmpDir, finalDir);
  } finally {
    release?.();
    if (failed) removeFoldersMade(made);
  }
}
