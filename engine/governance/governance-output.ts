import { changeSetName } from './change-set-name.js';
import { decisionsCsv } from './decisions-csv.js';
import { governanceFiles } from './governance-files.js';
import type { GovernanceInput } from './governance-input.js';
import { decisionTimes, governanceStateAt } from './governance-state.js';
import { buildNotifications, notificationsJsonl } from './notifications.js';

/** What `bt governance` writes: files under --out by relative path, and the run folder's notifications.jsonl. */
export interface GovernanceOutput {
  readonly files: Readonly<Record<string, string>>;
  readonly notifications: string;
  readonly decisionCount: number;
  readonly notificationCount: number;
}

/**
 * Returns the governance files at `atMs` (all decisions up to it in PR.md) and, with `history`,
 * one change set per decision time under history/<time>/ (PR.md listing that time's decisions
 * only) plus decisions.csv. Pure: the run's data in, file texts out.
 */
export function buildGovernanceOutput(input: GovernanceInput, atMs: number, history: boolean): GovernanceOutput {
  const files: Record<string, string> = {};
  Object.assign(files, governanceFiles(input, governanceStateAt(input, atMs), Number.NEGATIVE_INFINITY));
  const upTo = input.decisions.filter((d) => d.tsMs <= atMs);
  if (history) {
    let prev = Number.NEGATIVE_INFINITY;
    for (const t of decisionTimes(upTo)) {
      const set = governanceFiles(input, governanceStateAt(input, t), prev);
      for (const [path, text] of Object.entries(set)) files[`history/${changeSetName(t)}/${path}`] = text;
      prev = t;
    }
    files['decisions.csv'] = decisionsCsv(upTo);
  }
  const ns = buildNotifications(input);
  return { files, notifications: notificationsJsonl(ns), decisionCount: upTo.length, notificationCount: ns.length };
}
