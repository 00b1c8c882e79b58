/**
 * Strategy CVaR (engine/modules/cvar/strategy-cvar.ts's convention) over a sliding window kept
 * sorted from one evaluation to the next: VaR is a lookup in the sorted window and the tail
 * mean sums the values below it in window (time) order, as the reference does, so the result
 * is the reference's, bit for bit (for a VaR of zero, up to the sign of that zero: the
 * reference's selection returns whichever zero it meets).
 */
import { slideSortedWindow, sortedQuantileType7, type SortedWindow, type SortedWindowScratch } from './sorted-window.js';

/**
 * Moves `w` to positions lo .. end - 1 of the sequence (position i's value is
 * values[i - shift]) and returns that window's CVaR at `level` (a fraction in (0, 1)): the
 * mean of the values strictly below VaR, VaR when none is, NaN under minN values.
 */
export function slidingCvarBps(w: SortedWindow, values: Float64Array, shift: number, lo: number, end: number, level: number, minN: number, sc: SortedWindowScratch): number {
  slideSortedWindow(w, values, shift, lo, end, sc);
  const n = end - lo;
  if (n === 0 || n < minN) return Number.NaN;
  const v = sortedQuantileType7(w, 1 - level);
  let sum = 0;
  let m = 0;
  for (let i = lo - shift; i < end - shift; i++) {
    const x = values[i] as number;
    if (x < v) {
      sum += x;
      m += 1;
    }
  }
  return m === 0 ? v : sum / m;
}
