/**
 * Strategy CVaR (engine/modules/cvar/strategy-cvar.ts's convention) over a sliding window kept
 * sorted from one evaluation to the next: VaR is a lookup in the sorted window and the tail
 * mean sums the values below it in window (time) order, as the reference does, so the result
 * is the reference's, bit for bit (for a VaR of zero, up to the sign of that zero: the
 * reference's selection returns whichever zero it meets).
 */
import { slideSortedWindow, sortedQuantileType7, type SortedWindow, type SortedWindowScratch } from './sorted-window.js';
import { candidateCvarBps, type WindowCandidates } from './window-candidates.js';
import { meanBelow } from './order-statistic.js';

/**
 * Returns the CVaR at `level` (a fraction in (0, 1)) of positions lo .. end - 1 of the sequence
 * (position i's value is values[i - shift]): the mean of the values strictly below VaR, VaR
 * when none is, NaN under minN values. When the window moved by few positions since the last
 * call (at most an eighth of it), `w` is moved and VaR read from it; when it turned over more
 * (dense data: a class's window of max_outcomes renews by half in a day), VaR comes by
 * selection among the window's low values `c` keeps (window-candidates.ts), which is cheaper
 * than sorting the batches, and `w` is rebuilt once the moves are small again. Either way the
 * tail mean is summed in window order, as the reference does.
 */
export function slidingCvarBps(w: SortedWindow, c: WindowCandidates, values: Float64Array, shift: number, lo: number, end: number, level: number, minN: number, sc: SortedWindowScratch): number {
  const n = end - lo;
  const moved = lo - w.lo + (end - w.end);
  if (n > 0 && n >= minN && moved * 8 <= n) {
    slideSortedWindow(w, values, shift, lo, end, sc);
    return meanBelow(values, lo - shift, end - shift, sortedQuantileType7(w, 1 - level));
  }
  // Not kept sorted: the next small move rebuilds it (an empty w is rebuilt whole).
  w.n = 0;
  w.lo = lo;
  w.end = end;
  if (n === 0 || n < minN) return Number.NaN;
  return candidateCvarBps(c, values, shift, lo, end, 1 - level);
}
