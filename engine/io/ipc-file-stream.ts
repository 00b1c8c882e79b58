/**
 * An Arrow IPC file written record batch by record batch (events.arrow as the run's log
 * spills), byte for byte what columnsToIpc writes for the same batches: apache-arrow's own
 * file writer, with its output copied into one buffer that is written and hashed as it fills.
 */
import { createHash, type Hash } from 'node:crypto';
import { RecordBatchFileWriter, type RecordBatch } from 'apache-arrow';
import { AsyncByteQueue } from 'apache-arrow/io/stream';
import { outputFs } from './output-fs.js';

const BUFFER_BYTES = 4 << 20;

/** The writer's pieces (many are a few bytes) gathered into whole writes; each written byte is hashed once. */
class FileByteSink extends AsyncByteQueue {
  private readonly buf = new Uint8Array(BUFFER_BYTES);
  private used = 0;
  private readonly hash: Hash = createHash('sha256');
  private fd: number | null;

  constructor(private readonly path: string) {
    super();
    this.fd = outputFs.open(path, 'wx');
  }

  override write(value: Uint8Array): void {
    let src = value;
    while (src.length > 0) {
      const n = Math.min(src.length, this.buf.length - this.used);
      this.buf.set(n === src.length ? src : src.subarray(0, n), this.used);
      this.used += n;
      src = n === src.length ? src.subarray(src.length) : src.subarray(n);
      if (this.used === this.buf.length) this.flush();
    }
  }

  flush(): void {
    if (this.used === 0 || this.fd === null) return;
    const bytes = this.buf.subarray(0, this.used);
    outputFs.write(this.fd, bytes, this.path);
    this.hash.update(bytes);
    this.used = 0;
  }

  /** Writes what is buffered, closes the file and returns its sha256 (hex). */
  end(): string {
    this.flush();
    this.closeFd();
    return this.hash.digest('hex');
  }

  closeFd(): void {
    if (this.fd !== null) outputFs.close(this.fd);
    this.fd = null;
  }
}

/** An open IPC file: append batches, then finish (footer) for its sha256, or abort. */
export interface IpcFileStream {
  readonly write: (batch: RecordBatch) => void;
  readonly finish: () => string;
  /** Closes the file without a footer (the caller removes the temp folder it is in). */
  readonly abort: () => void;
}

/** Creates `path` (it must not exist) for the batches of one schema, the first batch's. */
export function openIpcFileStream(path: string): IpcFileStream {
  const sink = new FileByteSink(path);
  const writer = new RecordBatchFileWriter();
  let started = false;
  return {
    write: (batch) => {
      if (!started) writer.reset(sink, batch.schema);
      started = true;
      writer.write(batch);
    },
    finish: () => {
      writer.finish();
      return sink.end();
    },
    abort: () => sink.closeFd(),
  };
}
