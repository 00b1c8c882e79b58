import { applyPendingOutcomes, sumOf, SUM, type OutcomeStats } from '../../modules/stats/outcome-window.js';
import { newWindowDrawdowns, updateWindowDrawdowns, type WindowDrawdowns } from '../../modules/stats/window-drawdown.js';
import type { AgentStatsTable } from '../../modules/allocator/plugin.js';
import type { RunData } from '../run-data.js';
import { isAgentInPlay, type RunState } from '../state.js';
import { pyRound } from '../../core/py-round.js';

/*
 * Stage 2, agent statistics: the rolling windows kept by the outcomes stage, read as the
 * table the allocator variants and the decisions take (seed 001's per-agent stats).
 */

/** The table (carried from tick to tick) and, per agent, the window counts it was computed on (a class, not a literal: see RunState). */
export class StatsScratch {
  readonly table: AgentStatsTable;
  /** Outcomes ever added, and the long and short windows' counts, at the agent's last computation (-1: never). */
  readonly seenCount: Float64Array;
  readonly seenLong: Float64Array;
  readonly seenShort: Float64Array;
  /** The window drawdowns' per-agent copies and last scans (capital-governor reads them each evaluated tick). */
  readonly windowDd: WindowDrawdowns;

  constructor(data: RunData) {
    const n = data.agents.length;
    this.table = new StatsTable(n, data.agentStrategy);
    this.seenCount = new Float64Array(n).fill(-1);
    this.seenLong = new Float64Array(n);
    this.seenShort = new Float64Array(n);
    this.windowDd = newWindowDrawdowns(n);
  }
}

/** The stage's statistics table, updated in place (a class, not a literal: see RunState; the fields are AgentStatsTable's). */
class StatsTable implements AgentStatsTable {
  readonly n: number;
  readonly nOutcomes: Float64Array;
  readonly pnlSumBps: Float64Array;
  readonly hitRate: Float64Array;
  readonly errorRate: Float64Array;
  readonly avgAbsErrorBps: Float64Array;
  readonly avgPnlErrorBps: Float64Array;
  readonly maxDrawdownBps: Float64Array;
  readonly pnl7dBps: Float64Array;
  readonly sharpe30d: Float64Array;
  readonly winrate30d: Float64Array;
  readonly maxDd30dBps: Float64Array;
  readonly strategyId: Int32Array;
  readonly eligible: Uint8Array;

  constructor(n: number, strategyId: Int32Array) {
    this.n = n;
    this.nOutcomes = new Float64Array(n);
    this.pnlSumBps = new Float64Array(n);
    this.hitRate = new Float64Array(n);
    this.errorRate = new Float64Array(n);
    this.avgAbsErrorBps = new Float64Array(n);
    this.avgPnlErrorBps = new Float64Array(n);
    this.maxDrawdownBps = new Float64Array(n);
    this.pnl7dBps = new Float64Array(n);
    this.sharpe30d = new Float64Array(n);
    this.winrate30d = new Float64Array(n);
    this.maxDd30dBps = new Float64Array(n).fill(Number.NaN);
    this.strategyId = strategyId;
    this.eligible = new Uint8Array(n);
  }
}

/** Returns the agent-statistics stage's scratch for this run. */
export function newStatsScratch(data: RunData): StatsScratch {
  return new StatsScratch(data);
}

/**
 * Returns the statistics table a tick reads: the stage's own table, updated in place (valid
 * until the next evaluated tick). An agent's row is a function of its window sums, which move
 * only when an outcome enters (its count) or leaves a time window (the window counts), so only
 * agents whose counts moved are recomputed; eligibility is re-read for every agent.
 */
export function readStatsTable(st: RunState, data: RunData, withWindowDd: boolean, seedAverages: boolean): AgentStatsTable {
  const sc = st.scratch.stats;
  const t = sc.table;
  const o = st.outcomes;
  applyPendingOutcomes(o); // advanceTime did (a no-op then): the rows read the sums
  for (let a = 0; a < t.n; a++) {
    const count = o.ringCount[a] as number;
    const nL = sumOf(o, a, SUM.lCount);
    const nS = sumOf(o, a, SUM.sCount);
    if (count !== sc.seenCount[a] || nL !== sc.seenLong[a] || nS !== sc.seenShort[a]) {
      sc.seenCount[a] = count;
      sc.seenLong[a] = nL;
      sc.seenShort[a] = nS;
      writeRow(t, o, a, seedAverages);
    }
  }
  readEligibility(st, data, t);
  if (withWindowDd) updateWindowDrawdowns(sc.windowDd, o, t.maxDd30dBps);
  return t;
}

/** Sets the table's eligibility from the statuses as they stand: an agent out of play takes no weight. */
export function readEligibility(st: RunState, data: RunData, t: AgentStatsTable): void {
  for (let a = 0; a < t.n; a++) t.eligible[a] = isAgentInPlay(st, data, a) ? 1 : 0;
}

/**
 * Writes agent a's row. sharpe_30d = mean / sample sd of per-outcome pnl_bps in the long window (not annualized; NaN with < 2 outcomes or zero variance).
 * seedAverages (allocator.mode seed): the two error averages as seed 003 section 3 stores them in the
 * agent stats, round(x, 2) (Python's round), which seed 001's simulation-integrity penalty and the
 * promotion gate then read.
 */
function writeRow(t: AgentStatsTable, o: OutcomeStats, a: number, seedAverages: boolean): void {
  const nC = Math.min(o.lookback, o.ringCount[a] as number);
  const nL = sumOf(o, a, SUM.lCount);
  t.nOutcomes[a] = nC;
  t.pnlSumBps[a] = nC > 0 ? sumOf(o, a, SUM.cSum) : 0;
  t.hitRate[a] = nC > 0 ? sumOf(o, a, SUM.cHits) / nC : Number.NaN;
  t.errorRate[a] = nC > 0 ? sumOf(o, a, SUM.cErrors) / nC : Number.NaN;
  const avgAbs = nC > 0 ? sumOf(o, a, SUM.cAbs) / nC : Number.NaN;
  const avgPnlErr = nC > 0 ? sumOf(o, a, SUM.cPnlErr) / nC : Number.NaN;
  t.avgAbsErrorBps[a] = seedAverages ? pyRound(avgAbs, 2) : avgAbs;
  t.avgPnlErrorBps[a] = seedAverages ? pyRound(avgPnlErr, 2) : avgPnlErr;
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
}
