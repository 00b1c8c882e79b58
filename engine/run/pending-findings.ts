import type { RunData } from './run-data.js';

/**
 * Findings emitted and not yet reconciled: the only per-finding state the kernel keeps, so
 * its memory follows the horizon window, not the dataset. A ring in emission order (what the
 * targets step walks, oldest first). Reconciliations leave in (due time, emission order):
 * while due times arrive in order (one horizon, the usual case) that is the ring's own order
 * and costs nothing; the first finding due before an earlier one switches to a binary heap
 * of counters keyed by (due time, counter), for good.
 * Entries are addressed by absolute counters; slot = counter & (capacity - 1). Every finding
 * is pushed, in row order, so an entry's counter is its finding's row: no column holds it.
 * With the findings in memory the ring does not copy what their row holds either (agent,
 * symbol, confidence, severity, direction, own expected pnl: 33 of the 58 bytes an entry took):
 * readers take those from data.findings at the counter (findingColumns). The ring is written
 * once a finding and read ~a horizon later, between them megabytes of other traffic; the rows
 * are read in the same order, and were read at the push already.
 * A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session).
 */
export class PendingFindings {
  capacity: number;
  /** Oldest entry still live (every earlier one is reconciled). */
  head: number;
  /** Next counter to write. */
  tail: number;
  /**
   * True: the findings' own columns are read from the in-memory findings by counter, and the
   * ring's copies (agent .. direction, expectedBps) stay empty. False (streamed findings: a
   * batch is gone once read): the ring copies them.
   */
  readonly byRow: boolean;
  agent: Int32Array;
  symbol: Int32Array;
  confidence: Float64Array;
  severityMult: Float64Array;
  direction: Int8Array;
  horizonHours: Float64Array;
  entryClose: Float64Array;
  /** The finding's own expected_pnl_bps (NaN = none): reconcile.expected_model column. */
  expectedBps: Float64Array;
  dueMs: Float64Array;
  live: Uint8Array;
  /** In-order mode: the next counter to reconcile, and the latest due time pushed. */
  dueHead: number;
  lastDueMs: number;
  /** Heap mode (once due times arrive out of order): counters ordered by (dueMs, counter). */
  useHeap: boolean;
  heap: Float64Array;
  heapLen: number;

  constructor(capacity: number, byRow: boolean) {
    const copied = byRow ? 0 : capacity;
    this.capacity = capacity;
    this.head = 0;
    this.tail = 0;
    this.byRow = byRow;
    this.agent = new Int32Array(copied);
    this.symbol = new Int32Array(copied);
    this.confidence = new Float64Array(copied);
    this.severityMult = new Float64Array(copied);
    this.direction = new Int8Array(copied);
    this.horizonHours = new Float64Array(capacity);
    this.entryClose = new Float64Array(capacity);
    this.expectedBps = new Float64Array(copied);
    this.dueMs = new Float64Array(capacity);
    this.live = new Uint8Array(capacity);
    this.dueHead = 0;
    this.lastDueMs = Number.NEGATIVE_INFINITY;
    this.useHeap = false;
    this.heap = new Float64Array(0);
    this.heapLen = 0;
  }
}

/** Returns an empty set with room for `capacity` entries (a power of two; it grows as needed); `byRow`: the findings are in memory. */
export function newPendingFindings(capacity = 1024, byRow = false): PendingFindings {
  return new PendingFindings(capacity, byRow);
}

function grow(p: PendingFindings): void {
  const old = p.capacity;
  const mask = old - 1;
  const cap = old * 2;
  const nm = cap - 1;
  const move = <T extends Float64Array | Int32Array | Int8Array | Uint8Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(cap);
    for (let c = p.head; c < p.tail; c++) b[c & nm] = a[c & mask] as number;
    return b;
  };
  if (!p.byRow) {
    p.agent = move(p.agent);
    p.symbol = move(p.symbol);
    p.confidence = move(p.confidence);
    p.severityMult = move(p.severityMult);
    p.direction = move(p.direction);
    p.expectedBps = move(p.expectedBps);
  }
  p.horizonHours = move(p.horizonHours);
  p.entryClose = move(p.entryClose);
  p.dueMs = move(p.dueMs);
  p.live = move(p.live);
  if (p.useHeap) {
    const heap = new Float64Array(cap);
    heap.set(p.heap.subarray(0, p.heapLen));
    p.heap = heap;
  }
  p.capacity = cap;
}

/** The pending findings' own columns and where entry c sits in them: at c & mask (mask -1: c itself, the finding's row). */
export interface PendingFindingColumns {
  readonly agent: Int32Array;
  readonly symbol: Int32Array;
  readonly confidence: Float64Array;
  readonly severityMult: Float64Array;
  readonly direction: Int8Array;
  /** The finding's own expected_pnl_bps (NaN or absent: none). */
  readonly expectedBps: Float64Array | undefined;
  readonly mask: number;
}

