import { sumOf, SUM, windowDrawdowns } from '../../modules/stats/outcome-window.js';
import type { AgentStatsTable } from '../../modules/allocator/plugin.js';
import type { RunData } from '../run-data.js';
import { isAgentInPlay, type RunState } from '../state.js';

/*
 * Stage 2, agent statistics: the rolling windows kept by the outcomes stage, read as the
 * table the allocator variants and the decisions take (seed 001's per-agent stats).
 */

/**
 * Returns the statistics table a tick reads. sharpe_30d = mean / sample sd of per-outcome
 * pnl_bps in the long window (not annualized; NaN with < 2 outcomes or zero variance).
 */
export function readStatsTable(st: RunState, data: RunData, withWindowDd: boolean): AgentStatsTable {
  const n = data.agents.length;
  const o = st.outcomes;
  const f = (): Float64Array => new Float64Array(n);
  const t = {
    n,
    nOutcomes: f(),
    pnlSumBps: f(),
    hitRate: f(),
    errorRate: f(),
    avgAbsErrorBps: f(),
    avgPnlErrorBps: f(),
    maxDrawdownBps: f(),
    pnl7dBps: f(),
    sharpe30d: f(),
    winrate30d: f(),
    maxDd30dBps: withWindowDd ? windowDrawdowns(o) : f().fill(Number.NaN),
    strategyId: data.agentStrategy,
    eligible: new Uint8Array(n),
  };
  for (let a = 0; a < n; a++) {
    const nC = Math.min(o.lookback, o.ringCount[a] as number);
    const nL = sumOf(o, a, SUM.lCount);
    t.nOutcomes[a] = nC;
    t.pnlSumBps[a] = nC > 0 ? sumOf(o, a, SUM.cSum) : 0;
    t.hitRate[a] = nC > 0 ? sumOf(o, a, SUM.cHits) / nC : Number.NaN;
    t.errorRate[a] = nC > 0 ? sumOf(o, a, SUM.cErrors) / nC : Number.NaN;
    t.avgAbsErrorBps[a] = nC > 0 ? sumOf(o, a, SUM.cAbs) / nC : Number.NaN;
    t.avgPnlErrorBps[a] = nC > 0 ? sumOf(o, a, SUM.cPnlErr) / nC : Number.NaN;
    t.maxDrawdownBps[a] = sumOf(o, a, SUM.maxDd);
    t.pnl7dBps[a] = sumOf(o, a, SUM.sCount) > 0 ? sumOf(o, a, SUM.sSum) : 0;
    let sharpe = Number.NaN;
    if (nL >= 2) {
      const mean = sumOf(o, a, SUM.lSum) / nL;
      const variance = (sumOf(o, a, SUM.lSumSq) - nL * mean * mean) / (nL - 1);
      if (variance > 1e-12 * Math.max(1, mean * mean)) sharpe = mean / Math.sqrt(variance);
    }
    t.sharpe30d[a] = sharpe;
    t.winrate30d[a] = nL > 0 ? sumOf(o, a, SUM.lHits) / nL : Number.NaN;
    t.eligible[a] = isAgentInPlay(st, data, a) ? 1 : 0;
  }
  return t;
}

