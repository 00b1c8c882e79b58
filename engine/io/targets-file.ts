/**
 * targets.arrow: the symbol target rows a run set, as Arrow columns. In memory (targetsColumns,
 * for runOutputFiles over the whole rows) or written batch by batch as the run hands a batch over
 * (openTargetsFile, for `bt run --out`): the same record batches either way (BATCH_ROWS rows
 * each, one empty batch for no rows, as columnsToIpc cuts them), so the same bytes.
 */
import { readFileSync } from 'node:fs';
import { BATCH_ROWS, btKindMetadata, type OutColumn } from './arrow-table.js';
import { openKeyedBatchFile, type KeyedBatchFile } from './keyed-batch-file.js';

export const TARGETS_METADATA = btKindMetadata('targets');

/** targets.arrow's columns over rows of equal length (symbol: ids into `symbols`). */
export function targetsColumns(ts: Float64Array, symbol: Int32Array, weight: Float64Array, symbols: readonly string[]): OutColumn[] {
  return [
    { name: 'ts', type: 'timestamp-ms', values: ts },
    { name: 'symbol', type: 'dict', codes: symbol, dictionary: symbols },
    { name: 'weight', type: 'float64', values: weight },
  ];
}

/** Creates `path`: targets.arrow written a batch at a time as the run hands its target rows over (targetRowColumns' order). */
export function openTargetsFile(path: string, symbols: readonly string[], batchRows = BATCH_ROWS): KeyedBatchFile {
  return openKeyedBatchFile(path, TARGETS_METADATA, (ts, ids, [weight]) => targetsColumns(ts, ids, weight as Float64Array, symbols), batchRows);
}

/** Reads a written targets.arrow back (the library's result after `out`: the rows are not kept in memory). */
export function readTargetsFileBytes(path: string): Uint8Array {
  return readFileSync(path);
}
