import { newSortedWindow, newSortedWindowScratch, type SortedWindow, type SortedWindowScratch } from '../../modules/cvar/sorted-window.js';
import { slidingCvarBps } from '../../modules/cvar/sliding-cvar.js';
import { newWindowCandidates, type WindowCandidates } from '../../modules/cvar/window-candidates.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/** The CVaR stage's buffers: one sorted window and one candidate set per slot (carried from tick to tick) and this tick's result (a class, not a literal: see RunState). */
export class CvarScratch {
  readonly windows: SortedWindow[];
  readonly candidates: WindowCandidates[];
  readonly sort: SortedWindowScratch;
  /** CVaR per class (what the allocator reads) and of the unclassified agents. */
  readonly byClass: Float64Array;
  unclassified: number;

  constructor(classes: number) {
    this.windows = Array.from({ length: classes + 1 }, () => newSortedWindow());
    this.candidates = Array.from({ length: classes + 1 }, () => newWindowCandidates());
    this.sort = newSortedWindowScratch();
    this.byClass = new Float64Array(classes);
    this.unclassified = Number.NaN;
  }
}

/** Returns the CVaR stage's scratch for this run. */
export function newCvarScratch(data: RunData): CvarScratch {
  return new CvarScratch(data.strategies.length);
}

/**
 * Returns CVaR of pnl_error_bps per strategy class over the trailing window ending at t,
 * at most cvar.max_outcomes most recent outcomes per class (slot nClasses holds the
 * unclassified agents). The cap bounds a tick's cost on dense data: CVaR95 of 5,000
 * outcomes already rests on 250 tail points. Evicts outcomes older than the window and
 * compacts each class buffer once its dead prefix is large, so memory follows the cap.
 * Each slot's window is kept sorted from tick to tick while it moves little, else VaR comes by
 * selection (engine/modules/cvar/sliding-cvar.ts); the tail mean sums the values below VaR in
 * window (time) order, as the reference strategyCvar does, so the value is the reference's.
 * The result is the scratch's: valid until the next evaluated tick.
 */
export function computeStrategyCvar(st: RunState, data: RunData, cfg: RunConfig, t: number): CvarScratch {
  const nSlots = data.strategies.length + 1;
  const start = t - cfg.cvar.windowMs;
  const c = st.cvarCache;
  const out = st.scratch.cvar;
  for (let k = 0; k < nSlots; k++) {
    const ts = st.cvarTs[k] as RunState['cvarTs'][number];
    const val = st.cvarVal[k] as RunState['cvarVal'][number];
    let front = st.cvarFront[k] as number;
    while (front < ts.length && (ts.data[front] as number) <= start) front++;
    const n = Math.min(cfg.cvar.maxOutcomes, ts.length - front);
    // The window is the last n values ending at the slot's absolute end: the same pair
    // (end, n) means the same values, so the last result stands (exact, and cheap on sparse data).
    const end = (c.shifted[k] as number) + ts.length;
    let value: number;
    if (c.valid[k] === 1 && c.end[k] === end && c.n[k] === n) value = c.value[k] as number;
    else {
      value = slidingCvarBps(out.windows[k] as SortedWindow, out.candidates[k] as WindowCandidates, val.data, c.shifted[k] as number, end - n, end, cfg.cvar.level, cfg.cvar.minN, out.sort);
      c.valid[k] = 1;
      c.end[k] = end;
      c.n[k] = n;
      c.value[k] = value;
    }
    // Compact after the window moved (it reads the values that left from the buffer). Nothing
    // before `keep` is read again: the window's start, max(front, length - max_outcomes), only
    // moves forward, and an older value leaving the time window cannot change n while
    // max_outcomes newer ones remain. So memory follows max_outcomes, not the window's density.
    const keep = Math.max(front, ts.length - cfg.cvar.maxOutcomes);
    if (keep > 4096 && keep * 2 > ts.length) {
      ts.data.copyWithin(0, keep, ts.length);
      val.data.copyWithin(0, keep, val.length);
      ts.length -= keep;
      val.length -= keep;
      c.shifted[k] = (c.shifted[k] as number) + keep;
      front = 0;
    }
    st.cvarFront[k] = front;
    if (k < nSlots - 1) out.byClass[k] = value;
    else out.unclassified = value;
  }
  return out;
}

/** Returns the earliest time at which an outcome leaves some class's CVaR window (Infinity if none). */
export function nextCvarExpiryMs(st: RunState, cfg: RunConfig): number {
  let next = Number.POSITIVE_INFINITY;
  for (let k = 0; k < st.cvarTs.length; k++) {
    const ts = st.cvarTs[k] as RunState['cvarTs'][number];
    const front = st.cvarFront[k] as number;
    if (front < ts.length) next = Math.min(next, (ts.data[front] as number) + cfg.cvar.windowMs);
  }
  return next;
}
