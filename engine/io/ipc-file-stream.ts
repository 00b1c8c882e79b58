/**
 * An Arrow IPC file written record batch by record batch (events.arrow as the run's log
 * spills), byte for byte what columnsToIpc writes for the same batches: apache-arrow's own
 * file writer, whose output goes to a file appended to and hashed on a worker thread
 * (threaded-file-appender.ts) once it passes one block.
 */
import { RecordBatchFileWriter, type RecordBatch } from 'apache-arrow';
import { AsyncByteQueue } from 'apache-arrow/io/stream';
import { Message, RecordBatch as RecordBatchHeader } from 'apache-arrow/ipc/metadata/message';
import { VectorAssembler } from 'apache-arrow/visitor/vectorassembler';
import { openThreadedFileAppender, type FileAppender, type ThreadedFileAppenderOptions } from './threaded-file-appender.js';

/** The writer's pieces (many are a few bytes) handed to a file that gathers them (the appender's blocks, or gathered-file-writer.ts). */
export class FileByteSink<F extends { readonly write: (bytes: Uint8Array) => void } = FileAppender> extends AsyncByteQueue {
  constructor(readonly file: F) {
    super();
  }

  override write(value: Uint8Array): void {
    this.file.write(value);
  }
}

/** apache-arrow's IPC file writer into `sink`, its schema the first batch's. */
export function ipcFileWriter(sink: AsyncByteQueue): { readonly write: (batch: RecordBatch) => void; readonly finish: () => void } {
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
    },
  };
}

/**
 * Bytes the writer puts before `batch`'s body (its message: continuation, size, flatbuffer,
 * padding to 8), computed as the writer computes them. The same for every batch of one schema
 * with rows: the flatbuffer's nodes and buffers are fixed-size structs, one per field and
 * buffer, and its length fields are present whenever non-zero. So a batch's body can be built
 * where it will be written before the batch is (events-file.ts).
 */
export function recordBatchMessageBytes(batch: RecordBatch): number {
  const { byteLength, nodes, bufferRegions, variadicBufferCounts } = VectorAssembler.assemble(batch);
  const header = new RecordBatchHeader(batch.numRows, nodes, bufferRegions, null, variadicBufferCounts, batch.metadata);
  const flatbuffer = Message.encode(Message.from(header, byteLength)).byteLength;
  return (flatbuffer + 8 + 7) & ~7;
}

/** An open IPC file: append batches, then finish (footer) for its sha256, or abort. */
export interface IpcFileStream {
  readonly write: (batch: RecordBatch) => void;
  /** The file's memory where the bytes `skip` to `skip + bytes` past those written so far will go, or null (FileAppender.reserve). */
  readonly reserve: (skip: number, bytes: number) => Uint8Array | null;
  readonly finish: () => string;
  /** Closes the file without a footer (the caller removes the temp folder it is in). */
  readonly abort: () => void;
}

/** Creates `path` (it must not exist) for the batches of one schema, the first batch's. */
export function openIpcFileStream(path: string, opts: ThreadedFileAppenderOptions = {}): IpcFileStream {
  const sink = new FileByteSink(openThreadedFileAppender(path, opts));
  const writer = ipcFileWriter(sink);
  return {
    write: writer.write,
    reserve: sink.file.reserve,
    finish: () => {
      writer.finish();
      return sink.file.finish();
    },
    abort: () => sink.file.abort(),
  };
}
