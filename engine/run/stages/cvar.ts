import { strategyCvar } from '../../modules/cvar/strategy-cvar.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/**
 * Returns CVaR of pnl_error_bps per strategy class over the trailing window ending at t,
 * at most cvar.max_outcomes most recent outcomes per class (slot nClasses holds the
 * unclassified agents). The cap bounds a tick's cost on dense data: CVaR95 of 5,000
 * outcomes already rests on 250 tail points. Evicts outcomes older than the window and
 * compacts each class buffer once its dead prefix is large, so memory follows the window.
 */
export function computeStrategyCvar(st: RunState, data: RunData, cfg: RunConfig, t: number): { byClass: Float64Array; unclassified: number } {
  const nSlots = data.strategies.length + 1;
  const start = t - cfg.cvar.windowMs;
  const out = new Float64Array(nSlots);
  const c = st.cvarCache;
  for (let k = 0; k < nSlots; k++) {
    const ts = st.cvarTs[k] as RunState['cvarTs'][number];
    const val = st.cvarVal[k] as RunState['cvarVal'][number];
    let front = st.cvarFront[k] as number;
    while (front < ts.length && (ts.data[front] as number) <= start) front++;
    if (front > 4096 && front * 2 > ts.length) {
      ts.data.copyWithin(0, front, ts.length);
      val.data.copyWithin(0, front, val.length);
      ts.length -= front;
      val.length -= front;
      c.shifted[k] = (c.shifted[k] as number) + front;
      front = 0;
    }
    st.cvarFront[k] = front;
    const n = Math.min(cfg.cvar.maxOutcomes, ts.length - front);
    // The window is the last n values ending at the slot's absolute end: the same pair
    // (end, n) means the same values, so the last result stands (exact, and cheap on sparse data).
    const end = (c.shifted[k] as number) + ts.length;
    if (c.valid[k] === 1 && c.end[k] === end && c.n[k] === n) {
      out[k] = c.value[k] as number;
      continue;
    }
    const offsets = Int32Array.of(0, n);
    const r = strategyCvar(val.data.subarray(val.length - n, val.length), offsets, cfg.cvar.level, cfg.cvar.minN);
    out[k] = r.cvarBps[0] as number;
    c.valid[k] = 1;
    c.end[k] = end;
    c.n[k] = n;
    c.value[k] = out[k] as number;
  }
  return { byClass: out.subarray(0, nSlots - 1), unclassified: out[nSlots - 1] as number };
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
