import type { OutcomeKeys } from '../../engine/events/event-batches.js';
import type { RunOutcome } from '../../engine/run/run.js';
import { expandedLog } from './expanded-log.js';

/**
 * Everything a run leaves in its state, as plain arrays (the output files are written from
 * these): the event log row by row, the recorded series, kills, the portfolio, statuses,
 * multipliers and counters. Two runs that must agree compare their footprints. `data`: the
 * run's (its outcome blocks expand from it).
 */
export function runFootprint(o: RunOutcome, data: OutcomeKeys): Record<string, unknown> {
  const s = o.state;
  const log = expandedLog(s.log, data);
  const col = (a: ArrayLike<number>): number[] => Array.from(a).slice(0, log.length);
  const out = s.out;
  const g = (x: { data: Float64Array; length: number }): number[] => Array.from(x.data.subarray(0, x.length));
  return {
    log: { kind: col(log.kind), ts: col(log.tsMs), agent: col(log.agent), symbol: col(log.symbol), strategy: col(log.strategy), v1: col(log.v1), v2: col(log.v2), v3: col(log.v3), text: col(log.textId).map((k) => (k < 0 ? null : log.texts[k])) },
    equity: [g(out.equityTs), g(out.equity), g(out.gross)],
    targets: [g(out.targetTs), g(out.targetSymbol), g(out.targetWeight)],
    weights: [g(out.weightTs), g(out.weightAgent), g(out.weightValue), g(out.weightMultiplier)],
    kills: out.kills,
    rebalances: out.rebalances,
    turnover: out.turnoverWeights,
    portfolio: { cash: s.portfolio.cash, qty: Array.from(s.portfolio.qty), target: Array.from(s.portfolio.target), pending: Array.from(s.portfolio.pending) },
    statuses: [Array.from(s.agentStatus), Array.from(s.classStatus)],
    multipliers: Array.from(s.multipliers),
    counters: o.counters,
  };
}
