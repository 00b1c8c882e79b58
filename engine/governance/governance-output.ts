import { changeSetName } from './change-set-name.js';
import { decisionsCsv } from './decisions-csv.js';
import { governanceFiles } from './governance-files.js';
import type { GovernanceInput } from './governance-input.js';
import { decisionTimes, governanceStatesAt, type GovernanceState } from './governance-state.js';
import { buildNotifications, notificationsJsonl } from './notifications.js';

/** What `bt governance` writes: files under --out by relative path, and the run folder's notifications.jsonl. */
export interface GovernanceOutput {
  readonly files: Readonly<Record<string, string>>;
  /** notifications.jsonl's bytes (UTF-8). */
  readonly notifications: Uint8Array;
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
  const upTo = input.decisions.filter((d) => d.tsMs <= atMs);
  const times = history ? decisionTimes(upTo) : [];
  // The states at atMs and at every decision time, from one fold of the log.
  const [now, ...then] = governanceStatesAt(input, [atMs, ...times]);
  Object.assign(files, governanceFiles(input, now as GovernanceState, Number.NEGATIVE_INFINITY));
  if (history) {
    let prev = Number.NEGATIVE_INFINITY;
    for (const [i, t] of times.entries()) {
      const set = governanceFiles(input, then[i] as GovernanceState, prev);
      for (const [path, text] of Object.entries(set)) files[`history/${changeSetName(t)}/${path}`] = text;
      prev = t;
    }
    files['decisions.csv'] = decisionsCsv(upTo);
  }
  const ns = buildNotifications(input);
  return { files, notifications: notificationsJsonl(ns), decisionCount: upTo.length, notificationCount: ns.length };
}
