/**
 * Agent promotion / retirement / kill decisions.
 *
 * Seed reading (CONTRACT.md, promotion_decision; seed 003 §4): PROMOTE iff
 * pnl_sum_bps > 150, hit_rate >= 0.55, error_rate == 0, avg_abs_error_bps <= 60 and
 * avg_pnl_error_bps >= -20; a missing, null, bool or non-number value fails its gate.
 * bt's default adds KILL (seed 001 hard gate error_rate > 0.15) and RETIRE rules.
 */
import { SeedRaise } from '../../core/errors.js';

/** An agent's statistics over the decision window; NaN = no data (its gate fails, its rule does not fire). */
export interface AgentDecisionStats {
  /** Reconciled outcomes in the window. */
  readonly nOutcomes: number;
  /** Sum of realized pnl, bps. */
  readonly pnlSumBps: number;
  /** Share of outcomes with pnl > 0, a fraction in [0, 1]. */
  readonly hitRate: number;
  /** Share of outcomes counted as errors, a fraction in [0, 1]. */
  readonly errorRate: number;
  /** Mean abs(realized - expected), bps. */
  readonly avgAbsErrorBps: number;
  /** Mean (realized - expected), bps; negative = underperforms expectations. */
  readonly avgPnlErrorBps: number;
  /** Worst drawdown of cumulative pnl from a running peak starting at 0, bps (<= 0). */
  readonly maxDrawdownBps: number;
}

/** Thresholds of the agent decision; comparisons as noted per field. */
export interface AgentRules {
  /** PROMOTE needs pnlSumBps > this (seed 003 §4: 150). */
  readonly promoteMinPnlSumBps: number;
  /** PROMOTE needs hitRate >= this (seed 003 §4: 0.55). */
  readonly promoteMinHitRate: number;
  /** PROMOTE needs errorRate <= this (seed 003 §4: == 0, i.e. 0 here). */
  readonly promoteMaxErrorRate: number;
  /** PROMOTE needs avgAbsErrorBps <= this (seed 003 §4: 60). */
  readonly promoteMaxAvgAbsErrorBps: number;
  /** PROMOTE needs avgPnlErrorBps >= this (seed 003 §4: -20). */
  readonly promoteMinAvgPnlErrorBps: number;
  /** PROMOTE needs nOutcomes >= this (seed: no minimum, 0). */
  readonly promoteMinOutcomes: number;
  /** KILL when errorRate > this (seed 001 hard gate: 0.15). */
  readonly killErrorRate: number;
  /** The pnl RETIRE rule needs nOutcomes >= this (bt: 30). */
  readonly retireMinOutcomes: number;
  /** RETIRE when pnlSumBps <= this after retireMinOutcomes outcomes (bt: 0). */
  readonly retirePnlBps: number;
  /** RETIRE when maxDrawdownBps < this (bt: -500, twice the seed 004 kill list's -250 class limit). */
  readonly retireDrawdownBps: number;
}

/** Default rules: the seeds' gates plus bt's documented RETIRE thresholds. */
export const DEFAULT_AGENT_RULES: AgentRules = {
  promoteMinPnlSumBps: 150,
  promoteMinHitRate: 0.55,
  promoteMaxErrorRate: 0,
  promoteMaxAvgAbsErrorBps: 60,
  promoteMinAvgPnlErrorBps: -20,
  promoteMinOutcomes: 0,
  killErrorRate: 0.15,
  retireMinOutcomes: 30,
  retirePnlBps: 0,
  retireDrawdownBps: -500,
};

/** An agent decision and the rules behind it. */
export type AgentDecision = 'PROMOTE' | 'HOLD' | 'RETIRE' | 'KILL';

/** Returns true when a stat is present (not NaN). */
function has(x: number): boolean {
  return x === x;
}

/**
 * Returns the agent's decision (precedence KILL > RETIRE > PROMOTE > HOLD) and its reasons:
 * the rules that fired for KILL/RETIRE, the promotion gates that failed for HOLD, [] for PROMOTE.
 */
