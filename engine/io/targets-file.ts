/**
 * targets.arrow: the symbol target rows a run set, as Arrow columns. In memory (targetsColumns,
 * for runOutputFiles over the whole rows) or written batch by batch as rebalance fills a batch
 * (openTargetsFile, for `bt run --out`): the same record batches either way (BATCH_ROWS rows
 * each, one empty batch for no rows, as columnsToIpc cuts them), so the same bytes.
 */
import { readFileSync } from 'node:fs';
import { BATCH_ROWS, ipcLayout, newBatchScratch, recordBatchOf, type BatchScratch, type IpcLayout, type OutColumn } from './arrow-table.js';
import { FileByteSink, ipcFileWriter } from './ipc-file-stream.js';
import { openGatheredFileWriter } from './gathered-file-writer.js';
import { heldTargetRows, type TargetRowColumns, type TargetRowSink } from '../run/target-rows.js';

export const TARGETS_METADATA: ReadonlyMap<string, string> = new Map([['bt.kind', 'targets']]);

/** targets.arrow's columns over rows of equal length (symbol: ids into `symbols`). */
export function targetsColumns(ts: Float64Array, symbol: Int32Array, weight: Float64Array, symbols: readonly string[]): OutColumn[] {
  return [
    { name: 'ts', type: 'timestamp-ms', values: ts },
    { name: 'symbol', type: 'dict', codes: symbol, dictionary: symbols },
    { name: 'weight', type: 'float64', values: weight },
  ];
}

/** targets.arrow being written as the run sets targets. */
export interface TargetsFile {
  readonly sink: TargetRowSink;
  /** Writes the rows the run still holds as the last batch, then the footer; returns the file's sha256 (hex). */
  readonly finish: (out: TargetRowColumns) => string;
  readonly abort: () => void;
}

/** Creates `path` and returns the sink that appends each batch of target rows to it as one record batch. */
export function openTargetsFile(path: string, symbols: readonly string[], batchRows = BATCH_ROWS): TargetsFile {
  const file = openGatheredFileWriter(path);
  const writer = ipcFileWriter(new FileByteSink(file));
  // built once and reused by every batch: the writer copies each batch out before the next
  const codes = new Int32Array(batchRows);
  let layout: IpcLayout | null = null;
  let scratch: BatchScratch | null = null;
  let batches = 0;
  const append = (ts: Float64Array, symbol: Float64Array, weight: Float64Array): void => {
    const n = ts.length;
    codes.set(symbol); // ids as the dictionary's int32 keys
    const cols = targetsColumns(ts, codes.subarray(0, n), weight, symbols);
    layout ??= ipcLayout(cols, TARGETS_METADATA);
    scratch ??= newBatchScratch(cols, batchRows);
    writer.write(recordBatchOf(layout, cols, 0, n, scratch));
    batches += 1;
  };
  return {
    sink: { batchRows, append },
    finish: (out) => {
      const rest = heldTargetRows(out);
      // a last partial batch; no rows at all is one empty batch, as columnsToIpc writes it
      if (rest.ts.length > 0 || batches === 0) append(rest.ts, rest.symbol, rest.weight);
      writer.finish();
      return file.finish();
    },
    abort: file.abort,
  };
}

/** Reads a written targets.arrow back (the library's result after `out`: the rows are not kept in memory). */
export function readTargetsFileBytes(path: string): Uint8Array {
  return readFileSync(path);
}
