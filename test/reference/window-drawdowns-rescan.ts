// The plain rescan of the long window's drawdowns (what a run computed each evaluated tick before
// engine/modules/stats/window-drawdown.ts), kept as the reference that module must equal bit for
// bit: test/engine/modules/stats/window-drawdown.test.ts and outcome-window.test.ts.
import { sumOf, SUM, type OutcomeStats } from '../../engine/modules/stats/outcome-window.js';

/**
 * Returns per-agent max drawdown (bps, <= 0) of cumulative pnl inside the long window; NaN
 * without outcomes. The plain rescan of the whole window in log order: the reference that
 * window-drawdown.ts (what a run reads each tick, from per-agent copies) is tested against.
 */
export function windowDrawdowns(s: OutcomeStats): Float64Array {
  const dd = new Float64Array(s.nAgents);
  const cum = new Float64Array(s.nAgents);
  const peak = new Float64Array(s.nAgents);
  const cap = s.logAgent.length;
  for (let i = s.longFront; i < s.logEnd; i++) {
    const a = s.logAgent[i % cap] as number;
    const c = (cum[a] as number) + (s.logPnl[i % cap] as number);
    cum[a] = c;
    if (c > (peak[a] as number)) peak[a] = c;
    if (c - (peak[a] as number) < (dd[a] as number)) dd[a] = c - (peak[a] as number);
  }
  for (let a = 0; a < s.nAgents; a++) if (sumOf(s, a, SUM.lCount) === 0) dd[a] = Number.NaN;
  return dd;
}
