import { join, relative, resolve } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { envErrorAt } from '../io/env-error.js';
import { openJournal, readJournal } from '../sweep/journal.js';
import { openOutputFolder } from '../io/output-folder.js';
import { mergeJournals, type ShardJournal } from '../sweep/merge.js';
import { baseNotInSweepError, gatesNeedBase } from '../sweep/checks.js';
import { finishAndCommit, finishSweep, prepareGates, refuseJunitInReport, type GateFlags } from './finish-sweep.js';

/** Options of `bt merge`, as commander parses them. */
export interface MergeFlags extends GateFlags {
  readonly out?: string;
  readonly force?: boolean;
  /** false with --no-report. */
  readonly report?: boolean;
}

/** `bt merge DIR1 DIR2 ... --out DIR` (options: engine/cli/program.ts). */
export async function mergeCommand(dirs: string[], flags: MergeFlags): Promise<void> {
  const cwd = process.cwd();
  const gates = prepareGates(flags);
  const shards: ShardJournal[] = dirs.map((d) => {
    const display = relative(cwd, join(resolve(cwd, d), 'journal.jsonl'));
    const journal = readJournal(join(resolve(cwd, d), 'journal.jsonl'), display);
    if (journal === null) throw new BtInputError({ file: d, expected: 'a bt sweep output folder with journal.jsonl', found: 'no journal' });
    return { display, journal };
  });
  const { header, results, failures } = mergeJournals(shards);
  // before anything is written: the shards' header says whether the sweep holds the base's own settings
  if (gatesNeedBase(gates.checks, gates.target) && header.base_config_id === null) throw baseNotInSweepError("the sweep's space does not hold the base scenario's own settings (its shards' journals record no base configuration)", gates.checks, gates.target);
  const shownDir = resolve(cwd, flags.out ?? '.');
  refuseJunitInReport(flags.junit, shownDir);
  // built beside --out and swapped in whole, new or not: a kill never leaves a half-merged folder
  // (nothing resumes a merge; it reruns). Named as typed in messages, as bt sweep names its --out
  const folder = openOutputFolder(relative(cwd, shownDir) || '.', 'sweep', flags.force === true, 'whole', dirs);
  try {
    const outDir = folder.workDir;
    // the merged journal makes the folder a finished unsharded sweep (resumable, mergeable)
    const journal = openJournal(join(outDir, 'journal.jsonl'), header);
    try {
      for (const r of [...results, ...failures].sort((a, b) => (a.config_id < b.config_id ? -1 : a.config_id > b.config_id ? 1 : 0))) journal.append(r);
    } finally {
      journal.close();
    }
    // the report an unsharded sweep writes, even when a gate fails (bt sweep does the same)
    await finishAndCommit(outDir, folder.commit, flags, () => finishSweep(outDir, header, results, gates, flags, `, merged from ${dirs.length} shard folders`, failures, shownDir));
  } catch (err) {
    // a full disk or a read-only folder: name --out as typed (not its temp folder)
    throw envErrorAt(err, folder.workDir, flags.out ?? '.');
  } finally {
    folder.release();
  }
}
