import { markClose, markCloseTime } from '../../portfolio/portfolio.js';
import { settlePriceBlock } from '../stages/portfolio.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunCounters } from '../run.js';
import type { RunState } from '../state.js';

/**
 * A replay's price block at t (downstream-run.ts, portfolio-replay.ts), as run.ts does it: marks
 * every close at t from row `pi` on, then fills the pending targets at these closes and records
 * equity (stage 7). `fillSyms` is scratch of one slot per symbol. Returns the next price row.
 */
export function replayPriceBlock(st: RunState, cfg: RunConfig, P: RunData['prices'], pi: number, t: number, fillSyms: Int32Array, counters: RunCounters): number {
  const port = st.portfolio;
  let nFill = 0;
  let i = pi;
  while (i < P.n && P.tsMs[i] === t) {
    const s = P.symbolId[i] as number;
    markClose(port, s, P.close[i] as number, P.volume === undefined ? Number.NaN : (P.volume[i] as number), P.spreadBps === undefined ? Number.NaN : (P.spreadBps[i] as number));
    markCloseTime(port, s, t);
    if (!Number.isNaN(port.pending[s] as number)) fillSyms[nFill++] = s;
    i++;
  }
  counters.prices += i - pi;
  counters.fills += settlePriceBlock(st, cfg, t, fillSyms, nFill);
  return i;
}
