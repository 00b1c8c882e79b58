/**
 * An Arrow IPC file built in memory record batch by record batch: byte for byte what
 * columnsToIpc writes for the same batches (apache-arrow's own file writer), but each batch is
 * copied out as it is written, so its buffers may be reused for the next (a batch scratch)
 * and a large table is never held as Arrow data whole.
 */
import type { RecordBatch } from 'apache-arrow';
import { AsyncByteQueue } from 'apache-arrow/io/stream';
import { ipcFileWriter } from './ipc-file-stream.js';

/** Copies every piece the writer hands it (they may be views of reused buffers). */
class CopyingByteSink extends AsyncByteQueue {
  readonly parts: Uint8Array[] = [];
  size = 0;

  override write(value: Uint8Array): void {
    this.parts.push(value.slice());
    this.size += value.byteLength;
  }
}

/** An IPC file being built: append batches (of one schema, the first's), then finish for its bytes. */
export interface IpcBytesStream {
  readonly write: (batch: RecordBatch) => void;
  readonly finish: () => Uint8Array;
}

/** Opens an IPC file built in memory. */
export function openIpcBytesStream(): IpcBytesStream {
  const sink = new CopyingByteSink();
  const writer = ipcFileWriter(sink);
  return {
    write: writer.write,
    finish: () => {
      writer.finish();
      const bytes = new Uint8Array(sink.size);
      let at = 0;
      for (const p of sink.parts) {
        bytes.set(p, at);
        at += p.byteLength;
      }
      sink.parts.length = 0;
      return bytes;
    },
  };
}
