import { withRoomFor, type GrowableF64 } from '../core/growable.js';

/**
 * Receives each full batch of an output's rows (targets.arrow, agent_weights.arrow) column by
 * column, as views of equal length read before the call returns (the columns are then refilled).
 * A sink is I/O, given to the run by its control (run.ts), never part of the run's state: a
 * snapshot holds the rows not yet handed over, and the resumed run hands them to its own sink.
 */
export interface RowBatchSink {
  /** Rows per batch: the sink is handed exactly this many rows each time (the last batch is the sink's to flush). */
  readonly batchRows: number;
  readonly append: (columns: readonly Float64Array[]) => void;
}

/**
 * Hands every full batch `columns` hold (of equal length) to the sink and keeps the rest, moved
 * to the front: run.ts calls it after each tick (`bt run --out`), so the columns hold less than a
 * batch plus one tick's rows (at most one per symbol or agent) rather than the whole run's. A
 * desk of 10k agents over 180 hourly days logged 5.7M weight rows, held at ~100 bytes each (the
 * columns doubled by copy, then copied again to be written): 0.6 GB of its 0.62 GB peak.
 */
export function handOverRows(columns: readonly GrowableF64[], sink: RowBatchSink): void {
  const n = (columns[0] as GrowableF64).length;
  const b = sink.batchRows;
  if (n < b) return;
  let a = 0;
  for (; a + b <= n; a += b) sink.append(columns.map((g) => g.data.subarray(a, a + b)));
  for (const g of columns) {
    g.data.copyWithin(0, a, n);
    g.length = n - a;
  }
}

/**
 * Starts handing `columns` to `sink`: the full batches a resumed run's state holds first, then
 * room for one batch plus `perTick` rows once, instead of doubling up to it.
 */
export function startHandingOver(columns: readonly GrowableF64[], sink: RowBatchSink, perTick: number): void {
  handOverRows(columns, sink);
  for (const g of columns) g.data = withRoomFor(g.data, sink.batchRows + perTick);
}

/** The rows `columns` still hold: after handOverRows, less than a batch (the sink's last). */
export function heldRows(columns: readonly GrowableF64[]): Float64Array[] {
  return columns.map((g) => g.data.subarray(0, g.length));
}
