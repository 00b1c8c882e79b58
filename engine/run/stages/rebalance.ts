import { appendEvent, appendTargetsBlock, holdsTargetBlocks } from '../../events/log.js';
import { shouldReallocate } from '../../modules/governor/reallocation.js';
import { setTargets } from '../../portfolio/portfolio.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';
import { pushTargetRow } from '../target-rows.js';

/** Why a tick ended: new targets set, or held by the guardian or the reallocation threshold. */
export type TickOutcome = 'targets_set' | 'guardian_paused' | 'below_threshold';

/**
 * Stage 6, the governor's rebalance (seed 002): the regime multiplier, the guardian's pause on
 * portfolio drawdown, and the reallocation threshold decide whether the proposed targets
 * replace the portfolio's. Reads the proposal and today's equity; writes `next` (the proposed
 * targets after the regime multiplier and the symbol cap) and returns how the tick ended.
 * It runs at every tick, evaluated or skipped: it is what the price path can change.
 */
export function rebalance(st: RunState, data: RunData, cfg: RunConfig, proposal: Float64Array, next: Float64Array, t: number): TickOutcome {
  const regime = regimeAt(data, cfg, t);
  // The symbol cap is a promise in both modes: seed 000's renormalization (x * (1 - cash) / sum x)
  // can land one ulp above it, so the run clamps (the seed module itself stays bit-exact for parity).
  const cap = cfg.targets.maxSymbolWeight;
  for (let s = 0; s < next.length; s++) next[s] = Math.min(cap, (proposal[s] as number) * regime);
  if (guardianHolds(st, cfg, t)) {
    appendEvent(st.log, 'rebalance_skipped', t, -1, -1, -1, Number.NaN, Number.NaN, Number.NaN, 'guardian paused');
    return 'guardian_paused';
  }
  const prevTargets = st.hasTargets ? st.portfolio.target : null;
  if (!shouldReallocate(prevTargets, next, cfg.governor.reallocationThreshold, cfg.mode)) {
    let maxChange = 0;
    for (let s = 0; s < next.length; s++) maxChange = Math.max(maxChange, Math.abs((next[s] as number) - (st.portfolio.target[s] as number)));
    appendEvent(st.log, 'rebalance_skipped', t, -1, -1, -1, maxChange, Number.NaN, Number.NaN, 'below reallocation threshold');
    return 'below_threshold';
  }
  let turnover = 0;
  const rows = cfg.targetRows;
  // where the target rows stay in memory, the log's targets_set rows are one block pointing at them
  const block = rows && holdsTargetBlocks(st.log, st.out);
  const first = st.out.targetTs.length;
  for (let s = 0; s < next.length; s++) {
    const w = next[s] as number;
    const old = st.portfolio.target[s] as number;
    turnover += Math.abs(w - old);
    if (w !== 0 || old !== 0) {
      if (!block) appendEvent(st.log, 'targets_set', t, -1, s, -1, w);
      if (rows) pushTargetRow(st.out, t, s, w);
    }
  }
  if (block) appendTargetsBlock(st.log, t, st.out, first, st.out.targetTs.length - first);
  st.out.rebalances += 1;
  st.out.turnoverWeights += turnover;
  setTargets(st.portfolio, next);
  st.hasTargets = true;
  return 'targets_set';
}

/** Returns the regime multiplier in force at t (the last one at or before t; the default before the first). */
export function regimeAt(data: RunData, cfg: RunConfig, t: number): number {
  const r = data.regime;
  if (r === null || r.tsMs.length === 0 || (r.tsMs[0] as number) > t) return cfg.governor.regimeDefault;
  let lo = 0;
  let hi = r.tsMs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((r.tsMs[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return r.multiplier[lo] as number;
}

/** Updates the guardian from the portfolio drawdown; returns true while it holds targets. */
function guardianHolds(st: RunState, cfg: RunConfig, t: number): boolean {
  const g = cfg.governor.guardian;
  if (!g.enabled) return false;
  const equity = st.portfolio.cash + st.portfolio.holdings;
  const dd = st.peakEquity > 0 ? 1 - equity / st.peakEquity : 0;
  if (!st.guardianPaused && dd > g.pauseDrawdown) {
    st.guardianPaused = true;
    appendEvent(st.log, 'guardian_paused', t, -1, -1, -1, dd);
  } else if (st.guardianPaused && dd < g.resumeDrawdown) {
    st.guardianPaused = false;
    appendEvent(st.log, 'guardian_resumed', t, -1, -1, -1, dd);
  }
  return st.guardianPaused;
}

