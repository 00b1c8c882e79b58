import { appendEvent } from '../../events/log.js';
import { pushF64 } from '../../core/growable.js';
import { expectedPnlBps, realizedPnlBps } from '../../modules/reconcile/reconcile.js';
import { addOutcome } from '../../modules/stats/outcome-window.js';
import { addClassOutcome } from '../../modules/kill/strategy-attribution.js';
import { expectedFor, recordTrainingRow } from '../expectation.js';
import { nextDueMs, popDue, release } from '../pending-findings.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/**
 * Stage 1, outcomes: the pending findings due at t reach their horizon and are reconciled at
 * the latest close, in (due time, emission) order. Each outcome (realized, expected, error)
 * feeds every later stage: the agent's rolling windows, its class's drawdown, the class CVaR
 * buffer, seed decay's rows, the ridge rows. One loop per block of reconciliations with the
 * state's arrays and the scenario's switches read once; returns how many were reconciled.
 */
export function reconcileDue(st: RunState, data: RunData, cfg: RunConfig, t: number): number {
  const p = st.pending;
  // Neither the capacity nor the mode changes while reconciling (only a push does that).
  const mask = p.capacity - 1;
  const inOrder = !p.useHeap;
  const { dueMs, symbol, agent, direction, confidence, severityMult, horizonHours, entryClose, expectedBps, row } = p;
  const lastClose = st.portfolio.lastClose;
  const model = cfg.expectedModel;
  const scoreLinear = model.kind === 'score-linear';
  const seedRows = cfg.mode === 'seed' && cfg.decay.enabled;
  const log = cfg.logOutcomes ? st.log : null;
  const agentStrategy = data.agentStrategy;
  const unclassified = data.strategies.length;
  let n = 0;
  for (;;) {
    let c: number;
    if (inOrder) {
      c = p.dueHead;
      if (c >= p.tail || dueMs[c & mask] !== t) break;
      p.dueHead = c + 1;
    } else {
      if (nextDueMs(p) !== t) break;
      c = popDue(p);
    }
    const k = c & mask;
    const s = symbol[k] as number;
    const a = agent[k] as number;
    const dir = direction[k] as number;
    const conf = confidence[k] as number;
    const sev = severityMult[k] as number;
    const realized = realizedPnlBps(dir, entryClose[k] as number, lastClose[s] as number);
    // score-linear (the default) needs neither the model state nor training rows: no calls.
    let expected: number;
    if (scoreLinear) expected = expectedPnlBps(model, conf, sev);
    else {
      expected = expectedFor(st.expectation, data, cfg, conf, sev, dir, horizonHours[k] as number, a, expectedBps[k] as number);
      recordTrainingRow(st.expectation, data, cfg, conf, sev, dir, horizonHours[k] as number, a, realized);
    }
    const pnlErr = realized - expected;
    const absErr = Math.abs(pnlErr);
    addOutcome(st.outcomes, cfg.stats, a, t, realized, absErr, pnlErr);
    const cls = agentStrategy[a] as number;
    let cvarSlot = unclassified;
    if (cls >= 0) {
      addClassOutcome(st.classAcc, cls, realized);
      cvarSlot = cls;
    }
    pushF64(st.cvarTs[cvarSlot] as RunState['cvarTs'][number], t);
    pushF64(st.cvarVal[cvarSlot] as RunState['cvarVal'][number], pnlErr);
    if (seedRows) recordSeedRow(st, cfg, a, horizonHours[k] as number, absErr, realized);
    if (log !== null) appendEvent(log, 'outcome_reconciled', t, a, s, cls, realized, expected, row[k] as number);
    release(p, c);
    n++;
  }
  return n;
}

/**
 * Keeps the last decay.limit_rows outcomes of the decay's horizon, in order: what the seed's
 * decay re-reads every cycle. Seed 003 filters the whole file on int(horizon_hours) first and
 * then takes recon[-limit_rows:], so other horizons never crowd matching rows out.
 */
function recordSeedRow(st: RunState, cfg: RunConfig, a: number, horizonHours: number, absErr: number, realized: number): void {
  if (Math.trunc(horizonHours) !== Math.trunc(cfg.decay.horizonHours)) return;
  const rows = st.seedRows;
  const slot = rows.head % rows.agentId.length;
  rows.agentId[slot] = a;
  rows.horizonHours[slot] = horizonHours;
  rows.absErr[slot] = absErr;
  rows.realized[slot] = realized;
  rows.head += 1;
}
