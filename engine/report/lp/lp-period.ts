import { computeMetrics } from '../../metrics/compute-metrics.js';
import { returnsFromEquity } from '../../metrics/returns-from-equity.js';
import { DECISION_LABEL } from '../../governance/decision-label.js';
import type { DecisionRecord, GovernanceInput } from '../../governance/governance-input.js';
import { equityAt, governanceStatesAt, type AgentStatus, type GovernanceState } from '../../governance/governance-state.js';
import type { Notification } from '../../governance/notifications.js';
import { periodOutcomes } from '../../governance/outcome-ledger.js';

/** One agent's line in an LP report. */
export interface LpAgentRow {
  readonly agent: string;
  readonly strategy: string;
  readonly status: AgentStatus;
  /** Agent weight at the period's end, a fraction. */
  readonly weight: number;
  /** Sum of realized_pnl_bps of the agent's outcomes reconciled in the period / since the run's start. */
  readonly pnlBps: number;
  readonly pnlToDateBps: number;
  /** Decision words (PROMOTE, RETIRE, KILL, CLASS_RETIRE, CLASS_KILL) taken in the period, '' for none. */
  readonly decision: string;
}

/** The run's figures from its start to the period's end, by the metrics module (equal to metrics.json at the run's end). */
export interface LpToDate {
  readonly final_equity: number;
  readonly total_return: number | null;
  readonly annualized_return: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly max_drawdown: number | null;
  readonly hit_rate: number | null;
  readonly n: number;
}

/** What an LP report says about one period [startMs, endMs). */
export interface LpPeriod {
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The part of the period the run covers: [max(start, run start), min(end - 1, run end)] (a run's first and last weeks are partial). */
  readonly coveredFromMs: number;
  readonly coveredToMs: number;
  readonly startEquity: number;
  readonly endEquity: number;
  /** (end / start - 1) x 1e4. */
  readonly pnlBps: number;
  /** Deepest drawdown from the running peak (since the run's start) while the period lasts (its opening level and its equity points), in bps >= 0. */
  readonly maxDrawdownBps: number;
  readonly outcomes: number;
  /** Share of the period's reconciled outcomes with realized_pnl_bps > 0; null without outcomes. */
  readonly hitRate: number | null;
  readonly guardianPaused: boolean;
  readonly agents: readonly LpAgentRow[];
  readonly decisions: readonly DecisionRecord[];
  readonly notifications: readonly Notification[];
  readonly toDate: LpToDate;
}

function toDate(input: GovernanceInput, endMs: number): LpToDate {
  const { tsMs, equity } = input.equity;
  let n = 0;
  while (n < tsMs.length && (tsMs[n] as number) < endMs) n++;
  // As bt run's metrics: the first point is the initial capital, so the first period's return counts.
  const curve = new Float64Array(n + 1);
  curve[0] = input.initialEquity;
  curve.set(equity.subarray(0, n), 1);
  const ppy = input.metrics['periods_per_year'];
  const m = computeMetrics(returnsFromEquity(curve), { periodsPerYear: typeof ppy === 'number' && ppy > 0 ? ppy : 252 });
  return { final_equity: curve[n] as number, total_return: m.total_return, annualized_return: m.annualized_return, sharpe: m.sharpe, sortino: m.sortino, max_drawdown: m.max_drawdown, hit_rate: m.hit_rate, n };
}

/**
 * Returns the deepest drawdown from the running peak (since the run's start) while the period
 * lasts: at its equity points, and at the level it opens with (the equity is marked at closes
 * and held between them, so a day or week without a close still stands in its drawdown).
 */
function maxDrawdownBps(input: GovernanceInput, startMs: number, endMs: number): number {
  const { tsMs, equity } = input.equity;
  let peak = input.initialEquity;
  let opening = 0; // the drawdown at the last point before the period (0 before the first: the initial capital)
  let worst = 0;
  for (let i = 0; i < tsMs.length && (tsMs[i] as number) < endMs; i++) {
    const e = equity[i] as number;
    if (e > peak) peak = e;
    const dd = peak > 0 ? (1 - e / peak) * 1e4 : 0;
    const t = tsMs[i] as number;
    if (t < startMs) opening = dd;
    else {
      if (t === startMs) opening = 0; // a point at the period's start replaces the opening level at once
      worst = Math.max(worst, dd);
    }
  }
  return Math.max(worst, opening);
}

/** A period an LP report covers, [startMs, endMs): one UTC day or one ISO week. */
export interface LpPeriodSpec {
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** Returns the LP figures of the period [startMs, endMs), one UTC day or one ISO week, from the run's data (pure). */
export function lpPeriod(input: GovernanceInput, label: string, startMs: number, endMs: number, notifications: readonly Notification[]): LpPeriod {
  return lpPeriods(input, [{ label, startMs, endMs }], notifications)[0] as LpPeriod;
}

/** Returns lpPeriod of each period, in the order given, with the governance states at their ends from one fold of the log. */
export function lpPeriods(input: GovernanceInput, periods: readonly LpPeriodSpec[], notifications: readonly Notification[]): LpPeriod[] {
  const states = governanceStatesAt(input, periods.map((p) => p.endMs - 1));
  // each message's time parsed once, not once per period
  const sent = notifications.map((n) => ({ ms: Date.parse(n.ts), n }));
  return periods.map((p, i) => periodFigures(input, p, states[i] as GovernanceState, sent));
}

function periodFigures(input: GovernanceInput, { label, startMs, endMs }: LpPeriodSpec, st: GovernanceState, sent: readonly { readonly ms: number; readonly n: Notification }[]): LpPeriod {
  const { pnl, pnlToDate, outcomes, hits } = periodOutcomes(input.outcomes, startMs, endMs);
  const decisions = input.decisions.filter((d) => d.tsMs >= startMs && d.tsMs < endMs);
  const agents = st.agents.map((a) => ({
    agent: a.name,
    strategy: a.strategy ?? '',
    status: a.status,
    weight: st.weights[a.name] ?? 0,
    pnlBps: pnl.get(a.name) ?? 0,
    pnlToDateBps: pnlToDate.get(a.name) ?? 0,
    decision: decisionLabel(decisions, a.name, a.strategy),
  }));
  const startEquity = equityAt(input.equity, startMs - 1, input.initialEquity);
  const endEquity = equityAt(input.equity, endMs - 1, input.initialEquity);
  return {
    label,
    startMs,
    endMs,
    coveredFromMs: Math.max(startMs, input.startMs),
    coveredToMs: Math.min(endMs - 1, input.endMs),
    startEquity,
    endEquity,
    pnlBps: (endEquity / startEquity - 1) * 1e4,
    maxDrawdownBps: maxDrawdownBps(input, startMs, endMs),
    outcomes,
    hitRate: outcomes > 0 ? hits / outcomes : null,
    guardianPaused: st.guardianPaused,
    agents,
    decisions,
    notifications: sent.filter(({ ms }) => ms >= startMs && ms < endMs).map(({ n }) => n),
    toDate: toDate(input, endMs),
  };
}

/**
 * Returns an agent's decisions in the period, by label: its own, or its class's when it has
 * none of its own (a class retirement also logs each agent's retirement: one label, not two).
 */
function decisionLabel(decisions: readonly DecisionRecord[], agent: string, strategy: string | null): string {
  const own = decisions.filter((d) => d.agent === agent);
  const picked = own.length > 0 ? own : decisions.filter((d) => d.agent === null && d.strategy === strategy);
  return [...new Set(picked.map((d) => DECISION_LABEL[d.kind]))].join(', ');
}
