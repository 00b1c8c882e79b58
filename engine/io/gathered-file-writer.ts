/**
 * A file written and hashed on the main thread as its bytes come, through one small buffer
 * reused for the whole file: for an output of a few MB written piece by piece as a run goes
 * (targets.arrow, an IPC writer's pieces of a few bytes to a few hundred KB), where a writer
 * thread (threaded-file-appender.ts) would cost more to start than it saves, and building the
 * whole file in memory first touches as many fresh pages as the file has (~15 us each here).
 * Each write to the file is one write op of outputFs, so a fault plan reaches it.
 */
import { createHash } from 'node:crypto';
import { outputFs } from './output-fs.js';

/** Bytes gathered before a write: pieces this long or longer go to the file as they are. */
export const GATHER_BYTES = 64 << 10;

/** An open file: append bytes (read before the call returns), then finish for its sha256, or abort. */
export interface GatheredFileWriter {
  readonly write: (bytes: Uint8Array) => void;
  /** Writes what is gathered, closes the file and returns its sha256 (hex). */
  readonly finish: () => string;
  /** Closes the file as it is (the caller removes the temp folder it is in). */
  readonly abort: () => void;
}

/** Creates `path` (it must not exist). */
export function openGatheredFileWriter(path: string, gatherBytes = GATHER_BYTES): GatheredFileWriter {
  let fd: number | null = outputFs.open(path, 'wx');
  const hash = createHash('sha256');
  const gather = new Uint8Array(gatherBytes);
  let used = 0;
  const writeOut = (bytes: Uint8Array): void => {
    outputFs.write(fd as number, bytes, path);
    hash.update(bytes);
  };
  const flush = (): void => {
    if (used > 0) writeOut(gather.subarray(0, used));
    used = 0;
  };
  const close = (): void => {
    if (fd !== null) outputFs.close(fd);
    fd = null;
  };
  return {
    write: (bytes) => {
      if (used + bytes.length > gather.length) flush();
      if (bytes.length >= gather.length) writeOut(bytes);
      else {
        gather.set(bytes, used);
        used += bytes.length;
      }
    },
    finish: () => {
      flush();
      close();
      return hash.digest('hex');
    },
    abort: close,
  };
}
