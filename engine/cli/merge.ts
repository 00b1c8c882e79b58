import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { openJournal, readJournal } from '../sweep/journal.js';
import { openOutputFolder } from '../io/output-folder.js';
import { mergeJournals, type ShardJournal } from '../sweep/merge.js';
import { finishSweep, prepareGates, type GateFlags } from './sweep.js';

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
  const outDir = resolve(cwd, flags.out ?? '.');
  const folder = openOutputFolder(outDir, 'sweep', flags.force === true);
  try {
    // the merged journal makes the folder a finished unsharded sweep (resumable, mergeable)
    const journal = openJournal(join(outDir, 'journal.jsonl'), header);
    try {
      for (const r of [...results, ...failures].sort((a, b) => (a.config_id < b.config_id ? -1 : a.config_id > b.config_id ? 1 : 0))) journal.append(r);
    } finally {
      journal.close();
    }
    try {
      finishSweep(outDir, header, results, gates, flags, `, merged from ${dirs.length} shard folders`, failures);
    } finally {
      // the report an unsharded sweep writes, even when a gate fails (bt sweep does the same)
      if (flags.report !== false && existsSync(join(outDir, 'results.arrow'))) await (await import('../report/write-sweep-report.js')).writeSweepReport(outDir, {});
    }
  } finally {
    folder.release();
  }
}
