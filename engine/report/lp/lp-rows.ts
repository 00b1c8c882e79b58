import { formatStat } from '../../governance/decision-label.js';
import { formatMetric } from '../format-metric.js';
import type { LpPeriod } from './lp-period.js';
import type { NotificationChannel } from '../../governance/notifications.js';

/** A two-column table of an LP report: [label, value] rows, already formatted. */
export type LpTable = readonly (readonly [string, string])[];

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Returns bps as text to 0.1. */
export const fmtBps = (x: number): string => formatStat('x_bps', x);

/** ' (the run: FROM .. TO)' when the run covers only part of the period (its first or last week), else ''. */
function partial(p: LpPeriod): string {
  const [from, to] = [day(p.coveredFromMs), day(p.coveredToMs)];
  return from === day(p.startMs) && to === day(p.endMs - 1) ? '' : ` (the run: ${from} .. ${to})`;
}

/**
 * Returns the period's own figures (the seed PDF's PnL, max drawdown and hit rate, plus equity and
 * counts), each label saying what it is: the PnL and drawdown are the portfolio's (lp-period.ts),
 * the hit rate is of the findings reconciled in the period, every agent's (retired and killed ones'
 * findings still reconcile), not of the equity curve's periods as the to-date hit_rate.
 */
export function periodTable(p: LpPeriod): LpTable {
  return [
    ['Period (UTC)', `${day(p.startMs)} .. ${day(p.endMs - 1)}${partial(p)}`],
    ['Equity at start', formatMetric('final_equity', p.startEquity)],
    ['Equity at end', formatMetric('final_equity', p.endEquity)],
    ['Portfolio PnL (bps: equity at end / at start - 1)', fmtBps(p.pnlBps)],
    ['Portfolio max drawdown (bps, from the running peak)', fmtBps(p.maxDrawdownBps)],
    ['Hit rate of findings (reconciled in the period, PnL > 0)', p.hitRate === null ? 'n/a (no findings reconciled)' : formatMetric('hit_rate', p.hitRate)],
    ['Findings reconciled (every agent, retired ones too)', String(p.outcomes)],
    ['Decisions (promotions, retirements, kills)', String(p.decisions.length)],
    ['Guardian at end', p.guardianPaused ? 'paused' : 'active'],
  ];
}

/** Names of the to-date figures, as metrics.json spells them, in table order. */
export const TO_DATE_KEYS = ['final_equity', 'total_return', 'annualized_return', 'sharpe', 'sortino', 'max_drawdown', 'hit_rate'] as const;

/** What a to-date figure is, where its metrics.json name alone is ambiguous in an LP report (whose period hit rate is of findings). */
const TO_DATE_NOTES: Readonly<Partial<Record<(typeof TO_DATE_KEYS)[number], string>>> = { hit_rate: 'equity periods with a return > 0' };

/** Returns the run's figures from its start to the period's end, formatted as the run report formats metrics.json, labelled by their metrics.json names. */
export function toDateTable(p: LpPeriod): LpTable {
  return TO_DATE_KEYS.map((k) => {
    const note = TO_DATE_NOTES[k];
    return [note === undefined ? k : `${k} (${note})`, formatMetric(k, p.toDate[k])] as const;
  });
}

/** Column heads of the agents table: its PnL columns are the agent's findings' (AGENT_PNL_NOTE), not its part of the portfolio's PnL. */
export const AGENT_HEADS = ['agent', 'class', 'status', 'weight', 'findings bps', 'to date bps', 'decision'] as const;

/** What the agents table's PnL columns are: printed under it. */
export const AGENT_PNL_NOTE =
  "findings bps: the sum of realized_pnl_bps of the agent's findings reconciled in the period (to date bps: since the run's start), a retired or killed agent's included; each finding's own outcome, not weighted by capital, so not the agent's part of the portfolio PnL. weight: at the period's end.";

/** Returns the agents table's rows as text. */
export function agentCells(p: LpPeriod): string[][] {
  return p.agents.map((a) => [a.agent, a.strategy, a.status, `${(a.weight * 100).toFixed(1)}%`, fmtBps(a.pnlBps), fmtBps(a.pnlToDateBps), a.decision === '' ? '-' : a.decision]);
}

/** The heading of the period's messages: not all are sent (a decision goes into the pull request, the guardian's pause into the log). */
export const MESSAGES_HEADING = "The live system's messages (Telegram, pull request, log)";

const CHANNEL_LABEL: Readonly<Record<NotificationChannel, string>> = { telegram: 'Telegram', pull_request: 'pull request', log: 'log' };

/** Returns the period's notifications as 'YYYY-MM-DD [channel] text' lines (a message's further lines joined by ', '). */
export function notificationLines(p: LpPeriod): string[] {
  return p.notifications.map((n) => `${n.ts.slice(0, 10)} [${CHANNEL_LABEL[n.channel]}] ${n.text.replace(/:\n/, ': ').replace(/\n/g, ', ')}`);
}
