import { confidenceMultipliers, updateConfidenceSeedArrays, type DecayParams } from '../../modules/decay/update-confidence.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

function decayParams(cfg: RunConfig): DecayParams {
  const d = cfg.decay;
  return {
    horizonHours: d.horizonHours,
    halfLifeSignals: d.halfLifeSignals,
    lossKBps: d.lossKBps,
    floor: d.floor,
    ceil: d.ceil,
    penaltyCap: d.penaltyCap,
    lossAmplifier: d.lossAmplifier,
    stabilityBoost: d.stabilityBoost,
    stabilityGoodErrBps: d.stabilityGoodErrBps,
    stabilityMinGood: d.stabilityMinGood,
    limitRows: d.limitRows,
  };
}

/**
 * Returns the confidence multipliers at this tick.
 * seed: seed 003 as the live system runs it every cycle: the last limit_rows reconciled
 * rows of the whole log, compounding on the previous multipliers (Q003-1 double counting
 * included). default: recomputed from 1.0 over each agent's recent outcomes (idempotent).
 */
export function computeMultipliers(st: RunState, data: RunData, cfg: RunConfig): Float64Array {
  const params = decayParams(cfg);
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
  const nA = data.agents.length;
  const offsets = new Int32Array(nA + 1);
  for (let a = 0; a < nA; a++) {
    const b = st.agentBuffers[a] as RunState['agentBuffers'][number];
    offsets[a + 1] = (offsets[a] as number) + (b.head - b.countFront);
  }
  const total = offsets[nA] as number;
  const absErrorBps = new Float64Array(total);
  const realizedPnlBps = new Float64Array(total);
  for (let a = 0; a < nA; a++) {
    const b = st.agentBuffers[a] as RunState['agentBuffers'][number];
    const mask = b.ts.length - 1;
    let j = offsets[a] as number;
    for (let c = b.countFront; c < b.head; c++, j++) {
      absErrorBps[j] = b.absErr[c & mask] as number;
      realizedPnlBps[j] = b.pnl[c & mask] as number;
    }
  }
  return confidenceMultipliers({ nAgents: nA, offsets, absErrorBps, realizedPnlBps }, params);
}
