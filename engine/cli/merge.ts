import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { BtInputError } from '../core/errors.js';
import { openJournal, readJournal } from '../sweep/journal.js';
import { openOutputFolder } from '../io/output-folder.js';
import { mergeJournals, type ShardJournal } from '../sweep/merge.js';
import { addGateOptions, finishSweep, prepareGates, type GateFlags } from './sweep.js';

interface MergeFlags extends GateFlags {
  readonly out?: string;
  readonly force?: boolean;
}

/** Registers `bt merge DIR1 DIR2 ... --out DIR`. */
export function registerMerge(program: Command): void {
  const cmd = program
    .command('merge')
    .description('Combine the folders of sweep shards (--shard i/n) into the table an unsharded sweep writes')
    .argument('<dirs...>', 'shard output folders (each with journal.jsonl)')
    .requiredOption('--out <dir>', 'output folder of the merged sweep; an existing one is replaced only if bt wrote it')
    .option('--force', 'replace --out even when it is not a bt sweep folder');
  addGateOptions(cmd).action((dirs: string[], flags: MergeFlags) => {
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
      finishSweep(outDir, header, results, gates, flags, `, merged from ${dirs.length} shard folders`, failures);
    } finally {
      folder.release();
    }
  });
}
