import { AGENT_HEADS, AGENT_PNL_NOTE, agentCells, MESSAGES_HEADING, notificationLines, periodTable, toDateTable, type LpTable } from './lp-rows.js';
import type { LpPeriod } from './lp-period.js';

const esc = (s: string): string => s.replace(/\|/g, '\\|');

function table(heads: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${heads.join(' | ')} |`, `| ${heads.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)];
}

const pairs = (t: LpTable): string[] => table(['figure', 'value'], t);

/** Returns the daily LP summary (lp_daily_YYYY-MM-DD.md): the day's figures, the run to date, notifications, agents. */
export function lpDailyMarkdown(p: LpPeriod, runLabel: string): string {
  const notes = notificationLines(p);
  return [
    `# LP daily summary: ${p.label}`,
    '',
    `${runLabel}. Figures from the run's files (equity.arrow, events.arrow); bt sends nothing.`,
    '',
    '## The day',
    '',
    ...pairs(periodTable(p)),
    '',
    '## Since the start of the run (as metrics.json)',
    '',
    ...pairs(toDateTable(p)),
    '',
    `## ${MESSAGES_HEADING}`,
    '',
    ...(notes.length > 0 ? notes.map((l) => `- ${l}`) : ['- none']),
    '',
    '## Agents',
    '',
    ...table(AGENT_HEADS, agentCells(p)),
    '',
    AGENT_PNL_NOTE,
    '',
  ].join('\n');
}
