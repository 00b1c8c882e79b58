import { appendEvent } from '../../events/log.js';
import { stableStringify } from '../../core/stable-json.js';
import { agentDecision, agentDecisionAt, type AgentRules } from '../../modules/promotion/promotion-decision.js';
import { classHitRates } from '../../modules/kill/strategy-attribution.js';
import { classDecisionAt, evaluateKillList } from '../../modules/kill/strategy-kill.js';
import { assert } from '../../core/errors.js';
import { applyPendingOutcomes } from '../../modules/stats/outcome-window.js';
import type { AgentStatsTable } from '../../modules/allocator/plugin.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import { isAgentInPlay, type RunState } from '../state.js';

/** Maps the scenario's promotion and kill settings onto the decision rules. */
export function agentRulesOf(cfg: RunConfig): AgentRules {
  const p = cfg.promotion;
  const k = cfg.kill;
  return {
    promoteMinPnlSumBps: p.minPnlSumBps,
    promoteMinHitRate: p.minHitRate,
    promoteMaxErrorRate: p.maxErrorRate,
    promoteMaxAvgAbsErrorBps: p.maxAvgAbsErrorBps,
    promoteMinAvgPnlErrorBps: p.minAvgPnlErrorBps,
    promoteMinOutcomes: 0,
    killErrorRate: k.enabled ? k.killErrorRate : Number.POSITIVE_INFINITY,
    retireMinOutcomes: k.retireMinOutcomes,
    retirePnlBps: k.enabled ? k.retirePnlSumBps : Number.NEGATIVE_INFINITY,
    retireDrawdownBps: k.enabled ? k.retireDrawdownBps : Number.NEGATIVE_INFINITY,
  };
}

/**
 * Applies promotion / retirement / kill to every agent still in play. Retired and killed
 * agents stay out for the rest of the run; a promotion is recorded once. No decision is
 * taken on fewer than kill.retire_min_outcomes outcomes: three early misses are not an
 * error rate worth a kill. An agent's decision reads only its count-window statistics and
 * all-time drawdown, which move only with a new outcome: an agent whose outcome count is the
 * one of its last decision would decide the same again (HOLD, or a promotion already
 * recorded), so it is not re-decided. Reasons are built only when a decision fires.
 */
export function decideAgents(st: RunState, data: RunData, cfg: RunConfig, stats: AgentStatsTable, t: number): void {
  const rules = st.scratch.rules;
  const decided = st.scratch.decidedCount;
  applyPendingOutcomes(st.outcomes); // advanceTime did (a no-op then): ringCount below
  for (let a = 0; a < data.agents.length; a++) {
    const status = st.agentStatus[a] as number;
    // Out of play: not joined yet, retired, killed, disabled, or its whole class is out.
    if (!isAgentInPlay(st, data, a)) continue;
    if ((stats.nOutcomes[a] as number) < cfg.kill.retireMinOutcomes) continue;
    const count = st.outcomes.ringCount[a] as number;
    if (decided[a] === count) continue;
    decided[a] = count;
    const decision = agentDecisionAt(stats, a, rules);
    if (decision === 'HOLD' || (decision === 'PROMOTE' && (status !== 0 || !cfg.promotion.enabled))) continue;
    const k = data.agentStrategy[a] as number;
    if (decision === 'PROMOTE') {
      st.agentStatus[a] = 1;
      st.statusChanges += 1;
      appendEvent(st.log, 'agent_promoted', t, a, -1, k, Number.NaN, Number.NaN, Number.NaN, 'promotion gate passed');
      continue;
    }
    const s = {
      nOutcomes: stats.nOutcomes[a] as number,
      pnlSumBps: stats.pnlSumBps[a] as number,
      hitRate: stats.hitRate[a] as number,
      errorRate: stats.errorRate[a] as number,
      avgAbsErrorBps: stats.avgAbsErrorBps[a] as number,
      avgPnlErrorBps: stats.avgPnlErrorBps[a] as number,
      maxDrawdownBps: stats.maxDrawdownBps[a] as number,
    };
    const reason = agentDecision(s, rules).reasons.join('; ');
    const kind = decision === 'KILL' ? 'agent_killed' : 'agent_retired';
    st.agentStatus[a] = decision === 'KILL' ? 3 : 2;
    st.statusChanges += 1;
    appendEvent(st.log, kind, t, a, -1, k, Number.NaN, Number.NaN, Number.NaN, reason);
    st.out.kills.push({ tsMs: t, kind, agent: data.agents[a] as string, strategy: k >= 0 ? (data.strategies[k] as string) : null, reason, stats: statsJson(s) });
  }
}

