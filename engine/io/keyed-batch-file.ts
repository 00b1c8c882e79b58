import { BATCH_ROWS, ipcLayout, newBatchScratch, recordBatchOf, type BatchScratch, type IpcLayout, type OutColumn } from './arrow-table.js';
import { FileByteSink, ipcFileWriter } from './ipc-file-stream.js';
import { openGatheredFileWriter } from './gathered-file-writer.js';
import type { GrowableF64 } from '../core/growable.js';
import { handOverRows, heldRows, type RowBatchSink } from '../run/row-batches.js';

/**
 * An Arrow IPC file of rows (time, a key id, value columns) written one record batch at a time
 * as a run hands over a full batch (its sink, row-batches.ts): targets.arrow, agent_weights.arrow.
 * The same record batches as columnsToIpc cuts the whole rows into (BATCH_ROWS each, one empty
 * batch for no rows), so the same bytes either way.
 */
export interface KeyedBatchFile {
  /** Appends each batch it is handed (time, key ids as float64, as the run keeps them, then the values) as one record batch. */
  readonly sink: RowBatchSink;
  /**
   * Hands over the full batches `columns` (the run's, in the sink's order) still hold (a run
   * resumed and ended with no tick since), writes the rest as the last batch (one empty batch
   * when nothing was written), then the footer; returns the file's sha256 (hex).
   */
  readonly finish: (columns: readonly GrowableF64[]) => string;
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
  const append = (rows: readonly Float64Array[]): void => {
    const [ts, keyIds, ...values] = rows as [Float64Array, Float64Array, ...Float64Array[]];
    codes.set(keyIds); // ids as the dictionary's int32 keys
    const cols = columnsOf(ts, codes.subarray(0, ts.length), values);
    layout ??= ipcLayout(cols, metadata);
    scratch ??= newBatchScratch(cols, batchRows);
    writer.write(recordBatchOf(layout, cols, 0, ts.length, scratch));
    batches += 1;
  };
  const sink: RowBatchSink = { batchRows, append };
  return {
    sink,
    finish: (columns) => {
      handOverRows(columns, sink);
      // a last partial batch; no rows at all is one empty batch, as columnsToIpc writes it
      if ((columns[0] as GrowableF64).length > 0 || batches === 0) append(heldRows(columns));
      writer.finish();
      return file.finish();
    },
    abort: file.abort,
  };
}
