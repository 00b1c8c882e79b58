import { valuesWithin } from '../../datasets/read/run-batch-loops.js';
import { resizedTo } from '../core/growable.js';
import { MS } from '../core/time.js';
import { countValue, medianOfCounts, newValueCounts, type ValueCounts } from './value-counts.js';
import { firstIndexWhere } from '../core/first-index-where.js';

/**
 * What a run's findings say about the fill lag (bt run's note; README "How a run works"): a
 * target set at a tick fills at its symbol's next close strictly after the tick, so a finding
 * reconciled at or before that close was never held by the book before its outcome was known.
 */
export interface FillLag {
  /** Findings live at a tick (their first tick at or after their time comes before their due time) and reconciled in the run. */
  readonly live: number;
  /** Of those, the ones due at or before their symbol's first close strictly after that tick (or with no such close in the run). */
  readonly beforeFill: number;
  /** Median horizon (hours) of the live findings; NaN when there are none. */
  readonly medianHorizonHours: number;
  /** Median hours from a live finding's first tick to its symbol's next close, over those with such a close; NaN when none. */
  readonly medianLagHours: number;
}

/**
 * Ticks tickMs..lastTickMs with no price between them (one tick, unless the prices opened it
 * ahead of the findings: see enterSpanOf), so with the same closes after them: per symbol, its
 * first close strictly after the ticks (NaN until known), and the live findings first seen by
 * these ticks whose count waits for those closes, as segments of rows with one tick and one
 * horizon (so due at their time plus it): segments segFrom..segTo of the counter's table.
 */
interface TickSlot {
  tickMs: number;
  lastTickMs: number;
  segFrom: number;
  segTo: number;
  readonly nextCloseMs: Float64Array;
  /** Symbols still without a close after the tick, and the earliest and latest of those closes so far. */
  unresolved: number;
  minNextMs: number;
  maxNextMs: number;
}

/**
 * The count as it goes: findings and prices are taken batch by batch in file order, each source
 * in time order, in whatever interleaving the run pulls them. Cheap because it works by tick,
 * segment and symbol, not by row, wherever it can. Prices: a tick's next closes come from the
 * prices after it up to the next tick, read until every symbol has had one (on a regular grid:
 * the first time after the tick), the rest skipped by a binary search; a symbol with none there
 * takes its next close after the later ticks, passed back to this one when it comes. Findings:
 * a batch is cut into segments of one first tick and one horizon (binary searches on the sorted
 * times; the horizons are the only column read whole); a segment's live rows are a
 * contiguous range, counted at once when the tick's closes are known (by binary search when they
 * are all at one time), else copied whole until they are. The hot loops are small functions of
 * their own: a cold bt run pays V8's compiler too. Depends only on times, horizons and symbols.
 */
export interface FillLagCounter {
  readonly ticksMs: Float64Array;
  /** The next tick a finding can first be live at (findings come in time order). */
  ti: number;
  readonly endMs: number;
  readonly defaultHorizonMs: number;
  readonly nSymbols: number;
  /** Copied live findings' times and symbols, segment after segment, up to bufN; rows of counted slots are dropped when it is next full. */
  bufTsMs: Float64Array;
  bufSym: Int32Array;
  bufN: number;
  /** Per segment: its tick (ms), its horizon (ms, as the kernel adds it) and its rows start..end of the buffer, up to nSegs. */
  segTickMs: Float64Array;
  segHorizonMs: Float64Array;
  segStart: Int32Array;
  segEnd: Int32Array;
  nSegs: number;
  /** Ticks whose findings or closes are still to come, in tick order, and spare ones to reuse. */
  readonly slots: TickSlot[];
  readonly spare: TickSlot[];
  /** The tick the prices are at (index in ticksMs: they lie after it, up to the next; -1 before the first), its slot (null: no finding can use it), and whether all its closes are known. */
  pk: number;
  cur: TickSlot | null;
  curDone: boolean;
  /** Per symbol: the earliest tick still without its close, for a symbol that had none in that tick's span (NaN: none waits). */
  readonly waitingSinceMs: Float64Array;
  /** How many symbols wait so. */
  nWaiting: number;
  /** Per symbol: rows of a slot being counted row by row (zero between counts). */
  readonly rowsOfSymbol: Int32Array;
  /** takeCloses' other results. */
  readonly got: Float64Array;
  /** The latest finding time seen: every finding at or before it has been taken. */
  frontierMs: number;
  live: number;
  beforeFill: number;
  readonly horizons: ValueCounts;
  readonly lags: ValueCounts;
}