/**
 * Evaluates the strategy kill list (seed 004) on each class's outcomes so far; a class that
 * is DISABLED or breaches a threshold retires all its agents. A class needs
 * kill.class_min_outcomes outcomes before a threshold can fire (a single early loss is
 * not a 0% hit rate worth acting on); DISABLED acts at once.
 */
export function decideClasses(st: RunState, data: RunData, cfg: RunConfig, t: number): void {
  const list = data.killList;
  if (list === null) return;
  const acc = st.classAcc;
  const minN = cfg.kill.classMinOutcomes;
  for (let k = 0; k < data.strategies.length; k++) {
    // A class the roster has not reached yet is not judged (its kill-list entry waits for its first agent).
    if (st.classStatus[k] !== 0 || st.classJoined[k] === 0) continue;
    const n = acc.n[k] as number;
    const enough = n >= minN;
    const hit = n === 0 ? Number.NaN : (acc.hits[k] as number) / n; // classHitRates' expression
    const dec = classDecisionAt(enough ? (acc.maxDrawdownBps[k] as number) : 0, enough ? hit : Number.NaN, data.strategies[k] as string, list, cfg.mode);
    if (dec === 'ACTIVE') continue;
    removeClass(st, data, cfg, k, dec, t);
  }
}

/** Retires or kills class k and all its joined agents (seed 004), with the reasons evaluateKillList gives. */
function removeClass(st: RunState, data: RunData, cfg: RunConfig, k: number, dec: 'KILL' | 'RETIRE', t: number): void {
  const list = data.killList as NonNullable<RunData['killList']>;
  const acc = st.classAcc;
  const hit = classHitRates(acc);
  const minN = cfg.kill.classMinOutcomes;
  const gatedHit = new Float64Array(hit.length);
  const gatedDd = new Float64Array(hit.length);
  for (let c = 0; c < hit.length; c++) {
    const enough = (acc.n[c] as number) >= minN;
    gatedHit[c] = enough ? (hit[c] as number) : Number.NaN;
    gatedDd[c] = enough ? (acc.maxDrawdownBps[c] as number) : 0;
  }
  const res = evaluateKillList({ nEvents: acc.n, maxDrawdownBps: gatedDd, hitRate: gatedHit }, data.strategies, list, cfg.mode);
  assert(res.decision[k] === dec, 'classDecisionAt agrees with evaluateKillList');
  const kind = dec === 'KILL' ? 'class_killed' : 'class_retired';
  st.classStatus[k] = dec === 'KILL' ? 2 : 1;
  st.statusChanges += 1;
  const reason = (res.reasons[k] ?? []).join('; ');
  appendEvent(st.log, kind, t, -1, -1, k, Number.NaN, Number.NaN, Number.NaN, reason);
  const stats = statsJson({
    nOutcomes: acc.n[k] as number,
    pnlSumBps: acc.sumBps[k] as number,
    hitRate: hit[k] as number,
    maxDrawdownBps: acc.maxDrawdownBps[k] as number,
  });
  st.classReason[k] = reason;
  st.classStats[k] = stats;
  st.out.kills.push({ tsMs: t, kind, agent: null, strategy: data.strategies[k] as string, reason, stats });
  // Seed 004: a class that breaches its thresholds retires ALL its agents. Each one gets
  // the status, its own event and kills row, so final_state, events and kills agree.
  for (let a = 0; a < data.agents.length; a++) if (data.agentStrategy[a] === k && st.agentJoined[a] === 1) followClass(st, data, a, t);
}

/**
 * Gives agent `a` its class's removal (retired or killed) when the class is out and the agent
 * is still in play: at the class decision, or when the agent joins an already removed class.
 */
export function followClass(st: RunState, data: RunData, a: number, t: number): void {
  const k = data.agentStrategy[a] as number;
  if (k < 0 || st.classStatus[k] === 0 || (st.agentStatus[a] as number) >= 2) return;
  const killed = st.classStatus[k] === 2;
  const kind = killed ? 'agent_killed' : 'agent_retired';
  const cls = data.strategies[k] as string;
  const reason = `class '${cls}' ${killed ? 'killed' : 'retired'}: ${st.classReason[k] ?? ''}`;
  st.agentStatus[a] = killed ? 3 : 2;
  st.statusChanges += 1;
  appendEvent(st.log, kind, t, a, -1, k, Number.NaN, Number.NaN, Number.NaN, reason);
  st.out.kills.push({ tsMs: t, kind, agent: data.agents[a] as string, strategy: cls, reason, stats: st.classStats[k] ?? '{}' });
}

function statsJson(s: Readonly<Record<string, number>>): string {
  const clean: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(s)) clean[k] = Number.isFinite(v) ? v : null;
  return stableStringify(clean);
}
