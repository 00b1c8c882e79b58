/**
 * targets.arrow: the symbol target rows a run set, as Arrow columns. In memory (targetsColumns,
 * for runOutputFiles over the whole rows) or written batch by batch as rebalance fills a batch
 * (openTargetsFile, for `bt run --out`): the same record batches either way (BATCH_ROWS rows
 * each, one empty batch for no rows, as columnsToIpc cuts them), so the same bytes.
 */
import { readFileSync } from 'node:fs';
import { BATCH_ROWS, type OutColumn } from './arrow-table.js';
import { openKeyedBatchFile } from './keyed-batch-file.js';
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
  const file = openKeyedBatchFile(path, TARGETS_METADATA, (ts, ids, [weight]) => targetsColumns(ts, ids, weight as Float64Array, symbols), batchRows);
  return {
    sink: { batchRows, append: (ts, symbol, weight) => file.append(ts, symbol, [weight]) },
    finish: (out) => {
      const rest = heldTargetRows(out);
      return file.finish({ ts: rest.ts, keyIds: rest.symbol, values: [rest.weight] });
    },
    abort: file.abort,
  };
}

/** Reads a written targets.arrow back (the library's result after `out`: the rows are not kept in memory). */
export function readTargetsFileBytes(path: string): Uint8Array {
  return readFileSync(path);
}
