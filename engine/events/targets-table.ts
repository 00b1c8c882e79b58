import type { GrowableF64 } from '../core/growable.js';

/**
 * The target output columns a TARGETS_BLOCK row points into: a run's own target rows
 * (RunState.out, engine/run/target-rows.ts: time, symbol id, weight per row), which hold every
 * targets_set row's symbol and weight already. While the log is in memory a rebalance's
 * targets_set rows are one log row pointing at them instead of one 49-byte row per symbol (M:
 * 362k rows, ~18 MB of the log's first-touched pages in every in-memory run). The rows move
 * only when they go to targets.arrow (row-batches.ts), which run.ts allows only while the log
 * spills, so no block points at them then.
 */
export interface TargetColumns {
  readonly targetSymbol: GrowableF64;
  readonly targetWeight: GrowableF64;
}

/** The TARGETS_BLOCK rows of an in-memory log: the columns they point into, how many blocks and rows they stand for. A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class TargetsTable {
  /** Null until the log holds a block (every block of a log points into the same columns). */
  columns: TargetColumns | null;
  blocks: number;
  rows: number;

  constructor() {
    this.columns = null;
    this.blocks = 0;
    this.rows = 0;
  }
}

/**
 * Kind code of a log row standing for a rebalance's targets_set rows (tsMs its time, v1 its
 * first target row in the columns, v2 how many): outside LOGGED_EVENT_KINDS, and not
 * OUTCOME_BLOCK (255), so no reader can take it for a logged event.
 */
export const TARGETS_BLOCK = 254;

/** Returns a table with no block. */
export function newTargetsTable(): TargetsTable {
  return new TargetsTable();
}
