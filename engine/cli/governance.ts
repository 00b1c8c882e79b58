import { join, relative } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readGovernanceInput, type KillListLookup } from '../io/read-governance-input.js';
import { buildGovernanceOutput } from '../governance/governance-output.js';
import { runEndMs } from '../governance/governance-state.js';
import { parseDateMs } from '../scenario/date.js';

/** Options of `bt governance`. */
export interface GovernanceFlags {
  readonly out: string;
  readonly at?: string;
  readonly history?: boolean;
  readonly killList?: string;
  readonly quiet?: boolean;
}

/** What writeGovernance did, for the summary line. */
export interface GovernanceSummary {
  readonly files: number;
  readonly decisions: number;
  readonly notifications: number;
  readonly note: string | null;
}

/**
 * Reads a run folder, then writes the governance files under `outDir` and notifications.jsonl
 * into the run folder, each through a temp file and a rename. Everything is read and built
 * before the first write, so bad input leaves nothing behind.
 */
export function writeGovernance(runDir: string, outDir: string, opts: { readonly atMs?: number; readonly history: boolean; readonly killList: KillListLookup }): GovernanceSummary {
  const { input, note } = readGovernanceInput(runDir, opts.killList);
  const out = buildGovernanceOutput(input, opts.atMs ?? runEndMs(input), opts.history);
  for (const path of Object.keys(out.files).sort()) writeFileAtomic(join(outDir, path), out.files[path] as string);
  writeFileAtomic(join(runDir, 'notifications.jsonl'), out.notifications);
  return { files: Object.keys(out.files).length, decisions: out.decisionCount, notifications: out.notificationCount, note };
}

/** `bt governance RUN_DIR --out DIR [--at TIME] [--history]`. */
export function governanceCommand(runDir: string, flags: GovernanceFlags): void {
  let atMs: number | undefined;
  if (flags.at !== undefined) {
    atMs = parseDateMs(flags.at);
    if (atMs === undefined) throw new BtInputError({ field: '--at', expected: "a date such as '2005-06-30' or '2005-06-30T12:00:00Z'", found: `'${flags.at}'` });
  }
  const killList: KillListLookup = flags.killList !== undefined ? { file: flags.killList, bases: [] } : { bases: ['scenarios', '.'] };
  const s = writeGovernance(runDir, flags.out, { ...(atMs !== undefined ? { atMs } : {}), history: flags.history === true, killList });
  if (s.note !== null) process.stderr.write(`bt governance: note: ${s.note}\n`);
  if (flags.quiet === true) return;
  const out = relative(process.cwd(), flags.out) || '.';
  process.stdout.write(`bt governance: ${s.files} files in ${out}/ (${s.decisions} decisions), ${s.notifications} notifications in ${relative(process.cwd(), join(runDir, 'notifications.jsonl'))}\n`);
}
