/**
 * Positions whose symbol's closes stopped before the run's last price (a delisting, or a
 * prices file that ends early for one symbol). bt knows no delisting: such a position is
 * marked at its last close to the end, and a fill waiting for it (a sale included) waits for
 * a close that never comes. A symbol that trades less often than others is not one of them:
 * its closes count as stopped only when the time since its last close exceeds the longest
 * gap between two of its closes.
 */
import type { Portfolio } from './portfolio.js';

/** A position held at the end in a symbol whose closes stopped. */
export interface StalePosition {
  readonly symbol: string;
  readonly qty: number;
  /** The last close, at which the position is marked to the end. */
  readonly close: number;
  readonly lastCloseMs: number;
}

/** Returns the positions held at the end whose closes stopped before `lastPriceMs` (the run's last price time), in symbol id order. */
export function stalePositions(p: Portfolio, symbols: readonly string[], lastPriceMs: number): StalePosition[] {
  const out: StalePosition[] = [];
  for (let s = 0; s < p.qty.length; s++) {
    const qty = p.qty[s] as number;
    const last = p.lastCloseMs[s] as number;
    if (qty === 0 || !(last < lastPriceMs)) continue;
    if (lastPriceMs - last > (p.longestCloseGapMs[s] as number)) out.push({ symbol: symbols[s] ?? String(s), qty, close: p.lastClose[s] as number, lastCloseMs: last });
  }
  return out;
}
