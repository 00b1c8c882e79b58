import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/** Temp path beside `finalPath`, on the same filesystem so the rename is atomic. */
export function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.bt-tmp-${process.pid}-${basename(finalPath)}`);
}

/** Writes `data` to `path` through a temp file and a rename: readers never see a partial file. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Builds a whole output folder in a temp folder and renames it into place on success;
 * on failure the temp folder is removed, so a failed run leaves nothing behind.
 * An existing folder at `finalDir` is replaced only after `build` succeeds.
 */
export async function writeDirAtomic(finalDir: string, build: (tmpDir: string) => Promise<void> | void): Promise<void> {
  const parent = dirname(finalDir);
  mkdirSync(parent, { recursive: true });
  const tmpDir = tempPathFor(finalDir);
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  try {
    await build(tmpDir);
    if (existsSync(finalDir)) rmSync(finalDir, { recursive: true, force: true });
    renameSync(tmpDir, finalDir);
  } catch (err) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw err;
  }
}
