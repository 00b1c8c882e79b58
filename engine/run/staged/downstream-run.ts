import { assert } from '../../core/errors.js';
import { MS } from '../../core/time.js';
import { tickTimes } from '../../clock/schedule.js';
import { nextDueMs, popDue, pushPending, release } from '../pending-findings.js';
import { replayPriceBlock } from './replay-price-block.js';
import { proposeTargets } from '../stages/targets.js';
import { rebalance } from '../stages/rebalance.js';
import { applyUpstream } from './apply-upstream.js';
import type { UpstreamTape } from './upstream-tape.js';
import { newRunState, type RunState } from '../state.js';
import { finishVectorTape, newVectorTapeRecorder, pushTickVector, repeatTickVector, copyTickVector, type VectorTapeRecorder } from './vector-tape.js';
import { finishPairsTape, newPairsTapeRecorder, pushTickPairs, type PairsTapeRecorder } from './pairs-tape.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunCounters, RunOutcome } from '../run.js';
import type { EventSpill } from '../../events/log.js';

/**
 * Replays only the downstream stages of a run over an upstream tape (engine/run/upstream-tape.ts):
 * the live set of pending findings, targets (stage 5), rebalance (6) and the portfolio (7), on
 * the same virtual clock as run.ts (prices, findings, reconciliations, ticks at equal times).
 * `cfg` may differ from the taped run's only in what the downstream reads (targets.*, governor,
 * costs, initial capital: engine/sweep/stage-key.ts); every output then equals a full run of
 * `cfg`, byte for byte (test/engine/run/downstream-run.test.ts). The returned state carries the
 * tape's upstream results (statuses, multipliers, weights, kills; the merged event log and
 * weights rows when the tape has rows). With `recordProposals`, `tape` is the input tape with
 * this configuration's proposals (for replays that differ from it only in governor, costs, capital)
 * and, in default mode, the targets stage's pairs when the input tape has none (an allocation
 * replay's: allocation-replay.ts), from which other targets settings fill their proposals.
 * `spill`: where the replay's own event log goes, as RunControl.spill (absent: it stays in
 * memory, and is merged with the tape's rows when the tape has them).
 */
export function runDownstream(data: RunData, cfg: RunConfig, upstream: UpstreamTape, recordProposals = false, spill?: EventSpill): { readonly outcome: RunOutcome; readonly tape: UpstreamTape } {
  assert(data.stream === undefined, 'a downstream replay reads in-memory data');
  assert(spill === undefined || upstream.rows === null, 'a replay merges the tape rows into an in-memory log only');
  const st = newRunState(data, cfg, spill, 'replay');
  const ticks = tickTimes(cfg.startMs, cfg.endMs, cfg.cadenceMs, cfg.tickOffsetMs);
  assert(upstream.nAgents === data.agents.length && upstream.nTicks === ticks.length, 'the tape comes from a run over the same data and ticks');
  const counters: RunCounters = { prices: 0, findings: 0, reconciliations: 0, ticks: 0, fills: 0 };
  const rec = recordProposals ? newVectorTapeRecorder(data.symbols.length) : null;
  const pairs = recordProposals && cfg.mode !== 'seed' && upstream.pairs === null ? newPairsTapeRecorder() : null;
  replayLoop(st, data, cfg, upstream, ticks, counters, rec, pairs);
  const outcome = { state: applyUpstream(st, upstream, data), counters, ticksMs: ticks, snapshot: null };
  if (rec === null) return { outcome, tape: upstream };
  return { outcome, tape: { ...upstream, proposals: finishVectorTape(rec), pairs: pairs === null ? upstream.pairs : finishPairsTape(pairs) } };
}

/** The merge loop of run.ts with the upstream stages replaced by the tape. */
function replayLoop(st: RunState, data: RunData, cfg: RunConfig, tape: UpstreamTape, ticks: Float64Array, counters: RunCounters, rec: VectorTapeRecorder | null, pairs: PairsTapeRecorder | null): void {
  const P = data.prices;
  const F = data.findings;
  const pend = st.pending;
  const nA = tape.nAgents;
  const fillSyms = new Int32Array(data.symbols.length);
  const next = new Float64Array(data.symbols.length);
  const weights = new Float64Array(nA);
  const INF = Number.POSITIVE_INFINITY;
  const END = cfg.endMs;
  let pi = 0;
  let fi = 0;
  let ti = 0;
  let row = -1;
  // The proposal is a pure function of the live findings and the final weights: recompute it only when either changed.
  let proposal: Float64Array | null = null;
  let stale = true;
  for (;;) {
    const tP = pi < P.n ? (P.tsMs[pi] as number) : INF;
    const tF = fi < F.n ? (F.tsMs[fi] as number) : INF;
    const tR = nextDueMs(pend);
    const tT = ti < ticks.length ? (ticks[ti] as number) : INF;
    const t = Math.min(tP, tF, tR, tT);
    if (t === INF || t > END) break;
    if (tP === t) {
      pi = replayPriceBlock(st, cfg, P, pi, t, fillSyms, counters);
      continue;
    }
    if (tF === t) {
      fi = pushFindings(st, cfg, F, fi, t, counters);
      stale = true;
      continue;
    }
    if (tR === t) {
      while (nextDueMs(pend) === t) {
        release(pend, popDue(pend));
        counters.reconciliations++;
      }
      stale = true;
      continue;
    }
    const r = tape.weights.tickRow[ti] as number;
    if (r !== row) {
      copyTickVector(tape.weights, ti, weights);
      row = r;
      stale = true;
    }
    const evaluated = stale || proposal === null;
    if (stale || proposal === null) {
      proposal = proposeTargets(st, data, cfg, weights);
      stale = false;
      st.skip.evaluated++;
    } else st.skip.skipped++;
    if (rec !== null) {
      if (evaluated) pushTickVector(rec, proposal);
      else repeatTickVector(rec); // the proposal as the last tick left it
    }
    if (pairs !== null) pushTickPairs(pairs, st.scratch.targets.fill, evaluated);
    rebalance(st, data, cfg, proposal, next, t);
    ti++;
    counters.ticks++;
  }
}

/** Adds every finding at t from row `fi` on to the live set, as run.ts does (its horizon, entry close, due time); returns the next row. */
function pushFindings(st: RunState, cfg: RunConfig, F: RunData['findings'], fi: number, t: number, counters: RunCounters): number {
  const defaultHorizonHours = cfg.defaultHorizonMs / MS.hour;
  let i = fi;
  while (i < F.n && F.tsMs[i] === t) {
    const s = F.symbolId[i] as number;
    const h = F.horizonHours[i] as number;
    const dueMs = t + (Number.isNaN(h) ? cfg.defaultHorizonMs : h * MS.hour);
    pushPending(st.pending, F.agentId[i] as number, s, F.confidence[i] as number, F.severityMult[i] as number, F.direction[i] as number, Number.isNaN(h) ? defaultHorizonHours : h, st.portfolio.lastClose[s] as number, dueMs);
    i++;
  }
  counters.findings += i - fi;
  return i;
}