/** Returns an empty count for a run with these ticks, end time (ms) and default horizon (ms) over `nSymbols` symbols. */
export function newFillLagCounter(ticksMs: Float64Array, endMs: number, defaultHorizonMs: number, nSymbols: number): FillLagCounter {
  return {
    ticksMs,
    ti: 0,
    endMs,
    defaultHorizonMs,
    nSymbols,
    bufTsMs: new Float64Array(1024),
    bufSym: new Int32Array(1024),
    bufN: 0,
    segTickMs: new Float64Array(64),
    segHorizonMs: new Float64Array(64),
    segStart: new Int32Array(64),
    segEnd: new Int32Array(64),
    nSegs: 0,
    slots: [],
    spare: [],
    pk: -1,
    cur: null,
    curDone: true,
    waitingSinceMs: new Float64Array(nSymbols).fill(Number.NaN),
    nWaiting: 0,
    rowsOfSymbol: new Int32Array(nSymbols),
    got: new Float64Array(3),
    frontierMs: Number.NEGATIVE_INFINITY,
    live: 0,
    beforeFill: 0,
    horizons: newValueCounts(),
    lags: newValueCounts(),
  };
}

/** Takes a batch of findings (rows 0..n-1, in time order, after every earlier batch): the live ones are counted, or kept until their tick's closes are known, segment by segment. */
export function countFindings(c: FillLagCounter, f: { readonly n: number; readonly tsMs: Float64Array; readonly symbolId: Int32Array; readonly horizonHours: Float64Array }): void {
  const n = f.n;
  if (n === 0) return;
  const ts = f.tsMs;
  const ticks = c.ticksMs;
  let hEnd = 0;
  for (let i = 0; i < n; ) {
    if (i >= hEnd) hEnd = sameHorizonEnd(f.horizonHours, i, n);
    const tf = ts[i] as number;
    while (c.ti < ticks.length && (ticks[c.ti] as number) < tf) c.ti++;
    if (c.ti === ticks.length) break; // no tick at or after it, nor after any later finding
    const tickMs = ticks[c.ti] as number;
    const h = f.horizonHours[i] as number;
    // the kernel's due time (run.ts pushFindingRun) is the time plus this, to the bit: monotone in the time
    const horizonMs = Number.isNaN(h) ? c.defaultHorizonMs : h * MS.hour;
    // rows first seen by this tick, and of those the live ones: reconciled after the tick (the
    // reconciliation at t precedes the tick at t) and by the end
    const j = firstDueAfter(ts, 0, tickMs, i, hEnd);
    const a = firstDueAfter(ts, horizonMs, tickMs, i, j);
    const b = firstDueAfter(ts, horizonMs, c.endMs, a, j);
    if (b > a) {
      c.live += b - a;
      countValue(c.horizons, Number.isNaN(h) ? c.defaultHorizonMs / MS.hour : h, b - a);
      const slot = slotOf(c, tickMs);
      if (slot.unresolved === 0) countRows(c, slot, tickMs, horizonMs, ts, f.symbolId, a, b);
      else appendSegment(c, slot, tickMs, horizonMs, ts, f.symbolId, a, b);
    }
    i = j;
  }
  c.frontierMs = ts[n - 1] as number;
  countSlotsDone(c);
}

/**
 * The end of the run of rows from i with row i's horizon (NaN equal to NaN): the only look at
 * every finding. A batch of one horizon, the usual case, is checked by the decoder's own range
 * loop (valuesWithin with the value as both bounds), which V8 has optimized by the time a batch
 * gets here: a loop of our own costs a compile and ~5 ms interpreted before that on S, cold.
 */
function sameHorizonEnd(horizon: Float64Array, i: number, n: number): number {
  const h = horizon[i] as number;
  if (!Number.isNaN(h) && valuesWithin(horizon.subarray(i, n), n - i, h, h)) return n;
  let j = i + 1;
  if (Number.isNaN(h)) while (j < n && Number.isNaN(horizon[j] as number)) j++;
  else while (j < n && horizon[j] === h) j++;
  return j;
}

