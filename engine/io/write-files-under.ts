import { dirname, join } from 'node:path';
import { outputFs } from './output-fs.js';

/** Writes each file by its relative path (folders made as needed) under `dir`: a folder being built before its swap (writeDirAtomic), so no temp file each. */
export function writeFilesUnder(dir: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const path of Object.keys(files).sort()) {
    const file = join(dir, path);
    outputFs.mkdir(dirname(file));
    outputFs.writeFile(file, files[path] as string | Uint8Array);
  }
}
