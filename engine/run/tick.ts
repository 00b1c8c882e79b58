import { appendEvent } from '../events/log.js';
import { pushF64 } from '../core/growable.js';
import { advanceTime, sumOf, SUM, windowDrawdowns } from '../modules/stats/outcome-window.js';
import { computeMultipliers } from './steps/decay-step.js';
import { computeStrategyCvar } from './steps/cvar-step.js';
import { decideAgents, decideClasses } from './steps/decision-step.js';
import { allocateTargets } from '../modules/targets/capital-allocate.js';
import { shouldReallocate } from '../modules/governor/reallocation.js';
import { setTargets } from '../portfolio/portfolio.js';
import type { AgentStatsTable, AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { RunConfig } from './config.js';
import type { RunData } from './run-data.js';
import { joinAgentsDueBy } from './roster.js';
import { isAgentInPlay, type RunState } from './state.js';

/** Why a tick ended: new targets set, or held by the guardian or the reallocation threshold. */
export type TickOutcome = 'targets_set' | 'guardian_paused' | 'below_threshold';

/**
 * What a tick read and decided, handed to an observer (tests and the whole-cycle reference
 * compare it tick by tick). The arrays are the tick's own: valid during the call only.
 */
export interface TickView {
  readonly tMs: number;
  readonly stats: AgentStatsTable;
  readonly cvarByClass: Float64Array;
  readonly cvarUnclassified: number;
  readonly multipliers: Float64Array;
  /** The allocator's weights before statuses are applied. */
  readonly allocatorWeights: Float64Array;
  /** Final agent weights (0 for agents out of play). */
  readonly agentWeights: Float64Array;
  readonly agentStatus: Uint8Array;
  readonly classStatus: Uint8Array;
  /** Symbol targets the tick proposed (after the regime multiplier). */
  readonly proposedTargets: Float64Array;
  readonly regime: number;
  readonly guardianPaused: boolean;
  readonly outcome: TickOutcome;
}

/** Receives every evaluated tick. */
export type TickObserver = (view: TickView) => void;

/**
 * The supervisor cycle at tick t (seed 001/002/003/004 order): decay -> strategy CVaR ->
 * agent weights (the allocator variant) -> promotion / retirement / kill -> symbol targets
 * (seed 000) -> regime multiplier, guardian pause, reallocation threshold -> new targets.
 * The live findings are the pending ones (emitted, not yet reconciled), oldest first.
 */
export function runTick(
  st: RunState,
  data: RunData,
  cfg: RunConfig,
  allocator: AllocatorPlugin,
  allocatorParams: Readonly<Record<string, unknown>>,
  t: number,
  observe?: TickObserver,
): void {
  const nA = data.agents.length;
  joinAgentsDueBy(st, data, t);
  advanceTime(st.outcomes, cfg.stats, t);
  const stats = readStatsTable(st, data, allocator.needsWindowDrawdown === true);

  // 1. Confidence decay.
  if (cfg.decay.enabled) {
    const next = computeMultipliers(st, data, cfg);
    for (let a = 0; a < nA; a++) {
      if (next[a] !== st.multipliers[a] && st.agentJoined[a] === 1) appendEvent(st.log, 'multiplier_updated', t, a, -1, data.agentStrategy[a] as number, next[a] as number);
    }
    st.multipliers = next;
  }
  // 2. Strategy CVaR of pnl_error_bps.
  const cvar = computeStrategyCvar(st, data, cfg, t);
  // 3. Agent weights from the allocator variant.
  const weights = allocator.allocate(
    {
      stats,
      confidenceMult: st.multipliers,
      strategyCvarBps: cvar.byClass,
      unclassifiedCvarBps: cvar.unclassified,
      scheduleWeight: data.scheduleWeight,
      prevWeights: st.agentWeights,
    },
    allocatorParams,
    cfg.mode,
  );
  // 4. Promotion, retirement and kill; a removed agent gets no capital from this tick on.
  if (cfg.promotion.enabled || cfg.kill.enabled) decideAgents(st, data, cfg, stats, t);
  if (cfg.kill.enabled && cfg.kill.classKill && data.killList !== null) decideClasses(st, data, cfg, t);
  const agentWeight = new Float64Array(nA);
  for (let a = 0; a < nA; a++) {
    const k = data.agentStrategy[a] as number;
    agentWeight[a] = isAgentInPlay(st, data, a) ? (weights[a] as number) : 0;
    if (st.agentJoined[a] === 0) continue;
    const prev = st.agentWeights === null ? 0 : (st.agentWeights[a] as number);
    if (agentWeight[a] !== prev || st.weightRecorded[a] === 0) {
      st.weightRecorded[a] = 1;
      appendEvent(st.log, 'weights_set', t, a, -1, k, agentWeight[a] as number);
      pushF64(st.out.weightTs, t);
      pushF64(st.out.weightAgent, a);
      pushF64(st.out.weightValue, agentWeight[a] as number);
      pushF64(st.out.weightMultiplier, st.multipliers[a] as number);
    }
  }
  st.agentWeights = agentWeight;
  // 5. Symbol targets from the live findings (seed 000).
  const live = collectLive(st);
  const alloc = allocateTargets(live, agentWeight, data.symbols.length, cfg.targets, cfg.mode);
  // 6. Regime multiplier, guardian, reallocation threshold.
  const regime = regimeAt(data, cfg, t);
  const next = new Float64Array(data.symbols.length);
  // The symbol cap is a promise in both modes: seed 000's renormalization (x * (1 - cash) / sum x)
  // can land one ulp above it, so the run clamps (the seed module itself stays bit-exact for parity).
  const cap = cfg.targets.maxSymbolWeight;
  for (let s = 0; s < next.length; s++) next[s] = Math.min(cap, (alloc.symbolWeight[s] as number) * regime);
  const report = (outcome: TickOutcome): void => {
    if (observe === undefined) return;
    observe({
      tMs: t,
      stats,
      cvarByClass: cvar.byClass,
      cvarUnclassified: cvar.unclassified,
      multipliers: st.multipliers,
      allocatorWeights: weights,
      agentWeights: agentWeight,
      agentStatus: st.agentStatus,
      classStatus: st.classStatus,
      proposedTargets: next,
      regime,
      guardianPaused: st.guardianPaused,
      outcome,
    });
  };
  if (guardianHolds(st, cfg, t)) {
    appendEvent(st.log, 'rebalance_skipped', t, -1, -1, -1, Number.NaN, Number.NaN, Number.NaN, 'guardian paused');
    report('guardian_paused');
    return;
  }
  const prevTargets = st.hasTargets ? st.portfolio.target : null;
  if (!shouldReallocate(prevTargets, next, cfg.governor.reallocationThreshold, cfg.mode)) {
    let maxChange = 0;
    for (let s = 0; s < next.length; s++) maxChange = Math.max(maxChange, Math.abs((next[s] as number) - (st.portfolio.target[s] as number)));
    appendEvent(st.log, 'rebalance_skipped', t, -1, -1, -1, maxChange, Number.NaN, Number.NaN, 'below reallocation threshold');
    report('below_threshold');
    return;
  }
  let turnover = 0;
  for (let s = 0; s < next.length; s++) {
    const w = next[s] as number;
    const old = st.portfolio.target[s] as number;
    turnover += Math.abs(w - old);
    if (w !== 0 || old !== 0) {
      appendEvent(st.log, 'targets_set', t, -1, s, -1, w);
      pushF64(st.out.targetTs, t);
      pushF64(st.out.targetSymbol, s);
      pushF64(st.out.targetWeight, w);
    }
  }
  st.out.rebalances += 1;
  st.out.turnoverWeights += turnover;
  setTargets(st.portfolio, next);
  st.hasTargets = true;
  report('targets_set');
}

/**
 * Returns the statistics table a tick reads. sharpe_30d = mean / sample sd of per-outcome
 * pnl_bps in the long window (not annualized; NaN with < 2 outcomes or zero variance).
 */
function readStatsTable(st: RunState, data: RunData, withWindowDd: boolean): AgentStatsTable {
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

function collectLive(st: RunState) {
  const p = st.pending;
  const mask = p.capacity - 1;
  let n = 0;
  for (let c = p.head; c < p.tail; c++) if (p.live[c & mask] === 1 && (p.direction[c & mask] as number) > 0) n++;
  const agentId = new Int32Array(n);
  const symbolId = new Int32Array(n);
  const confidence = new Float64Array(n);
  const severityMult = new Float64Array(n);
  let j = 0;
  // Long-only book: a short finding (direction -1) carries no long capital.
  for (let c = p.head; c < p.tail; c++) {
    const k = c & mask;
    if (p.live[k] !== 1 || (p.direction[k] as number) <= 0) continue;
    agentId[j] = p.agent[k] as number;
    symbolId[j] = p.symbol[k] as number;
    confidence[j] = p.confidence[k] as number;
    severityMult[j] = p.severityMult[k] as number;
    j++;
  }
  return { n, agentId, symbolId, confidence, severityMult };
}

function regimeAt(data: RunData, cfg: RunConfig, t: number): number {
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

