import type { GrowableF64 } from '../core/growable.js';

/**
 * The weight rows a run records (RunState.out): agent_weights.arrow's rows (time, agent id,
 * weight, confidence multiplier). Every row of the run, or with a sink (`bt run --out`,
 * row-batches.ts) the rows not yet handed to it.
 */
export interface WeightRowColumns {
  readonly weightTs: GrowableF64;
  readonly weightAgent: GrowableF64;
  readonly weightValue: GrowableF64;
  readonly weightMultiplier: GrowableF64;
}

/** agent_weights.arrow's columns in the run's state, in the file's order (what a RowBatchSink is handed). */
export function weightRowColumns(out: WeightRowColumns): GrowableF64[] {
  return [out.weightTs, out.weightAgent, out.weightValue, out.weightMultiplier];
}