/** The first row in lo..hi-1 (times in order) whose time plus addMs is after limitMs, else hi: a binary search, as the sum is monotone in the time. */
function firstDueAfter(tsMs: Float64Array, addMs: number, limitMs: number, lo: number, hi: number): number {
  return firstIndexWhere(lo, hi, (i) => (tsMs[i] as number) + addMs > limitMs);
}

/**
 * The index of the first slot whose last tick is at or after `tickMs` (slots are in tick order,
 * disjoint): a binary search, as the prices can run far ahead of the findings and leave many slots.
 */
function firstSlotFrom(slots: readonly TickSlot[], tickMs: number): number {
  return firstIndexWhere(0, slots.length, (i) => (slots[i] as TickSlot).lastTickMs >= tickMs);
}

/** The slot of `tickMs`, opened (after the others) if there is none: only while its closes are all to come, as the prices open a tick's slot while findings may still use it. */
function slotOf(c: FillLagCounter, tickMs: number): TickSlot {
  return findSlot(c, tickMs) ?? openSlot(c, tickMs);
}

/** Opens the slot of `tickMs` in tick order (a spare one reused); every symbol waits for its close after the tick. */
function openSlot(c: FillLagCounter, tickMs: number): TickSlot {
  const slot = c.spare.pop() ?? { tickMs, lastTickMs: tickMs, segFrom: 0, segTo: 0, nextCloseMs: new Float64Array(c.nSymbols).fill(Number.NaN), unresolved: 0, minNextMs: 0, maxNextMs: 0 };
  slot.tickMs = tickMs;
  slot.lastTickMs = tickMs;
  slot.segFrom = c.nSegs;
  slot.segTo = c.nSegs;
  slot.unresolved = c.nSymbols;
  slot.minNextMs = Number.POSITIVE_INFINITY;
  slot.maxNextMs = Number.NEGATIVE_INFINITY;
  // after the findings' latest slot when the prices open one for a tick the findings have passed
  c.slots.splice(firstSlotFrom(c.slots, tickMs), 0, slot);
  return slot;
}

/** Keeps rows a..b-1 (live, first seen by tick `tickMs` of the slot, one horizon) as a segment of the slot, copied whole. */
function appendSegment(c: FillLagCounter, slot: TickSlot, tickMs: number, horizonMs: number, tsMs: Float64Array, symbolId: Int32Array, a: number, b: number): void {
  const rows = b - a;
  roomFor(c, rows);
  // a slot's segments lie together (findings come in time order: a slot gets its rows before a later one's); a slot the prices opened has none yet
  if (slot.segFrom === slot.segTo) {
    slot.segFrom = c.nSegs;
    slot.segTo = c.nSegs;
  }
  const at = c.bufN;
  c.bufTsMs.set(tsMs.subarray(a, b), at);
  c.bufSym.set(symbolId.subarray(a, b), at);
  c.bufN = at + rows;
  const k = c.nSegs++;
  c.segTickMs[k] = tickMs;
  c.segHorizonMs[k] = horizonMs;
  c.segStart[k] = at;
  c.segEnd[k] = at + rows;
  slot.segTo = c.nSegs;
}

/**
 * Makes room for `rows` more rows and one more segment: the waiting slots' segments and rows are
 * moved to the front (whole blocks); if that is not room enough, less the rows whose symbol
 * already has its next close (counted now), so a slot kept waiting by a symbol that never closes
 * again holds that symbol's rows only; then grown by doubling.
 */
function roomFor(c: FillLagCounter, rows: number): void {
  if (c.bufN + rows <= c.bufSym.length && c.nSegs < c.segStart.length) return;
  moveWaitingToFront(c, false);
  if (c.bufN + rows > c.bufSym.length) moveWaitingToFront(c, true);
  const w = c.bufN;
  if (w + rows > c.bufSym.length) {
    const cap = 2 * (w + rows);
    c.bufTsMs = resizedTo(c.bufTsMs, cap);
    c.bufSym = resizedTo(c.bufSym, cap);
  }
  const k = c.nSegs;
  if (k + 1 > c.segStart.length) {
    const cap = 2 * (k + 1);
    c.segTickMs = resizedTo(c.segTickMs, cap);
    c.segHorizonMs = resizedTo(c.segHorizonMs, cap);
    c.segStart = resizedTo(c.segStart, cap);
    c.segEnd = resizedTo(c.segEnd, cap);
  }
}

