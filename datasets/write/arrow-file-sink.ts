/**
 * An Arrow IPC file written batch by batch to a temp file beside the target and renamed into
 * place on commit; abort (or any error) deletes the temp file, so nothing is left behind.
 * Bytes leave memory after every batch: memory holds one batch, not the file.
 */
import { dirname } from 'node:path';
import { RecordBatchFileWriter, type RecordBatch, type Schema } from 'apache-arrow';
import { assert } from '../../engine/core/errors.js';
import { tempPathFor } from '../../engine/io/atomic-write.js';
import { asEnvError } from '../../engine/io/env-error.js';
import { outputFs } from '../../engine/io/output-fs.js';

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
  const tmp = tempPathFor(path);
  let fd: number;
  try {
    outputFs.mkdir(dirname(path));
    fd = outputFs.open(tmp, 'w');
  } catch (err) {
    throw asEnvError(err, path);
  }
  let open = true;
  const writer = new RecordBatchFileWriter();
  // apache-arrow 21 queues bytes in an internal AsyncByteQueue; we drain it synchronously
  // after each batch so the file streams to disk with bounded memory.
  assert(hasQueue(writer), 'apache-arrow RecordBatchWriter internals changed (_sink._values)');
  const drain = (): void => {
    const q = writer._sink._values;
    for (const chunk of q) outputFs.write(fd, chunk, tmp);
    q.length = 0;
  };
  const abort = (): void => {
    if (!open) return;
    open = false;
    outputFs.close(fd);
    outputFs.remove(tmp);
  };
  try {
    writer.reset(undefined, schema);
    drain();
  } catch (err) {
    abort();
    throw asEnvError(err, path);
  }
  return {
    write(batch: RecordBatch): void {
      try {
        writer.write(batch);
        drain();
      } catch (err) {
        abort();
        throw asEnvError(err, path);
      }
    },
    commit(): void {
      try {
        writer.finish();
        drain();
        open = false;
        outputFs.close(fd);
        outputFs.rename(tmp, path);
      } catch (err) {
        abort();
        outputFs.remove(tmp);
        throw asEnvError(err, path);
      }
    },
    abort,
  };
}
