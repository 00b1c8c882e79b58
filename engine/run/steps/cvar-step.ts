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
  const offsets = new Int32Array(nSlots + 1);
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
      front = 0;
    }
    st.cvarFront[k] = front;
    offsets[k + 1] = (offsets[k] as number) + Math.min(cfg.cvar.maxOutcomes, ts.length - front);
  }
  const values = new Float64Array(offsets[nSlots] as number);
  for (let k = 0; k < nSlots; k++) {
    const val = st.cvarVal[k] as RunState['cvarVal'][number];
    const n = (offsets[k + 1] as number) - (offsets[k] as number);
    values.set(val.data.subarray(val.length - n, val.length), offsets[k] as number);
  }
  const r = strategyCvar(values, offsets, cfg.cvar.level, cfg.cvar.minN);
  return { byClass: r.cvarBps.subarray(0, nSlots - 1), unclassified: r.cvarBps[nSlots - 1] as number };
}