/** The findings' in-memory columns the entries' counters index (byRow), else the ring's copies by slot. Valid until the next push. */
export function findingColumns(p: PendingFindings, findings: RunData['findings']): PendingFindingColumns {
  if (!p.byRow) return { agent: p.agent, symbol: p.symbol, confidence: p.confidence, severityMult: p.severityMult, direction: p.direction, expectedBps: p.expectedBps, mask: p.capacity - 1 };
  // rows index typed arrays (< 2^31), so c & -1 is c
  return { agent: findings.agentId, symbol: findings.symbolId, confidence: findings.confidence, severityMult: findings.severityMult, direction: findings.direction, expectedBps: findings.expectedPnlBps, mask: -1 };
}

/** Returns true when counter a is due before counter b (ties: earlier emission first). */
function before(p: PendingFindings, a: number, b: number): boolean {
  const mask = p.capacity - 1;
  const da = p.dueMs[a & mask] as number;
  const db = p.dueMs[b & mask] as number;
  return da < db || (da === db && a < b);
}

/** Adds the next finding (its counter is its row; its own columns are copied unless byRow); returns its counter. */
export function pushPending(
  p: PendingFindings,
  agent: number,
  symbol: number,
  confidence: number,
  severityMult: number,
  direction: number,
  horizonHours: number,
  entryClose: number,
  dueMs: number,
  expectedBps = Number.NaN,
): number {
  if (p.tail - p.head === p.capacity) grow(p);
  const c = p.tail;
  const k = c & (p.capacity - 1);
  if (!p.byRow) {
    p.agent[k] = agent;
    p.symbol[k] = symbol;
    p.confidence[k] = confidence;
    p.severityMult[k] = severityMult;
    p.direction[k] = direction;
    p.expectedBps[k] = expectedBps;
  }
  p.horizonHours[k] = horizonHours;
  p.entryClose[k] = entryClose;
  p.dueMs[k] = dueMs;
  p.live[k] = 1;
  p.tail = c + 1;
  if (!p.useHeap) {
    if (dueMs >= p.lastDueMs) {
      p.lastDueMs = dueMs;
      return c;
    }
    toHeap(p, c);
  }
  heapPush(p, c);
  return c;
}

/** Switches to heap mode with every not-yet-reconciled counter before `c`. */
function toHeap(p: PendingFindings, c: number): void {
  p.useHeap = true;
  p.heap = new Float64Array(p.capacity);
  p.heapLen = 0;
  for (let x = p.dueHead; x < c; x++) heapPush(p, x);
}

function heapPush(p: PendingFindings, c: number): void {
  const h = p.heap;
  let i = p.heapLen++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(p, c, h[parent] as number)) break;
    h[i] = h[parent] as number;
    i = parent;
  }
  h[i] = c;
}

/** In order mode (no heap): how many entries from the next to reconcile on are due at t. */
export function dueInOrderCount(p: PendingFindings, t: number): number {
  const mask = p.capacity - 1;
  const dueMs = p.dueMs;
  let c = p.dueHead;
  while (c < p.tail && dueMs[c & mask] === t) c++;
  return c - p.dueHead;
}

/** Returns the due time of the next reconciliation, or Infinity when none is pending. */
export function nextDueMs(p: PendingFindings): number {
  if (!p.useHeap) return p.dueHead < p.tail ? (p.dueMs[p.dueHead & (p.capacity - 1)] as number) : Number.POSITIVE_INFINITY;
  return p.heapLen > 0 ? (p.dueMs[(p.heap[0] as number) & (p.capacity - 1)] as number) : Number.POSITIVE_INFINITY;
}

/** Removes the next due finding from the heap and returns its counter (still readable until released). */
export function popDue(p: PendingFindings): number {
  if (!p.useHeap) return p.dueHead++;
  const h = p.heap;
  const top = h[0] as number;
  const last = h[--p.heapLen] as number;
  let i = 0;
  const n = p.heapLen;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const m = r < n && before(p, h[r] as number, h[l] as number) ? r : l;
    if (!before(p, h[m] as number, last)) break;
    h[i] = h[m] as number;
    i = m;
  }
  if (n > 0) h[i] = last;
  return top;
}

/**
 * In order mode (no heap), marks every counter before `end` reconciled at once: there they
 * leave in counter order, so the ring's front moves straight to `end` (what `release` of each
 * would do, one fill instead of a call and a front check per finding).
 */
export function releaseInOrderTo(p: PendingFindings, end: number): void {
  const mask = p.capacity - 1;
  const from = p.head & mask;
  const to = from + (end - p.head);
  if (to <= p.capacity) p.live.fill(0, from, to);
  else {
    p.live.fill(0, from, p.capacity);
    p.live.fill(0, 0, to - p.capacity);
  }
  p.head = end;
}

/** Marks counter c reconciled and drops every reconciled entry from the front of the ring. */
export function release(p: PendingFindings, c: number): void {
  const mask = p.capacity - 1;
  p.live[c & mask] = 0;
  while (p.head < p.tail && p.live[p.head & mask] === 0) p.head++;
}