/** Moves the slots' segments and rows to the front, in order; with `countClosed`, row by row, counting the rows whose symbol has its next close. */
function moveWaitingToFront(c: FillLagCounter, countClosed: boolean): void {
  const ts = c.bufTsMs;
  const sym = c.bufSym;
  let w = 0;
  let k2 = 0;
  for (const slot of c.slots) {
    const from = k2;
    for (let k = slot.segFrom; k < slot.segTo; k++) {
      const tickMs = c.segTickMs[k] as number;
      const horizonMs = c.segHorizonMs[k] as number;
      const start = w;
      const rs = c.segStart[k] as number;
      const re = c.segEnd[k] as number;
      if (!countClosed || slot.unresolved === c.nSymbols) {
        ts.copyWithin(w, rs, re);
        sym.copyWithin(w, rs, re);
        w += re - rs;
      } else {
        for (let i = rs; i < re; i++) {
          const s = sym[i] as number;
          const next = slot.nextCloseMs[s] as number;
          if (Number.isNaN(next)) {
            ts[w] = ts[i] as number;
            sym[w++] = s;
          } else {
            if ((ts[i] as number) + horizonMs <= next) c.beforeFill++;
            countValue(c.lags, (next - tickMs) / MS.hour);
          }
        }
      }
      if (w > start) {
        c.segTickMs[k2] = tickMs;
        c.segHorizonMs[k2] = horizonMs;
        c.segStart[k2] = start;
        c.segEnd[k2++] = w;
      }
    }
    slot.segFrom = from;
    slot.segTo = k2;
  }
  c.bufN = w;
  c.nSegs = k2;
}

/**
 * Counts rows a..b-1 (one horizon) of tick `tickMs` of the slot: those due at or before their symbol's
 * next close after it (NaN: none in the run, at the finish: never held, and no lag). When every
 * symbol's is at one time, the rows due by then are a prefix (a binary search); else row by row,
 * the lags weighted by each symbol's rows.
 */
function countRows(c: FillLagCounter, slot: TickSlot, tickMs: number, horizonMs: number, tsMs: Float64Array, sym: Int32Array, a: number, b: number): void {
  if (slot.unresolved === 0 && slot.minNextMs === slot.maxNextMs) {
    const next = slot.minNextMs;
    c.beforeFill += firstDueAfter(tsMs, horizonMs, next, a, b) - a;
    countValue(c.lags, (next - tickMs) / MS.hour, b - a);
    return;
  }
  const next = slot.nextCloseMs;
  const rowsOf = c.rowsOfSymbol;
  let before = 0;
  for (let i = a; i < b; i++) {
    const s = sym[i] as number;
    rowsOf[s] = (rowsOf[s] as number) + 1;
    before += Number(!((tsMs[i] as number) + horizonMs > (next[s] as number)));
  }
  c.beforeFill += before;
  for (let s = 0; s < c.nSymbols; s++) {
    const n = rowsOf[s] as number;
    if (n === 0) continue;
    rowsOf[s] = 0;
    const close = next[s] as number;
    if (!Number.isNaN(close)) countValue(c.lags, (close - tickMs) / MS.hour, n);
  }
}

/** Counts a slot's kept rows and frees it for reuse; the caller takes it out of c.slots. */
function countAndFree(c: FillLagCounter, slot: TickSlot): void {
  for (let k = slot.segFrom; k < slot.segTo; k++) countRows(c, slot, c.segTickMs[k] as number, c.segHorizonMs[k] as number, c.bufTsMs, c.bufSym, c.segStart[k] as number, c.segEnd[k] as number);
  slot.segFrom = slot.segTo;
  if (c.cur === slot) c.cur = null;
  slot.nextCloseMs.fill(Number.NaN);
  c.spare.push(slot);
}

/** Counts a slot's kept rows and frees it. */
function countSlot(c: FillLagCounter, slot: TickSlot): void {
  countAndFree(c, slot);
  c.slots.splice(c.slots.lastIndexOf(slot), 1); // usually the current, latest slot
}

