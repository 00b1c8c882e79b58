import { formatStat } from '../../governance/decision-label.js';
import { formatMetric } from '../format-metric.js';
import type { LpPeriod } from './lp-period.js';

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

/** Returns the period's own figures (the seed PDF's PnL, max drawdown and hit rate, plus equity and counts). */
export function periodTable(p: LpPeriod): LpTable {
  return [
    ['Period (UTC)', `${day(p.startMs)} .. ${day(p.endMs - 1)}${partial(p)}`],
    ['Equity at start', formatMetric('final_equity', p.startEquity)],
    ['Equity at end', formatMetric('final_equity', p.endEquity)],
    ['PnL (bps)', fmtBps(p.pnlBps)],
    ['Max drawdown (bps, from the running peak)', fmtBps(p.maxDrawdownBps)],
    ['Hit rate (outcomes reconciled in the period)', p.hitRate === null ? 'n/a (no outcomes)' : formatMetric('hit_rate', p.hitRate)],
    ['Outcomes reconciled', String(p.outcomes)],
    ['Decisions (promotions, retirements, kills)', String(p.decisions.length)],
    ['Guardian at end', p.guardianPaused ? 'paused' : 'active'],
  ];
}

/** Names of the to-date figures, as metrics.json spells them, in table order. */
export const TO_DATE_KEYS = ['final_equity', 'total_return', 'annualized_return', 'sharpe', 'sortino', 'max_drawdown', 'hit_rate'] as const;

/** Returns the run's figures from its start to the period's end, formatted as the run report formats metrics.json. */
export function toDateTable(p: LpPeriod): LpTable {
  return TO_DATE_KEYS.map((k) => [k, formatMetric(k, p.toDate[k])] as const);
}

/** Column heads of the agents table. */
export const AGENT_HEADS = ['agent', 'class', 'status', 'weight', 'PnL bps', 'PnL to date bps', 'decision'] as const;

/** Returns the agents table's rows as text. */
export function agentCells(p: LpPeriod): string[][] {
  return p.agents.map((a) => [a.agent, a.strategy, a.status, `${(a.weight * 100).toFixed(1)}%`, fmtBps(a.pnlBps), fmtBps(a.pnlToDateBps), a.decision === '' ? '-' : a.decision]);
}

/** Returns the period's notifications as 'YYYY-MM-DD text' lines (a message's further lines joined by ', '). */
export function notificationLines(p: LpPeriod): string[] {
  return p.notifications.map((n) => `${n.ts.slice(0, 10)} ${n.text.replace(/:\n/, ': ').replace(/\n/g, ', ')}`);
}
