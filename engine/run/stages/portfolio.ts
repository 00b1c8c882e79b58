import { appendEvent, appendFillBlock } from '../../events/log.js';
import { pushFill } from '../../events/fill-table.js';
import { pushF64 } from '../../core/growable.js';
import { blockBuyScale, fillPending, markToMarket, NO_FILL } from '../../portfolio/portfolio.js';
import type { RunConfig } from '../config.js';
import type { RunState } from '../state.js';

/**
 * Stage 7, portfolio: after a block of closes at t has been marked, fills the symbols in
 * `fillSyms[0..nFill)` that have a pending target at those closes (the latest target set
 * before t, never a cancelled one), its buys scaled down when the block's cash would not pay for
 * them (blockBuyScale: the book never borrows), then records equity and gross exposure (at
 * closes after the run's start). Returns the fills.
 */
export function settlePriceBlock(st: RunState, cfg: RunConfig, t: number, fillSyms: Int32Array, nFill: number): number {
  const port = st.portfolio;
  let equity = markToMarket(port);
  let fills = 0;
  if (nFill > 0) {
    // an in-memory log holds the block's fill rows as one row, their values in its fill table
    const log = st.log;
    const block = log.sink === null;
    const first = log.fills.length;
    const buyScale = blockBuyScale(port, fillSyms, nFill, equity);
    for (let k = 0; k < nFill; k++) {
      const s = fillSyms[k] as number;
      const cost = fillPending(port, s, equity, buyScale);
      if (cost !== NO_FILL) {
        if (block) pushFill(log.fills, s, port.qty[s] as number, port.lastClose[s] as number, cost);
        else appendEvent(log, 'fill', t, -1, s, -1, port.qty[s] as number, port.lastClose[s] as number, cost);
        fills++;
      }
    }
    if (block) appendFillBlock(log, t, first, fills);
    equity = markToMarket(port);
  }
  if (equity > st.peakEquity) st.peakEquity = equity;
  // The curve starts from the initial capital at the run's start (its base, bt.initial_equity):
  // a close at the start itself adds no period (nothing can fill before the start's tick, so
  // its point would be the initial capital again, a zero-length period counted as a whole one).
  if (t > cfg.startMs) {
    pushF64(st.out.equityTs, t);
    pushF64(st.out.equity, equity);
    pushF64(st.out.gross, equity !== 0 ? port.holdings / equity : 0);
  }
  return fills;
}
