import { pushF64, type GrowableF64 } from '../core/growable.js';

/**
 * The target rows a run records (RunState.out): targets.arrow's rows (time, symbol id, weight).
 * Every row of the run, or with a sink (`bt run --out`, row-batches.ts) the rows not yet handed
 * to it, so memory does not grow with the run (M: 362k rows, 3 columns that doubled by copy to
 * 4 MB each, then were copied again to be written).
 */
export interface TargetRowColumns {
  readonly targetTs: GrowableF64;
  readonly targetSymbol: GrowableF64;
  readonly targetWeight: GrowableF64;
}

/** Appends one target row. */
export function pushTargetRow(out: TargetRowColumns, t: number, s: number, w: number): void {
  pushF64(out.targetTs, t);
  pushF64(out.targetSymbol, s);
  pushF64(out.targetWeight, w);
}

/** targets.arrow's columns in the run's state, in the file's order (what a RowBatchSink is handed). */
export function targetRowColumns(out: TargetRowColumns): GrowableF64[] {
  return [out.targetTs, out.targetSymbol, out.targetWeight];
}
