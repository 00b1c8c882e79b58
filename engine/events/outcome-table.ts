import type { ScoreLinearModel } from '../modules/reconcile/reconcile.js';

/**
 * The outcomes of an in-memory event log's outcome blocks, as columns: per outcome the
 * finding's row (its agent and symbol follow from it), realized and expected pnl (bps).
 * A block whose finding rows are consecutive (one horizon: every block of a run) keeps only
 * its first row, in its OUTCOME_BLOCK row; its `row` entries are left unwritten, so their
 * pages are never touched. Under score-linear (the default) the expected pnl is a function
 * of the finding's confidence and severity, recomputed by the reader: not stored either.
 * While outcomes leave the pending ring in counter order (every block before its first
 * out-of-order due time) the realized pnl is a function of the finding and the closes at its
 * time and at the block's, recomputed by the reader walking the prices forward: their `pnl`
 * entries are left unwritten too. So the usual run writes nothing here; otherwise 8 to 20
 * bytes an outcome, where a full outcome_reconciled row takes 49: the bytes a run writes
 * (and the pages it first touches, ~8 us each on a VM) for what is most of its log.
 * Its columns are made at the first block that stores something, as long as `reserve` says (an
 * in-memory run reserves its findings' count: engine/run/state.ts), then grown by doubling: a
 * usual run makes none (S: 14 MB a run the allocator zeroed when it served them from memory an
 * earlier run freed).
 * A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session).
 */
export class OutcomeTable {
  /** Outcomes held (the first `length` entries of the columns count). */
  length: number;
  /** OUTCOME_BLOCK rows pointing into the table. */
  blocks: number;
  /** Outcomes the columns take room for when first made. */
  readonly reserve: number;
  /** Finding rows of the blocks whose rows are not consecutive (the others' entries unwritten). */
  row: Uint32Array;
  pnl: Float64Array;
  /** Expected pnl per outcome; empty when `expectedFrom` gives it. */
  expected: Float64Array;
  /** The score-linear model every outcome's expected pnl is of its finding (expectedPnlBps), or null: stored in `expected`. */
  expectedFrom: ScoreLinearModel | null;
  /**
   * The first outcome whose realized pnl is stored in `pnl` (Infinity: none yet). Every one
   * before it was reconciled in counter order, so their finding rows increase through the log:
   * the reader recomputes their pnl from the closes (event-batches.ts).
   */
  pnlStoredFrom: number;

  constructor(capacity: number, expectedFrom: ScoreLinearModel | null) {
    this.length = 0;
    this.blocks = 0;
    this.reserve = capacity;
    this.row = new Uint32Array(0);
    this.pnl = new Float64Array(0);
    this.expected = new Float64Array(0);
    this.expectedFrom = expectedFrom;
    this.pnlStoredFrom = Number.POSITIVE_INFINITY;
  }
}

/**
 * Kind code of a log row standing for a block of outcome_reconciled rows (v1 first outcome,
 * v2 count): outside LOGGED_EVENT_KINDS, so no reader can take it for a logged event.
 */
export const OUTCOME_BLOCK = 255;

/** Returns an empty table that takes room for `capacity` outcomes once it stores any, their expected pnl stored or (`expectedFrom`) recomputed. */
export function newOutcomeTable(capacity: number, expectedFrom: ScoreLinearModel | null = null): OutcomeTable {
  return new OutcomeTable(capacity, expectedFrom);
}

function grown<T extends Uint32Array | Float64Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Returns true when the finding rows [0, n) are row[0], row[0] + 1, ...: the block needs no row entries. */
export function rowsConsecutive(row: Float64Array, n: number): boolean {
  const r0 = row[0] as number;
  for (let i = 1; i < n; i++) if (row[i] !== r0 + i) return false;
  return true;
}

/**
 * Appends entries [0, n) of the columns as one block and returns the index of its first
 * outcome. `row` null: the block's finding rows are consecutive. `pnl` null: the block was
 * reconciled in counter order (after every earlier such block, before any other), its realized
 * pnl left to the reader.
 */
export function appendOutcomes(t: OutcomeTable, row: Float64Array | null, pnl: Float64Array | null, expected: Float64Array, n: number): number {
  const first = t.length;
  const need = first + n;
  // columns only once a block stores something (entries before it stay unwritten)
  const stores = row !== null || pnl !== null || t.expectedFrom === null;
  if (stores && need > t.row.length) {
    const cap = Math.max(need, 2 * t.row.length, t.row.length === 0 ? t.reserve : 0, 1024);
    t.row = grown(t.row, cap);
    t.pnl = grown(t.pnl, cap);
    if (t.expectedFrom === null) t.expected = grown(t.expected, cap);
  }
  // finding rows index in-memory columns (< 2^32): exact in a Uint32Array
  if (row !== null) for (let i = 0; i < n; i++) t.row[first + i] = row[i] as number;
  if (pnl !== null) {
    t.pnl.set(pnl.subarray(0, n), first);
    if (t.pnlStoredFrom === Number.POSITIVE_INFINITY) t.pnlStoredFrom = first;
  } else if (t.pnlStoredFrom !== Number.POSITIVE_INFINITY) {
    // the reader walks the closes forward only: its cursors would have passed this block's
    throw new Error('internal: an outcome block in counter order after one out of order');
  }
  if (t.expectedFrom === null) t.expected.set(expected.subarray(0, n), first);
  t.length = need;
  t.blocks += 1;
  return first;
}
