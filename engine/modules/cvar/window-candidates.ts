/**
 * The selection path of the sliding CVaR (sliding-cvar.ts) without two passes over the whole
 * window per call. The window's values at or below a threshold (in the `before` order: -0
 * before +0) are kept in window (time) order as the window moves: values that left are dropped
 * from the front, arrivals at or below the threshold appended. While they are at least the
 * order statistics VaR reads, those statistics are theirs (they are the window's lowest values),
 * so VaR is selected among them; and when VaR is at or below the threshold every value below
 * VaR is one of them, so the tail mean sums them in time order: the reference's values in the
 * reference's order. On a class window of max_outcomes that renews by half a tick, a call reads
 * the arrivals and a few hundred candidates instead of the window twice.
 * The threshold is an order statistic about twice as deep as VaR's; it is kept while the
 * candidates stay between need and 4 x need + 64, and chosen again (one scan of the window)
 * when they leave that band: a class's error distribution moves slowly.
 */
import { before } from './sorted-window.js';
import { kthValue, meanBelow, newOrderStatisticScratch, nextValue } from './order-statistic.js';

/** The selection's buffers, shared by every window (sized once, grown by doubling). */
const kth = newOrderStatisticScratch();

/** A window's values at or below `threshold`, in position order, at [start, end) of values/pos. A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class WindowCandidates {
  values: Float64Array;
  /** Each candidate's absolute position in the sequence. */
  pos: Float64Array;
  start: number;
  end: number;
  /** NaN: no candidate set (the next call reads the whole window). */
  threshold: number;
  /** The window [lo, scanned) the candidates were taken from; positions only move forward. */
  lo: number;
  scanned: number;

  constructor() {
    this.values = new Float64Array(64);
    this.pos = new Float64Array(64);
    this.start = 0;
    this.end = 0;
    this.threshold = Number.NaN;
    this.lo = 0;
    this.scanned = 0;
  }
}

/** Returns an empty candidate set (no threshold yet). */
export function newWindowCandidates(): WindowCandidates {
  return new WindowCandidates();
}

/** Makes room for `more` candidates after c.end (compacts the live ones to the front, or grows by doubling). */
function makeRoom(c: WindowCandidates, more: number): void {
  if (c.end + more <= c.values.length) return;
  const live = c.end - c.start;
  let cap = c.values.length;
  while (cap < live + more) cap *= 2;
  if (cap === c.values.length) {
    c.values.copyWithin(0, c.start, c.end);
    c.pos.copyWithin(0, c.start, c.end);
  } else {
    const v = new Float64Array(cap);
    const p = new Float64Array(cap);
    v.set(c.values.subarray(c.start, c.end));
    p.set(c.pos.subarray(c.start, c.end));
    c.values = v;
    c.pos = p;
  }
  c.start = 0;
  c.end = live;
}

/**
 * Appends the values of positions from .. to - 1 (values[i - shift]) at or below the threshold.
 * Room for all of them is made first, so the loop writes every value and keeps (advances past)
 * only those at or below: about one arrival in eight is kept, at random, and a branch on it was
 * mispredicted that often, on every outcome the run reconciles.
 */
function scan(c: WindowCandidates, values: Float64Array, shift: number, from: number, to: number): void {
  const g = c.threshold;
  if (to > from) {
    makeRoom(c, to - from);
    const out = c.values;
    const pos = c.pos;
    let e = c.end;
    // An index of its own (positions and shift are doubles: i - shift per value was a float index to check).
    const j0 = from - shift;
    const j1 = to - shift;
    if (g !== 0) {
      // before(g, x) is g < x when g is not a zero: x is kept when x <= g (the values are finite).
      for (let j = j0; j < j1; j++) {
        const x = values[j] as number;
        out[e] = x;
        pos[e] = j + shift;
        e += Number(x <= g);
      }
    } else {
      for (let j = j0; j < j1; j++) {
        const x = values[j] as number;
        out[e] = x;
        pos[e] = j + shift;
        e += Number(!before(g, x));
      }
    }
    c.end = e;
  }
  c.scanned = to;
}

/** Takes the candidates of window [lo, end) afresh at `threshold` (NaN: none kept). */
function rebuild(c: WindowCandidates, values: Float64Array, shift: number, lo: number, end: number, threshold: number): void {
  c.start = 0;
  c.end = 0;
  c.threshold = threshold;
  c.lo = lo;
  if (threshold === threshold) scan(c, values, shift, lo, end);
  else c.scanned = end;
}

/**
 * Returns the CVaR at quantile p = 1 - level of positions lo .. end - 1 (end - lo >= 1; position
 * i's value is values[i - shift]): R's type-7 VaR (engine/metrics/var-cvar.ts quantileType7's
 * order statistics and interpolation) and the mean of the values strictly below it, summed in
 * position order; VaR when none is. Positions only move forward from call to call (a window that
 * moved back is taken afresh). No allocation once the buffers have grown.
 */
export function candidateCvarBps(c: WindowCandidates, values: Float64Array, shift: number, lo: number, end: number, p: number): number {
  const n = end - lo;
  const index = 1 + Math.max(n - 1, 0) * p;
  const kLo = Math.floor(index);
  const need = Math.min(n, kLo + 1); // order statistics 0 .. kLo (0-based) may be read
  let kept = c.threshold === c.threshold && lo >= c.lo && end >= c.scanned;
  if (kept) {
    while (c.start < c.end && (c.pos[c.start] as number) < lo) c.start++;
    c.lo = lo;
    scan(c, values, shift, Math.max(c.scanned, lo), end);
    kept = c.end - c.start >= need;
  }
  // Selected from the candidates (in place: they stay in position order) or the whole window.
  const src = kept ? c.values : values;
  const from = kept ? c.start : lo - shift;
  const to = kept ? c.end : end - shift;
  const m = to - from;
  const xLo = kthValue(src, from, to, kLo - 1, kth);
  let q = xLo;
  if (index > kLo) {
    const xHi = nextValue(src, from, to, kLo - 1, xLo, kth);
    if (xHi !== xLo) {
      const h = index - kLo;
      q = (1 - h) * xLo + h * xHi; // R's exact expression
    }
  }
  if (!kept || m > 4 * need + 64) {
    // A new threshold about twice as deep as needed.
    const deep = Math.min(m - 1, 2 * need + 16);
    rebuild(c, values, shift, lo, end, deep >= kLo ? kthValue(src, from, to, deep, kth) : Number.NaN);
  }
  // Every value below q is at or below the threshold: then a candidate, in position order.
  if (c.threshold === c.threshold && q <= c.threshold) return meanBelow(c.values, c.start, c.end, q);
  return meanBelow(values, lo - shift, end - shift, q);
}