/**
 * Counts the slots whose findings have all come (the latest finding is after the tick) and whose
 * closes are all known, and frees those that got no findings. The slots kept are moved down in
 * one pass: a splice per freed slot cost O(slots) each, quadratic when the prices run far ahead
 * of the findings with ticks much finer than the closes (every tick holds a slot: a 1-minute
 * cadence over hourly prices spent 10 of its 11 s here, a 10-second one 4 minutes).
 */
function countSlotsDone(c: FillLagCounter): void {
  const slots = c.slots;
  let w = 0;
  let k = 0;
  for (; k < slots.length; k++) {
    const slot = slots[k] as TickSlot;
    if (slot.lastTickMs >= c.frontierMs) break;
    if (slot.unresolved === 0 || (slot.segFrom === slot.segTo && slot !== c.cur)) countAndFree(c, slot);
    else slots[w++] = slot;
  }
  if (w < k) slots.splice(w, k - w);
}

/**
 * Takes a batch of prices (rows 0..n-1, in time order, after every earlier batch), tick span by
 * tick span: a price after tick T and at or before the next is, for the symbols without one
 * yet, their next close after T (and after the earlier ticks still waiting for that symbol).
 */
export function countPrices(c: FillLagCounter, p: { readonly n: number; readonly tsMs: Float64Array; readonly symbolId: Int32Array }): void {
  const ts = p.tsMs;
  const sym = p.symbolId;
  const n = p.n;
  const ticks = c.ticksMs;
  const got = c.got;
  let i = 0;
  while (i < n) {
    const t = ts[i] as number;
    const untilMs = c.pk + 1 < ticks.length ? (ticks[c.pk + 1] as number) : Number.POSITIVE_INFINITY;
    if (t > untilMs) {
      enterSpanOf(c, t);
      continue;
    }
    const slot = c.cur;
    if (slot === null || c.curDone) {
      i = firstDueAfter(ts, 0, untilMs, i, n); // nothing to learn before the next tick
      continue;
    }
    const j = takeCloses(ts, sym, i, n, untilMs, slot.nextCloseMs, slot.unresolved, c.waitingSinceMs, got);
    const hits = got[0] as number;
    if (hits > 0) {
      if ((got[1] as number) < slot.minNextMs) slot.minNextMs = got[1] as number;
      if ((got[2] as number) > slot.maxNextMs) slot.maxNextMs = got[2] as number;
      slot.unresolved -= hits;
    }
    i = j;
    if (j < n && (ts[j] as number) <= untilMs && Number.isNaN(slot.nextCloseMs[sym[j] as number] as number) && slot.unresolved > 0) {
      closeForWaiting(c, sym[j] as number, ts[j] as number);
      i = j + 1;
    }
    if (slot.unresolved === 0) {
      c.curDone = true;
      if (slot.lastTickMs < c.frontierMs) countSlot(c, slot);
    }
  }
}

/**
 * The only loop over every price it reads, one function without calls so that V8 compiles it
 * early and cheaply: from row i on, while at or before `untilMs`, gives each symbol without a
 * close after the slot's tick this one; returns the first row not taken: the first after
 * `untilMs`, the row after the one that gave the last waiting symbol, or a row whose symbol an
 * earlier tick waits for too (the caller's). got holds how many it gave, the first one's time and
 * the last one's (they come in time order).
 */
function takeCloses(tsMs: Float64Array, sym: Int32Array, i: number, to: number, untilMs: number, next: Float64Array, unresolved: number, waitingSinceMs: Float64Array, got: Float64Array): number {
  let hits = 0;
  let first = Number.NaN;
  let last = Number.NaN;
  for (; i < to; i++) {
    const t = tsMs[i] as number;
    if (t > untilMs) break;
    const s = sym[i] as number;
    if (!Number.isNaN(next[s] as number)) continue;
    if (!Number.isNaN(waitingSinceMs[s] as number)) break;
    next[s] = t;
    if (hits === 0) first = t;
    last = t;
    if (++hits === unresolved) {
      i++;
      break;
    }
  }
  got[0] = hits;
  got[1] = first;
  got[2] = last;
  return i;
}

