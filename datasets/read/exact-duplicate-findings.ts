/**
 * Finds a finding that is an exact copy of an earlier one: the same time, agent, symbol,
 * severity, confidence, direction, horizon and expected pnl, every field a replay reads. Such a
 * row is a finding ingested twice; the replay would count it twice (two outcomes, twice the
 * capital), so a run refuses it. Two findings of one agent on one symbol at one time that
 * differ in any of those fields are two calls, and stay.
 *
 * Rows are sorted by time, so a copy shares its original's time: each run of equal times is
 * checked with a hash table of its rows by agent and symbol (O(1) a row; a row alone at its time
 * costs one comparison), and rows of one agent and symbol are compared field by field. The last
 * run of a batch is carried into the next, which may go on with it.
 */
import { basename } from 'node:path';
import { fieldValue } from './finding-order.js';
import { BtInputError } from '../../engine/core/errors.js';
import type { FindingsRunBatch } from './findings-run-batch.js';
import { isoFromMs } from './batch-chunks.js';

/** A copy and the row it copies (0-based rows of the file). */
export interface DuplicateFinding {
  readonly row: number;
  readonly copyOf: number;
}

/** The fields compared, in a fixed order (expected pnl last: NaN where the file has none). */
const FIELDS = 7;

/** The hash of a row's agent and symbol: a copy shares them, and rows that share them are rare enough to compare whole. */
function pairHash(agent: number, symbol: number): number {
  const h = Math.imul(Math.imul(0x811c9dc5 ^ agent, 0x9e3779b1) ^ symbol, 0x85ebca6b);
  return h ^ (h >>> 15);
}

function sameValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/** Scans a findings file batch by batch (in file order) for exact copies. */
export class ExactDuplicateFindings {
  /** Open addressing over the entries of one run of equal times: entry index + 1, valid where stamp = gen. */
  private slots = new Int32Array(64);
  private stamps = new Int32Array(64);
  private gen = 0;
  /** The entries of the run being checked: the carried rows first, then the batch's. */
  private entryHash = new Int32Array(64);
  /** The last run of times of the previous batch: its time, rows and fields (FIELDS a row). */
  private carryTs = Number.NaN;
  private carryRows: number[] = [];
  private carryValues: number[] = [];

  /** Copies found so far (each row equal to an earlier one counts once). */
  copies = 0;

  /**
   * Scans batch `b` (whose first row is the file's row `firstRow`) and returns its first row that
   * copies an earlier row of the file, or null; every copy of the batch is counted (`copies`).
   */
  scan(b: FindingsRunBatch, firstRow: number): DuplicateFinding | null {
    const n = b.n;
    const ts = b.tsMs;
    let start = 0;
    let found: DuplicateFinding | null = null;
    while (start < n) {
      const t = ts[start] as number;
      let end = start + 1;
      while (end < n && ts[end] === t) end++;
      const carried = start === 0 && t === this.carryTs ? this.carryRows.length : 0;
      if (end - start + carried > 1) {
        const copy = this.scanRun(b, start, end, carried, firstRow);
        found ??= copy;
      }
      start = end;
    }
    if (n > 0) this.carryLastRun(b, firstRow);
    return found;
  }

  /** Field f of row i: the key fields after ts (finding-order.ts's fieldValue, one accessor for both checks). */
  private value(b: FindingsRunBatch, i: number, f: number): number {
    return fieldValue(b, i, f + 1);
  }

  /** Entry e of the run: a carried row (e < carried) or the batch's row start + e - carried. */
  private entryValue(b: FindingsRunBatch, e: number, carried: number, start: number, f: number): number {
    return e < carried ? (this.carryValues[e * FIELDS + f] as number) : this.value(b, start + e - carried, f);
  }

  private scanRun(b: FindingsRunBatch, start: number, end: number, carried: number, firstRow: number): DuplicateFinding | null {
    const size = end - start + carried;
    this.reserve(size);
    if (++this.gen === 0x7fffffff) {
      this.gen = 1;
      this.stamps.fill(0);
    }
    // the table and the run's arrays in locals: the loop runs once per row of every time run
    const gen = this.gen;
    const stamps = this.stamps;
    const slots = this.slots;
    const hashes = this.entryHash;
    const mask = slots.length - 1;
    const cv = this.carryValues;
    const agent = b.agentId;
    const symbol = b.symbolId;
    let first: DuplicateFinding | null = null;
    entries: for (let e = 0; e < size; e++) {
      const i = start + e - carried;
      const h = e < carried ? pairHash(cv[e * FIELDS] as number, cv[e * FIELDS + 1] as number) : pairHash(agent[i] as number, symbol[i] as number);
      hashes[e] = h;
      let s = h & mask;
      while (stamps[s] === gen) {
        const o = (slots[s] as number) - 1;
        if (hashes[o] === h && this.sameEntries(b, o, e, carried, start)) {
          // a copy, left out of the table (its original stands for it); a carried one was counted in its own batch
          if (e >= carried) {
            this.copies++;
            const rowOf = (x: number): number => (x < carried ? (this.carryRows[x] as number) : firstRow + start + x - carried);
            first ??= { row: rowOf(e), copyOf: rowOf(o) };
          }
          continue entries;
        }
        s = (s + 1) & mask;
      }
      stamps[s] = gen;
      slots[s] = e + 1;
    }
    return first;
  }

  private sameEntries(b: FindingsRunBatch, x: number, y: number, carried: number, start: number): boolean {
    for (let f = 0; f < FIELDS; f++) if (!sameValue(this.entryValue(b, x, carried, start, f), this.entryValue(b, y, carried, start, f))) return false;
    return true;
  }

  /** Grows the table to at least twice `size` slots (a load of at most one half) and the entries to `size`. */
  private reserve(size: number): void {
    if (this.slots.length < 2 * size) {
      let cap = this.slots.length;
      while (cap < 2 * size) cap *= 2;
      this.slots = new Int32Array(cap);
      this.stamps = new Int32Array(cap);
      this.gen = 0;
    }
    if (this.entryHash.length < size) this.entryHash = new Int32Array(Math.max(size, 2 * this.entryHash.length));
  }

  /** Keeps the batch's last run of times (with the carried rows when the whole batch is one run) for the next batch. */
  private carryLastRun(b: FindingsRunBatch, firstRow: number): void {
    const n = b.n;
    const t = b.tsMs[n - 1] as number;
    let start = n - 1;
    while (start > 0 && b.tsMs[start - 1] === t) start--;
    if (!(start === 0 && t === this.carryTs)) {
      this.carryRows.length = 0;
      this.carryValues.length = 0;
    }
    this.carryTs = t;
    for (let i = start; i < n; i++) {
      this.carryRows.push(firstRow + i);
      for (let f = 0; f < FIELDS; f++) this.carryValues.push(this.value(b, i, f));
    }
  }
}

/** The error for a copy found in `file`: `at` is the copy's time, `agent` and `symbol` its names. */
export function duplicateFindingError(file: string, d: DuplicateFinding, at: number, agent: string, symbol: string): BtInputError {
  return new BtInputError({
    file,
    row: d.row + 1,
    field: 'ts, agent, symbol, severity, confidence, direction, horizon_hours, expected_pnl_bps',
    expected: 'one row per finding',
    found: `an exact copy of row ${d.copyOf + 1} (${isoFromMs(at)}, ${agent}, ${symbol}): a finding ingested twice, which the replay would count twice`,
    hint: `Drop the copies (bt data inspect ${basename(file)} counts them); two calls of one agent on one symbol at one time differ in some field`,
  });
}
