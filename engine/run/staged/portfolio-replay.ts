import { assert } from '../../core/errors.js';
import { tickTimes } from '../../clock/schedule.js';
import { replayPriceBlock } from './replay-price-block.js';
import { rebalance } from '../stages/rebalance.js';
import { applyUpstream } from './apply-upstream.js';
import type { UpstreamTape } from './upstream-tape.js';
import { newRunState } from '../state.js';
import { copyTickVector } from './vector-tape.js';
import { loadTickPairs } from './pairs-tape.js';
import { fillPairs, newProgressiveFillScratch } from '../../modules/targets/progressive-fill.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunCounters, RunOutcome } from '../run.js';
import type { EventSpill } from '../../events/log.js';

/**
 * Replays only the rebalance (stage 6) and portfolio (stage 7) stages over a tape that carries
 * the targets stage's proposal at each tick: prices and ticks on the clock of run.ts (the price
 * block at t before the tick at t), nothing per finding. `cfg` may differ from the run that
 * recorded the proposals only in governor, costs and initial capital (engine/sweep/stage-key.ts:
 * the same targets settings); every output then equals a full run of `cfg`
 * (test/engine/run/downstream-run.test.ts). `spill`: where the replay's own event log goes, as
 * RunControl.spill (absent: it stays in memory).
 */
export function runPortfolioReplay(data: RunData, cfg: RunConfig, tape: UpstreamTape, spill?: EventSpill): RunOutcome {
  const proposals = tape.proposals;
  assert(proposals !== null, 'a portfolio replay needs a tape with proposals');
  assert(proposals.width === data.symbols.length, 'the tape comes from a run over the same data');
  const proposal = new Float64Array(data.symbols.length);
  let row = -1;
  return replayPortfolio(data, cfg, tape, spill, (ti) => {
    const r = proposals.tickRow[ti] as number;
    if (r !== row) {
      copyTickVector(proposals, ti, proposal);
      row = r;
    }
    return proposal;
  });
}

/**
 * Replays the targets stage's filling, rebalance and portfolio over a tape that carries the
 * targets stage's pairs at each tick (default mode, pairs-tape.ts): the proposal of `cfg`'s
 * targets settings is filled from the taped pairs when they change, with neither the live
 * findings nor the pairs rebuilt. `cfg` may differ from the taped run's only downstream
 * (targets.*, governor, costs, initial capital); every output then equals a full run of `cfg`
 * (test/engine/run/downstream-run.test.ts). `spill` as runPortfolioReplay's.
 */
export function runTargetsReplay(data: RunData, cfg: RunConfig, tape: UpstreamTape, spill?: EventSpill): RunOutcome {
  const pairs = tape.pairs;
  assert(pairs !== null && cfg.mode !== 'seed', 'a targets replay needs a default-mode tape with pairs');
  const scratch = newProgressiveFillScratch(data.agents.length, data.symbols.length);
  let proposal = scratch.symbolWeight;
  let row = -1;
  return replayPortfolio(data, cfg, tape, spill, (ti) => {
    const r = pairs.tickRow[ti] as number;
    if (r !== row) {
      loadTickPairs(pairs, r, scratch);
      proposal = fillPairs(scratch, cfg.targets).symbolWeight;
      row = r;
    }
    return proposal;
  });
}

/** The clock of run.ts over prices and ticks only; `proposalAt(tick index)` gives each tick's proposal. */
function replayPortfolio(data: RunData, cfg: RunConfig, tape: UpstreamTape, spill: EventSpill | undefined, proposalAt: (ti: number) => Float64Array): RunOutcome {
  assert(data.stream === undefined, 'a portfolio replay reads in-memory data');
  assert(spill === undefined || tape.rows === null, 'a replay merges the tape rows into an in-memory log only');
  const st = newRunState(data, cfg, spill, 'replay');
  const ticks = tickTimes(cfg.startMs, cfg.endMs, cfg.cadenceMs, cfg.tickOffsetMs);
  assert(tape.nTicks === ticks.length, 'the tape comes from a run over the same data and ticks');
  const counters: RunCounters = { prices: 0, findings: tape.findings, reconciliations: tape.reconciliations, ticks: 0, fills: 0 };
  const P = data.prices;
  const fillSyms = new Int32Array(data.symbols.length);
  const next = new Float64Array(data.symbols.length);
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
    rebalance(st, data, cfg, proposalAt(ti), next, t);
    ti++;
    counters.ticks++;
  }
  return { state: applyUpstream(st, tape, data), counters, ticksMs: ticks, snapshot: null };
}
