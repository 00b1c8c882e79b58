import { formatUtc } from './format-utc.js';
import type { DecisionRecord } from './governance-input.js';
import { DECISION_LABEL, STAT_KEYS } from './decision-label.js';
import { changeSetName } from './change-set-name.js';

function cell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Returns decisions.csv: one row per decision (ts, decision, agent, strategy, reason, the statistics behind it, the history folder of its change set). */
export function decisionsCsv(decisions: readonly DecisionRecord[]): string {
  const header = ['ts', 'decision', 'agent', 'strategy', 'reason', ...STAT_KEYS, 'change_set'];
  const rows = decisions.map((d) => {
    const stats = STAT_KEYS.map((k) => {
      const v = d.stats?.[k];
      return v === null || v === undefined ? '' : String(v);
    });
    return [formatUtc(d.tsMs), DECISION_LABEL[d.kind], d.agent ?? '', d.strategy ?? '', d.reason, ...stats, `history/${changeSetName(d.tsMs)}`].map(cell).join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
