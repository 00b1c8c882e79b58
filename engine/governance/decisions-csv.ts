import { csvCell, csvTime } from '../core/csv-cell.js';
import type { DecisionRecord } from './governance-input.js';
import { DECISION_LABEL, STAT_KEYS } from './decision-label.js';
import { changeSetName } from './change-set-name.js';

/** Returns decisions.csv: one row per decision (ts, as every CSV bt writes: csvTime; decision, agent, strategy, reason, the statistics behind it, the history folder of its change set). */
export function decisionsCsv(decisions: readonly DecisionRecord[]): string {
  const header = ['ts', 'decision', 'agent', 'strategy', 'reason', ...STAT_KEYS, 'change_set'];
  const rows = decisions.map((d) => {
    const stats = STAT_KEYS.map((k) => {
      const v = d.stats?.[k];
      return v === null || v === undefined ? '' : String(v);
    });
    return [csvTime(d.tsMs), DECISION_LABEL[d.kind], d.agent ?? '', d.strategy ?? '', d.reason, ...stats, `history/${changeSetName(d.tsMs)}`].map(csvCell).join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
