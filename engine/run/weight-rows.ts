import type { GrowableF64 } from '../core/growable.js';

/**
 * Receives each full batch of agent weight rows (agent_weights.arrow's rows: time, agent id,
 * weight, confidence multiplier) as views of equal length, read before the call returns (the
 * columns are then refilled).
 */
export interface WeightRowSink {
  /** Rows per batch: the sink is handed exactly this many rows each time (the last batch is the sink's to flush). */
  readonly batchRows: number;
  readonly append: (ts: Float64Array, agent: Float64Array, weight: Float64Array, multiplier: Float64Array) => void;
}

/** The weight rows a run records (RunState.out): every row of the run, or with a sink the rows not yet handed to it. */
export interface WeightRowColumns {
  readonly weightTs: GrowableF64;
  readonly weightAgent: GrowableF64;
  readonly weightValue: GrowableF64;
  readonly weightMultiplier: GrowableF64;
}

/**
 * Hands every full batch the columns hold to the sink and keeps the rest (moved to the front):
 * run.ts calls it after each tick (`bt run --out`), so the columns hold less than a batch plus one
 * tick's rows (at most one per agent) rather than the whole run's. A tick's weights change for
 * every agent when one joins or leaves (the weights are fractions of capital), so a desk of 10k
 * agents over 180 hourly days logged 5.7M rows, held at ~100 bytes each (the columns doubled by
 * copy, then copied again to be written): 0.6 GB of its 0.62 GB peak.
 */
export function handOverWeightRows(out: WeightRowColumns, sink: WeightRowSink): void {
  const n = out.weightTs.length;
  const b = sink.batchRows;
  if (n < b) return;
  let a = 0;
  for (; a + b <= n; a += b) {
    sink.append(out.weightTs.data.subarray(a, a + b), out.weightAgent.data.subarray(a, a + b), out.weightValue.data.subarray(a, a + b), out.weightMultiplier.data.subarray(a, a + b));
  }
  for (const g of [out.weightTs, out.weightAgent, out.weightValue, out.weightMultiplier]) {
    g.data.copyWithin(0, a, n);
    g.length = n - a;
  }
}

/** The rows the columns still hold (less than one batch after handOverWeightRows): the sink's last batch. */
export function heldWeightRows(out: WeightRowColumns): { readonly ts: Float64Array; readonly agent: Float64Array; readonly weight: Float64Array; readonly multiplier: Float64Array } {
  const n = out.weightTs.length;
  return { ts: out.weightTs.data.subarray(0, n), agent: out.weightAgent.data.subarray(0, n), weight: out.weightValue.data.subarray(0, n), multiplier: out.weightMultiplier.data.subarray(0, n) };
}
