import { join, relative } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { writeGovernance } from '../api/write-governance.js';
import type { KillListLookup } from '../io/read-governance-input.js';
import { otherEngineNote } from '../io/run-json.js';
import { parseDateMs } from '../scenario/date.js';

/** Options of `bt governance`. */
export interface GovernanceFlags {
  readonly out: string;
  readonly at?: string;
  readonly history?: boolean;
  readonly killList?: string;
  readonly force?: boolean;
  readonly quiet?: boolean;
}

/** `bt governance RUN_DIR --out DIR [--at TIME] [--history]`. */
export async function governanceCommand(runDir: string, flags: GovernanceFlags): Promise<void> {
  let atMs: number | undefined;
  if (flags.at !== undefined) {
    atMs = parseDateMs(flags.at);
    if (atMs === undefined) throw new BtInputError({ field: '--at', expected: "a date such as '2005-06-30' or '2005-06-30T12:00:00Z'", found: `'${flags.at}'` });
  }
  const killList: KillListLookup = flags.killList !== undefined ? { file: flags.killList, bases: [] } : { bases: ['scenarios', '.'] };
  const s = await writeGovernance(runDir, flags.out, { ...(atMs !== undefined ? { atMs } : {}), history: flags.history === true, killList, force: flags.force === true });
  for (const note of [otherEngineNote(runDir), s.note]) if (note !== null) process.stderr.write(`bt governance: note: ${note}\n`);
  if (flags.quiet === true) return;
  const out = relative(process.cwd(), flags.out) || '.';
  process.stdout.write(`bt governance: ${s.files} files in ${out}/ (${s.decisions} decisions), ${s.notifications} notifications in ${relative(process.cwd(), join(runDir, 'notifications.jsonl'))}\n`);
}
