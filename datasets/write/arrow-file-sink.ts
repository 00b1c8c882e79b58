/**
 * An Arrow IPC file written batch by batch to a temp file beside the target and renamed into
 * place on commit; abort (or any error) deletes the temp file, so nothing is left behind.
 * Bytes leave memory after every batch: memory holds one batch, not the file.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { RecordBatchFileWriter, type RecordBatch, type Schema } from 'apache-arrow';
import { assert } from '../../engine/core/errors.js';
import { tempPathFor } from '../../engine/io/atomic-write.js';

/** A file being written: add batches, then commit (rename) or abort (delete). */
export interface ArrowFileSink {
  write(batch: RecordBatch): void;
  commit(): void;
  abort(): void;
}

interface QueueInternals {
  readonly _sink: { _values: Uint8Array[] };
}

function hasQueue(w: object): w is QueueInternals {
  const sink: unknown = (w as { _sink?: unknown })._sink;
  return typeof sink === 'object' && sink !== null && Array.isArray((sink as { _values?: unknown })._values);
}

/** Opens a sink that writes `schema` to a temp file and renames it to `path` on commit. */
export function openArrowSink(path: string, schema: Schema): ArrowFileSink {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  const fd = openSync(tmp, 'w');
  let open = true;
  const writer = new RecordBatchFileWriter();
  // apache-arrow 21 queues bytes in an internal AsyncByteQueue; we drain it synchronously
  // after each batch so the file streams to disk with bounded memory.
  assert(hasQueue(writer), 'apache-arrow RecordBatchWriter internals changed (_sink._values)');
  const drain = (): void => {
    const q = writer._sink._values;
    for (const chunk of q) writeSync(fd, chunk);
    q.length = 0;
  };
  const abort = (): void => {
    if (!open) return;
    open = false;
    closeSync(fd);
    rmSync(tmp, { force: true });
  };
  try {
    writer.reset(undefined, schema);
    drain();
  } catch (err) {
    abort();
    throw err;
  }
  return {
    write(batch: RecordBatch): void {
      try {
        writer.write(batch);
        drain();
      } catch (err) {
        abort();
        throw err;
      }
    },
    commit(): void {
      try {
        writer.finish();
        drain();
        open = false;
        closeSync(fd);
        renameSync(tmp, path);
      } catch (err) {
        abort();
        rmSync(tmp, { force: true });
        throw err;
      }
    },
    abort,
  };
}
