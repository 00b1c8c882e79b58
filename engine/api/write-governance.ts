import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readGovernanceInput, type KillListLookup } from '../io/read-governance-input.js';
import { buildGovernanceOutput } from '../governance/governance-output.js';
import type { GovernanceLog } from '../governance/governance-log.js';
import { runEndMs } from '../governance/governance-state.js';

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
 * before the first write, so bad input leaves nothing behind. `known`: the run's governance log
 * when the caller holds it (bt run --governance), so events.arrow is not read back.
 */
export async function writeGovernance(runDir: string, outDir: string, opts: { readonly atMs?: number; readonly history: boolean; readonly killList: KillListLookup }, known: GovernanceLog | null = null): Promise<GovernanceSummary> {
  const { input, note } = await readGovernanceInput(runDir, opts.killList, known);
  const out = buildGovernanceOutput(input, opts.atMs ?? runEndMs(input), opts.history);
  for (const path of Object.keys(out.files).sort()) writeFileAtomic(join(outDir, path), out.files[path] as string);
  writeFileAtomic(join(runDir, 'notifications.jsonl'), out.notifications);
  return { files: Object.keys(out.files).length, decisions: out.decisionCount, notifications: out.notificationCount, note };
}

