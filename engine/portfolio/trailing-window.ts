/**
 * Per symbol, the last N close-to-close returns and the last N traded values (close x volume)
 * known so far: the sigma and ADV of the impact term. Rings of N per symbol in two flat
 * typed arrays, updated in O(1) per bar; read in O(N) per fill, oldest first (fixed
 * summation order). Only bars at or before the fill have been pushed: no look-ahead.
 */

/** Mutable kernel state: rings of `n` slots per symbol. A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class TrailingWindow {
  readonly n: number;
  readonly ret: Float64Array;
  readonly value: Float64Array;
  /** Returns and values pushed so far, per symbol (the ring slot is count mod n). */
  readonly nRet: Float64Array;
  readonly nValue: Float64Array;
  readonly prevClose: Float64Array;

  constructor(nSymbols: number, n: number) {
    this.n = n;
    this.ret = new Float64Array(nSymbols * n);
    this.value = new Float64Array(nSymbols * n);
    this.nRet = new Float64Array(nSymbols);
    this.nValue = new Float64Array(nSymbols);
    this.prevClose = new Float64Array(n > 0 ? nSymbols : 0).fill(Number.NaN);
  }
}

/** Returns empty rings of `n` slots for nSymbols symbols (n = 0: nothing is kept). */
export function newTrailingWindow(nSymbols: number, n: number): TrailingWindow {
  return new TrailingWindow(nSymbols, n);
}

/** Pushes symbol s's bar: its return from the previous close, and close x volume when volume is known. */
export function pushBar(w: TrailingWindow, s: number, close: number, volume: number): void {
  const n = w.n;
  if (n === 0) return;
  const prev = w.prevClose[s] as number;
  if (!Number.isNaN(prev)) {
    const k = w.nRet[s] as number;
    w.ret[s * n + (k % n)] = close / prev - 1;
    w.nRet[s] = k + 1;
  }
  w.prevClose[s] = close;
  if (volume >= 0) {
    const k = w.nValue[s] as number;
    w.value[s * n + (k % n)] = close * volume;
    w.nValue[s] = k + 1;
  }
}

/**
 * Returns the sample standard deviation (n - 1) of symbol s's last N returns; NaN until N are
 * known. A stdev of a few returns is no estimate of sigma (two equal returns give 0, so no
 * impact): sigma waits for a full window, as a rolling stdev with min_periods = window does.
 */
export function trailingSigma(w: TrailingWindow, s: number): number {
  const n = w.n;
  const k = w.nRet[s] as number;
  if (!hasFullReturns(w, s)) return Number.NaN;
  const first = k - n;
  let sum = 0;
  for (let j = first; j < k; j++) sum += w.ret[s * n + (j % n)] as number;
  const mean = sum / n;
  let ss = 0;
  for (let j = first; j < k; j++) {
    const d = (w.ret[s * n + (j % n)] as number) - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1));
}

/** Returns whether symbol s has N returns in its window (trailingSigma is defined); false when nothing is kept (N = 0). */
export function hasFullReturns(w: TrailingWindow, s: number): boolean {
  return w.n >= 2 && (w.nRet[s] as number) >= w.n;
}

/** Returns the mean traded value (close x volume, currency) of symbol s's last min(N, known) bars with a volume; NaN with none. */
export function trailingAdv(w: TrailingWindow, s: number): number {
  const n = w.n;
  const k = w.nValue[s] as number;
  const m = Math.min(n, k);
  if (m < 1) return Number.NaN;
  let sum = 0;
  for (let j = k - m; j < k; j++) sum += w.value[s * n + (j % n)] as number;
  return sum / m;
}
