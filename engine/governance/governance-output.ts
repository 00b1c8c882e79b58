import { decisionsCsv } from './decisions-csv.js';
import { governanceFiles } from './governance-files.js';
import type { GovernanceInput } from './governance-input.js';
import { decisionTimes, governanceStateAt } from './governance-state.js';
import { historyChangeSets, type ChangeSet } from './history-change-sets.js';
import { buildNotifications, notificationsJsonl } from './notifications.js';

/** What `bt governance` writes: files under --out by relative path, the history's change sets, and the run folder's notifications.jsonl. */
export interface GovernanceOutput {
  readonly files: Readonly<Record<string, string>>;
  /** With `history`: one change set per decision time, to go under history/<name>/, built as iterated (once); else none. */
  readonly history: Iterable<ChangeSet>;
  /** notifications.jsonl's bytes (UTF-8). */
  readonly notifications: Uint8Array;
  readonly decisionCount: number;
  readonly notificationCount: number;
}

/**
 * Returns the governance files at `atMs` (all decisions up to it in PR.md) and, with `history`,
 * decisions.csv and the change set of every decision time up to `atMs` (historyChangeSets:
 * what that time's pull request changes). Pure: the run's data in, file texts out; the change
 * sets are made as the writer asks for them, so it need not hold them all.
 */
export function buildGovernanceOutput(input: GovernanceInput, atMs: number, history: boolean): GovernanceOutput {
  const upTo = input.decisions.filter((d) => d.tsMs <= atMs);
  const files: Record<string, string> = { ...governanceFiles(input, governanceStateAt(input, atMs), Number.NEGATIVE_INFINITY) };
  if (history) files['decisions.csv'] = decisionsCsv(upTo);
  const ns = buildNotifications(input);
  return {
    files,
    history: history ? { [Symbol.iterator]: () => historyChangeSets(input, decisionTimes(upTo)) } : [],
    notifications: notificationsJsonl(ns),
    decisionCount: upTo.length,
    notificationCount: ns.length,
  };
}
