import { assert } from '../../core/errors.js';
import { tickTimes } from '../../clock/schedule.js';
import { replayPriceBlock } from './replay-price-block.js';
import { rebalance } from '../stages/rebalance.js';
import { applyUpstream } from './apply-upstream.js';
import type { UpstreamTape } from './upstream-tape.js';
import { newRunState } from '../state.js';
import { copyTickVector } from './vector-tape.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunCounters, RunOutcome } from '../run.js';

/**
 * Replays only the rebalance (stage 6) and portfolio (stage 7) stages over a tape that carries
 * the targets stage's proposal at each tick: prices and ticks on the clock of run.ts (the price
 * block at t before the tick at t), nothing per finding. `cfg` may differ from the run that
 * recorded the proposals only in governor, costs and initial capital (engine/sweep/stage-key.ts:
 * the same targets settings); every output then equals a full run of `cfg`
 * (test/engine/run/downstream-run.test.ts).
 */
export function runPortfolioReplay(data: RunData, cfg: RunConfig, tape: UpstreamTape): RunOutcome {
  assert(data.stream === undefined, 'a portfolio replay reads in-memory data');
  const proposals = tape.proposals;
  assert(proposals !== null, 'a portfolio replay needs a tape with proposals');
  const st = newRunState(data, cfg);
  const ticks = tickTimes(cfg.startMs, cfg.endMs, cfg.cadenceMs);
  assert(tape.nTicks === ticks.length && proposals.width === data.symbols.length, 'the tape comes from a run over the same data and ticks');
  const counters: RunCounters = { prices: 0, findings: tape.findings, reconciliations: tape.reconciliations, ticks: 0, fills: 0 };
  const P = data.prices;
  const fillSyms = new Int32Array(data.symbols.length);
  const next = new Float64Array(data.symbols.length);
  const proposal = new Float64Array(data.symbols.length);
  let row = -1;
  const INF = Number.POSITIVE_INFINITY;
  let pi = 0;
  let ti = 0;
  for (;;) {
    const tP = pi < P.n ? (P.tsMs[pi] as number) : INF;
    const tT = ti < ticks.length ? (ticks[ti] as number) : INF;
    const t = Math.min(tP, tT);
    if (t === INF || t > cfg.endMs) break;
    if (tP === t) {
      pi = replayPriceBlock(st, cfg, P, pi, t, fillSyms, counters);
      continue;
    }
    const r = proposals.tickRow[ti] as number;
    if (r !== row) {
      copyTickVector(proposals, ti, proposal);
      row = r;
    }
    rebalance(st, data, cfg, proposal, next, t);
    ti++;
    counters.ticks++;
  }
  return { state: applyUpstream(st, tape), counters, ticksMs: ticks, snapshot: null };
}
