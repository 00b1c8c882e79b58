import { confidenceMultipliers, updateConfidenceSeedArrays, type DecayParams } from '../../modules/decay/update-confidence.js';
import { countWindowRows } from '../../modules/stats/outcome-window.js';
import { appendEvent } from '../../events/log.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/**
 * Stage 3a, confidence decay: sets this tick's multipliers and logs each joined agent's
 * change (multiplier_updated). Returns how many multipliers changed.
 */
export function updateMultipliers(st: RunState, data: RunData, cfg: RunConfig, t: number): number {
  const next = computeMultipliers(st, data, cfg);
  let changed = 0;
  for (let a = 0; a < next.length; a++) {
    if (next[a] === st.multipliers[a]) continue;
    changed++;
    if (st.agentJoined[a] === 1) appendEvent(st.log, 'multiplier_updated', t, a, -1, data.agentStrategy[a] as number, next[a] as number);
  }
  st.multipliers = next;
  return changed;
}

/**
 * Returns the confidence multipliers at this tick.
 * seed: seed 003 as the live system runs it every cycle: the last limit_rows reconciled
 * rows of the whole log, compounding on the previous multipliers (Q003-1 double counting
 * included). default: recomputed from 1.0 over each agent's recent outcomes (idempotent).
 */
export function computeMultipliers(st: RunState, data: RunData, cfg: RunConfig): Float64Array {
  const params: DecayParams = cfg.decay;
  if (cfg.mode === 'seed') {
    const r = st.seedRows;
    const cap = r.agentId.length;
    const n = Math.min(r.head, cap);
    const start = r.head - n;
    const agentId = new Int32Array(n);
    const horizonHours = new Float64Array(n);
    const absErrorBps = new Float64Array(n);
    const realizedPnlBps = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const k = (start + j) % cap;
      agentId[j] = r.agentId[k] as number;
      horizonHours[j] = r.horizonHours[k] as number;
      absErrorBps[j] = r.absErr[k] as number;
      realizedPnlBps[j] = r.realized[k] as number;
    }
    // Every reconciled row carries the run's horizon: the seed filters on its own constant.
    const seedParams = { ...params, horizonHours: Math.trunc(params.horizonHours) };
    const next = updateConfidenceSeedArrays({ n, agentId, horizonHours, absErrorBps, realizedPnlBps }, st.multipliers, seedParams);
    for (let a = 0; a < next.length; a++) if (Number.isNaN(next[a] as number)) next[a] = 1;
    return next;
  }
  // Default decay is a pure function of an agent's count-window rows: recompute only the
  // agents with a new outcome since the last tick (exact, and most ticks on sparse data).
  const nA = data.agents.length;
  const seen = st.decaySeenCount;
  const dirty = new Uint8Array(nA);
  let nDirty = 0;
  for (let a = 0; a < nA; a++) {
    if ((st.outcomes.ringCount[a] as number) !== (seen[a] as number) || !st.decayComputed) {
      dirty[a] = 1;
      nDirty++;
    }
  }
  const next = Float64Array.from(st.multipliers);
  if (nDirty === 0) return next;
  const rows = countWindowRows(st.outcomes, dirty);
  const fresh = confidenceMultipliers({ nAgents: nA, offsets: rows.offsets, absErrorBps: rows.absErrBps, realizedPnlBps: rows.pnlBps }, params);
  for (let a = 0; a < nA; a++) {
    if (dirty[a] === 0) continue;
    next[a] = fresh[a] as number;
    seen[a] = st.outcomes.ringCount[a] as number;
  }
  st.decayComputed = true;
  return next;
}
