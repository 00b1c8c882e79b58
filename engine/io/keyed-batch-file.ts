import { BATCH_ROWS, ipcLayout, newBatchScratch, recordBatchOf, type BatchScratch, type IpcLayout, type OutColumn } from './arrow-table.js';
import { FileByteSink, ipcFileWriter } from './ipc-file-stream.js';
import { openGatheredFileWriter } from './gathered-file-writer.js';

/**
 * An Arrow IPC file of rows (time, a key id, value columns) written one record batch at a time
 * as a run fills a batch: targets.arrow, agent_weights.arrow. The same record batches as
 * columnsToIpc cuts the whole rows into (BATCH_ROWS each, one empty batch for no rows), so the
 * same bytes either way.
 */
export interface KeyedBatchFile {
  /** Appends rows as one record batch (at most `batchRows`; the key ids as float64, as the run keeps them). */
  readonly append: (ts: Float64Array, keyIds: Float64Array, values: readonly Float64Array[]) => void;
  /** Writes `rest` as the last batch (one empty batch when nothing was written), then the footer; returns the file's sha256 (hex). */
  readonly finish: (rest: { readonly ts: Float64Array; readonly keyIds: Float64Array; readonly values: readonly Float64Array[] }) => string;
  readonly abort: () => void;
}

/** Creates `path`; `columnsOf` gives a batch's columns from its times, int32 key ids and value columns. */
export function openKeyedBatchFile(path: string, metadata: ReadonlyMap<string, string>, columnsOf: (ts: Float64Array, keyIds: Int32Array, values: readonly Float64Array[]) => OutColumn[], batchRows = BATCH_ROWS): KeyedBatchFile {
  const file = openGatheredFileWriter(path);
  const writer = ipcFileWriter(new FileByteSink(file));
  // built once and reused by every batch: the writer copies each batch out before the next
  const codes = new Int32Array(batchRows);
  let layout: IpcLayout | null = null;
  let scratch: BatchScratch | null = null;
  let batches = 0;
  const append = (ts: Float64Array, keyIds: Float64Array, values: readonly Float64Array[]): void => {
    codes.set(keyIds); // ids as the dictionary's int32 keys
    const cols = columnsOf(ts, codes.subarray(0, ts.length), values);
    layout ??= ipcLayout(cols, metadata);
    scratch ??= newBatchScratch(cols, batchRows);
    writer.write(recordBatchOf(layout, cols, 0, ts.length, scratch));
    batches += 1;
  };
  return {
    append,
    finish: (rest) => {
      // a last partial batch; no rows at all is one empty batch, as columnsToIpc writes it
      if (rest.ts.length > 0 || batches === 0) append(rest.ts, rest.keyIds, rest.values);
      writer.finish();
      return file.finish();
    },
    abort: file.abort,
  };
}