/** Gives symbol s's close at t to every slot from its earliest waiting one up to the current one, and counts those now done. */
function closeForWaiting(c: FillLagCounter, s: number, t: number): void {
  const since = c.waitingSinceMs[s] as number;
  c.waitingSinceMs[s] = Number.NaN;
  c.nWaiting--;
  // the slots kept are moved down in one pass (countSlotsDone says why)
  const slots = c.slots;
  const from = firstSlotFrom(slots, since);
  let w = from;
  let k = from;
  for (; k < slots.length; k++) {
    const slot = slots[k] as TickSlot;
    if (slot.tickMs >= t) break;
    if (Number.isNaN(slot.nextCloseMs[s] as number)) {
      slot.nextCloseMs[s] = t;
      if (t < slot.minNextMs) slot.minNextMs = t;
      if (t > slot.maxNextMs) slot.maxNextMs = t;
      if (--slot.unresolved === 0 && slot !== c.cur && slot.lastTickMs < c.frontierMs) {
        countAndFree(c, slot);
        continue;
      }
    }
    slots[w++] = slot;
  }
  if (w < k) slots.splice(w, k - w);
}

/**
 * Moves the prices to the span of the tick before t (after it, up to the next): the symbols the
 * current tick's span gave no close wait for a later one; so do all of a skipped tick's, whose
 * slot is opened while findings may still use it. A skipped tick's closes are the next tick's,
 * so a tick after one with no price in its span and no slot of its own joins that one's slot:
 * prices far ahead of the findings with ticks much finer than the closes (a 1-minute cadence
 * over daily closes) held a slot and a close per symbol for every tick, 0.5 GB over a year of
 * 20 symbols, until the findings came.
 */
function enterSpanOf(c: FillLagCounter, t: number): void {
  const ticks = c.ticksMs;
  leaveSpan(c);
  let skipped = false;
  while (c.pk + 1 < ticks.length && (ticks[c.pk + 1] as number) < t) {
    c.pk++;
    const tickMs = ticks[c.pk] as number;
    const prev = c.cur;
    // a tick the findings have passed gets no rows: its slot serves only to pass on closes to earlier ticks still waiting
    const open = tickMs >= c.frontierMs || c.nWaiting > 0;
    const own = findSlot(c, tickMs);
    if (skipped && own === null && open && prev !== null && prev.unresolved > 0) prev.lastTickMs = tickMs;
    else c.cur = own ?? (open ? openSlot(c, tickMs) : null);
    c.curDone = c.cur === null || c.cur.unresolved === 0;
    skipped = (ticks[c.pk + 1] ?? Number.POSITIVE_INFINITY) < t;
    if (skipped) leaveSpan(c); // no price in its span
  }
}

/** The slot holding tick `tickMs` if there is one. */
function findSlot(c: FillLagCounter, tickMs: number): TickSlot | null {
  const last = c.slots[c.slots.length - 1];
  if (last === undefined || last.lastTickMs < tickMs) return null; // the usual case: a tick after every slot
  const slot = last.tickMs <= tickMs ? last : c.slots[firstSlotFrom(c.slots, tickMs)];
  return slot !== undefined && slot.tickMs <= tickMs ? slot : null;
}

/** Leaves the current tick's span: each symbol still without a close after it waits from it on, unless it already waits from an earlier tick. */
function leaveSpan(c: FillLagCounter): void {
  const slot = c.cur;
  if (slot === null || slot.unresolved === 0) return;
  const since = c.waitingSinceMs;
  for (let s = 0; s < c.nSymbols; s++) {
    if (Number.isNaN(slot.nextCloseMs[s] as number) && Number.isNaN(since[s] as number)) {
      since[s] = slot.tickMs;
      c.nWaiting++;
    }
  }
}

/**
 * Returns the count once the run has pulled every row up to its end: a finding whose symbol had
 * no close after its tick in the run was never held by the book.
 */
export function finishFillLag(c: FillLagCounter): FillLag {
  c.frontierMs = Number.POSITIVE_INFINITY;
  for (const slot of c.slots) countAndFree(c, slot);
  c.slots.length = 0;
  return { live: c.live, beforeFill: c.beforeFill, medianHorizonHours: medianOfCounts(c.horizons), medianLagHours: medianOfCounts(c.lags) };
}