export function agentDecision(
  stats: AgentDecisionStats,
  rules: AgentRules = DEFAULT_AGENT_RULES,
): { decision: AgentDecision; reasons: string[] } {
  if (has(stats.errorRate) && stats.errorRate > rules.killErrorRate) {
    return { decision: 'KILL', reasons: [`error_rate ${stats.errorRate} > ${rules.killErrorRate}`] };
  }
  const retire: string[] = [];
  if (has(stats.nOutcomes) && stats.nOutcomes >= rules.retireMinOutcomes && has(stats.pnlSumBps)) {
    if (stats.pnlSumBps <= rules.retirePnlBps) retire.push(`pnl_sum_bps ${stats.pnlSumBps} <= ${rules.retirePnlBps}`);
  }
  if (has(stats.maxDrawdownBps) && stats.maxDrawdownBps < rules.retireDrawdownBps) {
    retire.push(`max_drawdown_bps ${stats.maxDrawdownBps} < ${rules.retireDrawdownBps}`);
  }
  if (retire.length > 0) return { decision: 'RETIRE', reasons: retire };
  const failed: string[] = [];
  const gate = (ok: boolean, text: string): void => {
    if (!ok) failed.push(text);
  };
  const s = stats;
  gate(has(s.nOutcomes) && s.nOutcomes >= rules.promoteMinOutcomes, `n_outcomes >= ${rules.promoteMinOutcomes} fails (${s.nOutcomes})`);
  gate(has(s.pnlSumBps) && s.pnlSumBps > rules.promoteMinPnlSumBps, `pnl_sum_bps > ${rules.promoteMinPnlSumBps} fails (${s.pnlSumBps})`);
  gate(has(s.hitRate) && s.hitRate >= rules.promoteMinHitRate, `hit_rate >= ${rules.promoteMinHitRate} fails (${s.hitRate})`);
  gate(has(s.errorRate) && s.errorRate <= rules.promoteMaxErrorRate, `error_rate <= ${rules.promoteMaxErrorRate} fails (${s.errorRate})`);
  gate(
    has(s.avgAbsErrorBps) && s.avgAbsErrorBps <= rules.promoteMaxAvgAbsErrorBps,
    `avg_abs_error_bps <= ${rules.promoteMaxAvgAbsErrorBps} fails (${s.avgAbsErrorBps})`,
  );
  gate(
    has(s.avgPnlErrorBps) && s.avgPnlErrorBps >= rules.promoteMinAvgPnlErrorBps,
    `avg_pnl_error_bps >= ${rules.promoteMinAvgPnlErrorBps} fails (${s.avgPnlErrorBps})`,
  );
  return failed.length === 0 ? { decision: 'PROMOTE', reasons: [] } : { decision: 'HOLD', reasons: failed };
}

/** The decision statistics as columns by agent id (an AgentStatsTable is one). */
export type AgentDecisionColumns = { readonly [K in keyof AgentDecisionStats]: ArrayLike<number> };

/**
 * Returns agentDecision's decision for agent a of a table, without building reasons or any
 * object: what the engine evaluates per agent per tick (reasons only when one fires).
 */
export function agentDecisionAt(t: AgentDecisionColumns, a: number, rules: AgentRules = DEFAULT_AGENT_RULES): AgentDecision {
  const n = t.nOutcomes[a] as number;
  const pnl = t.pnlSumBps[a] as number;
  const hit = t.hitRate[a] as number;
  const err = t.errorRate[a] as number;
  const abs = t.avgAbsErrorBps[a] as number;
  const pnlErr = t.avgPnlErrorBps[a] as number;
  const dd = t.maxDrawdownBps[a] as number;
  if (has(err) && err > rules.killErrorRate) return 'KILL';
  if (has(n) && n >= rules.retireMinOutcomes && has(pnl) && pnl <= rules.retirePnlBps) return 'RETIRE';
  if (has(dd) && dd < rules.retireDrawdownBps) return 'RETIRE';
  const promote =
    has(n) && n >= rules.promoteMinOutcomes &&
    has(pnl) && pnl > rules.promoteMinPnlSumBps &&
    has(hit) && hit >= rules.promoteMinHitRate &&
    has(err) && err <= rules.promoteMaxErrorRate &&
    has(abs) && abs <= rules.promoteMaxAvgAbsErrorBps &&
    has(pnlErr) && pnlErr >= rules.promoteMinAvgPnlErrorBps;
  return promote ? 'PROMOTE' : 'HOLD';
}

/** Returns the stat as a number when it is a JSON number (not bool/null/string/missing), else NaN. */
function seedStat(stats: Readonly<Record<string, unknown>>, key: string): number {
  const v = Object.prototype.hasOwnProperty.call(stats, key) ? stats[key] : undefined;
  return typeof v === 'number' ? v : Number.NaN;
}

/**
 * Returns "PROMOTE" or "HOLD" for `args.stats` under the contract's reading of seed 003 §4
 * (gates exactly as written: error_rate == 0, not <= 0; any non-number fails its gate).
 */
export function promotionDecisionSeed(args: Readonly<Record<string, unknown>>): 'PROMOTE' | 'HOLD' {
  const raw = args['stats'];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SeedRaise('TypeError', `stats must be a dict, found ${JSON.stringify(raw ?? null)}`);
  }
  const stats = raw as Readonly<Record<string, unknown>>;
  const pnl = seedStat(stats, 'pnl_sum_bps');
  const hit = seedStat(stats, 'hit_rate');
  const err = seedStat(stats, 'error_rate');
  const abs = seedStat(stats, 'avg_abs_error_bps');
  const pnlErr = seedStat(stats, 'avg_pnl_error_bps');
  // NaN fails every comparison below, which is the reading's "a non-number fails its gate".
  const promote = pnl > 150 && hit >= 0.55 && err === 0 && abs <= 60 && pnlErr >= -20;
  return promote ? 'PROMOTE' : 'HOLD';
}
