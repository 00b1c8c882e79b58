import { pushF64, withRoomFor, type GrowableF64 } from '../core/growable.js';

/**
 * Receives each full batch of target rows (targets.arrow's rows: time, symbol id, weight) as
 * views of equal length, read before the call returns (the columns are then refilled).
 */
export interface TargetRowSink {
  /** Rows per batch: the sink is handed exactly this many rows each time (the last batch is the sink's to flush). */
  readonly batchRows: number;
  readonly append: (ts: Float64Array, symbol: Float64Array, weight: Float64Array) => void;
}

/**
 * The target rows a run records (RunState.out). Without a sink they hold every row of the run
 * (library, tests); with one (`bt run --out`), the rows not yet handed to it: less than one
 * batch, so memory does not grow with the run (M: 362k rows, 3 columns that doubled by copy
 * to 4 MB each, then were copied again to be written).
 */
export interface TargetRowColumns {
  readonly targetTs: GrowableF64;
  readonly targetSymbol: GrowableF64;
  readonly targetWeight: GrowableF64;
  targetSink: TargetRowSink | null;
}

/** Appends one target row; hands the batch to the sink when it is full. */
export function pushTargetRow(out: TargetRowColumns, t: number, s: number, w: number): void {
  pushF64(out.targetTs, t);
  pushF64(out.targetSymbol, s);
  pushF64(out.targetWeight, w);
  const sink = out.targetSink;
  if (sink !== null && out.targetTs.length === sink.batchRows) handOver(out, sink);
}

/** Hands every full batch the columns hold to the sink, and keeps the rest (moved to the front). */
function handOver(out: TargetRowColumns, sink: TargetRowSink): void {
  const n = out.targetTs.length;
  const b = sink.batchRows;
  let a = 0;
  for (; a + b <= n; a += b) sink.append(out.targetTs.data.subarray(a, a + b), out.targetSymbol.data.subarray(a, a + b), out.targetWeight.data.subarray(a, a + b));
  for (const g of [out.targetTs, out.targetSymbol, out.targetWeight]) {
    g.data.copyWithin(0, a, n);
    g.length = n - a;
  }
}

/**
 * Sends the rows from now on to `sink` (a resumed run's state first hands over the full batches
 * it holds). The columns get room for one batch once, instead of doubling up to it.
 */
export function attachTargetSink(out: TargetRowColumns, sink: TargetRowSink): void {
  out.targetSink = sink;
  handOver(out, sink);
  for (const g of [out.targetTs, out.targetSymbol, out.targetWeight]) g.data = withRoomFor(g.data, sink.batchRows);
}

/** The rows the columns still hold (less than one batch when a sink is attached): the sink's last batch. */
export function heldTargetRows(out: TargetRowColumns): { readonly ts: Float64Array; readonly symbol: Float64Array; readonly weight: Float64Array } {
  const n = out.targetTs.length;
  return { ts: out.targetTs.data.subarray(0, n), symbol: out.targetSymbol.data.subarray(0, n), weight: out.targetWeight.data.subarray(0, n) };
}
