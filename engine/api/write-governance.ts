import { join, resolve } from 'node:path';
import { acquireOutputLock } from '../io/output-lock.js';
import { checkReplaceableFolder } from '../io/output-kind.js';
import { refuseInputsInside, writeDirAtomic, writeFileAtomic } from '../io/atomic-write.js';
import { outputFs } from '../io/output-fs.js';
import { recoverStaleOutputs } from '../io/recover-stale-outputs.js';
import { writeFilesUnder } from '../io/write-files-under.js';
import { readGovernanceInput, type KillListLookup } from '../io/read-governance-input.js';
import { buildGovernanceOutput, type GovernanceOutput } from '../governance/governance-output.js';
import type { GovernanceLog } from '../governance/governance-log.js';
import { BtInputError } from '../core/errors.js';

/** What writeGovernance did, for the summary line. */
export interface GovernanceSummary {
  readonly files: number;
  readonly decisions: number;
  readonly notifications: number;
  readonly note: string | null;
}

/** Options of writeGovernance. */
export interface GovernanceWriteOptions {
  readonly atMs?: number;
  readonly history: boolean;
  readonly killList: KillListLookup;
  /** Replace an --out folder bt did not write (`--force`). */
  readonly force?: boolean;
}

async function build(runDir: string, opts: GovernanceWriteOptions, known: GovernanceLog | null): Promise<{ out: GovernanceOutput; note: string | null; inputs: string[] }> {
  const { input, note, killListFile } = await readGovernanceInput(runDir, opts.killList, known);
  const [startMs, endMs] = [input.startMs, input.endMs];
  // Outside the run there is no state to show: before it, the roster would come from the run itself (its future).
  if (opts.atMs !== undefined && (opts.atMs < startMs || opts.atMs > endMs)) {
    throw new BtInputError({ field: '--at', expected: `a time within the run (${isoTime(startMs)} .. ${isoTime(endMs)})`, found: isoTime(opts.atMs) });
  }
  return { out: buildGovernanceOutput(input, opts.atMs ?? endMs, opts.history), note, inputs: killListFile !== null ? [runDir, killListFile] : [runDir] };
}

const isoTime = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

const summaryOf = (out: GovernanceOutput, files: number, note: string | null): GovernanceSummary => ({ files, decisions: out.decisionCount, notifications: out.notificationCount, note });

/** Writes the governance files under `dir`, then the history's change sets one at a time (each made as it is written: memory holds one); returns how many files. */
function writeGovernanceFiles(dir: string, out: GovernanceOutput): number {
  writeFilesUnder(dir, out.files);
  let count = Object.keys(out.files).length;
  for (const set of out.history) {
    writeFilesUnder(join(dir, 'history', set.name), set.files);
    count += Object.keys(set.files).length;
  }
  return count;
}

/**
 * Reads a run folder, then writes the governance files as the output folder `outDir` (kind
 * governance: built in a temp folder and swapped in whole, so it holds one call's files or its
 * old ones, never a mix; a folder bt did not write is refused unless `force`,
 * engine/io/atomic-write.ts) and notifications.jsonl into the run folder (temp file, rename),
 * under the run folder's lock. Everything is read and checked before the first write, so bad
 * input leaves nothing behind (the history's change sets are made from it as they are written
 * into the temp folder: one in memory at a time).
 */
export async function writeGovernance(runDir: string, outDir: string, opts: GovernanceWriteOptions): Promise<GovernanceSummary> {
  // The run folder's lock, as bt run takes it: no bt run replaces the folder between the read and
  // the write of its notifications.jsonl (which would land in the other run's folder).
  const release = acquireOutputLock(resolve(runDir), { shown: runDir });
  try {
    // a killed call's temp notifications file, inside the run folder: no other writer looks there
    recoverStaleOutputs(runDir);
    const { out, note, inputs } = await build(runDir, opts, null);
    // --out refused before any write; the run folder's file first, so a failure there (a read-only
    // archive, a full disk) leaves --out as it was
    // (the run folder or the kill list inside --out, or --out itself: the swap would delete them, --force or not)
    refuseInputsInside(outDir, inputs);
    checkReplaceableFolder(outDir, 'governance', opts.force === true);
    writeFileAtomic(join(runDir, 'notifications.jsonl'), out.notifications);
    let files = 0;
    await writeDirAtomic(outDir, { kind: 'governance', force: opts.force === true, inputs }, (tmp) => {
      files = writeGovernanceFiles(tmp, out);
    });
    return summaryOf(out, files, note);
  } finally {
    release();
  }
}

/**
 * `bt run --governance`: the governance files under `runTmp`/governance and notifications.jsonl
 * in the run's temp folder, which is swapped in whole with the run. `known`: the governance log
 * the run collected as it wrote events.arrow, so the file is not read back.
 */
export async function writeRunGovernance(runTmp: string, killList: KillListLookup, known: GovernanceLog | null): Promise<GovernanceSummary> {
  const { out, note } = await build(runTmp, { history: true, killList }, known);
  const files = writeGovernanceFiles(join(runTmp, 'governance'), out);
  outputFs.writeFile(join(runTmp, 'notifications.jsonl'), out.notifications);
  return summaryOf(out, files, note);
}
