import { appendEvent } from '../../events/log.js';
import { pushF64 } from '../../core/growable.js';
import { expectedPnlBps, realizedPnlBps } from '../../modules/reconcile/reconcile.js';
import { addOutcome } from '../../modules/stats/outcome-window.js';
import { addClassOutcome } from '../../modules/kill/strategy-attribution.js';
import { expectedFor, recordTrainingRow } from '../expectation.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/**
 * Stage 1, outcomes: a pending finding reaches its horizon and is reconciled at the latest
 * close. Its outcome (realized, expected, error) feeds every later stage: the agent's rolling
 * windows, its class's drawdown, the class CVaR buffer, seed decay's rows, the ridge rows.
 * `c` is the finding's counter in the pending set.
 */
export function reconcileOne(st: RunState, data: RunData, cfg: RunConfig, c: number, t: number): void {
  const p = st.pending;
  const k = c & (p.capacity - 1);
  const s = p.symbol[k] as number;
  const a = p.agent[k] as number;
  const dir = p.direction[k] as number;
  const conf = p.confidence[k] as number;
  const sev = p.severityMult[k] as number;
  const hours = p.horizonHours[k] as number;
  const realized = realizedPnlBps(dir, p.entryClose[k] as number, st.portfolio.lastClose[s] as number);
  const model = cfg.expectedModel;
  // score-linear (the default) needs neither the model state nor training rows: no calls.
  let expected: number;
  if (model.kind === 'score-linear') expected = expectedPnlBps(model, conf, sev);
  else {
    expected = expectedFor(st.expectation, data, cfg, conf, sev, dir, hours, a, p.expectedBps[k] as number);
    recordTrainingRow(st.expectation, data, cfg, conf, sev, dir, hours, a, realized);
  }
  const pnlErr = realized - expected;
  const absErr = Math.abs(pnlErr);
  addOutcome(st.outcomes, cfg.stats, a, t, realized, absErr, pnlErr);
  const cls = data.agentStrategy[a] as number;
  let cvarSlot = data.strategies.length;
  if (cls >= 0) {
    addClassOutcome(st.classAcc, cls, realized);
    cvarSlot = cls;
  }
  pushF64(st.cvarTs[cvarSlot] as RunState['cvarTs'][number], t);
  pushF64(st.cvarVal[cvarSlot] as RunState['cvarVal'][number], pnlErr);
  if (cfg.mode === 'seed' && cfg.decay.enabled) recordSeedRow(st, cfg, a, hours, absErr, realized);
  if (cfg.logOutcomes) appendEvent(st.log, 'outcome_reconciled', t, a, s, cls, realized, expected, p.row[k] as number);
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
