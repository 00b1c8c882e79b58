import type { Command } from 'commander';
import { stableStringify } from '../core/stable-json.js';
import { BtInputError } from '../core/errors.js';
import { registerDataGenerate } from './data-generate.js';
import { importDataset, IMPORT_KINDS } from '../../datasets/import/import-dataset.js';
import { TIME_FORMATS } from '../../datasets/import/parse-time.js';
import { formatInspectReport, inspectArrowFile } from '../../datasets/inspect.js';
import { isArrowFile, withOutputFile } from '../io/output-file.js';

interface ImportFlags {
  readonly out?: string;
  readonly map: string[];
  readonly tz: string;
  readonly timeFormat: string;
  readonly sort?: boolean;
  readonly maxMemoryRows: string;
  readonly wide?: boolean;
  readonly format?: string;
  readonly symbol?: string;
  readonly force?: boolean;
  readonly allowEmpty?: boolean;
}

/** Registers `bt data` with its subcommands: import, inspect, generate. */
export function registerData(program: Command): void {
  const data = program.command('data').description('Import, inspect and generate datasets (Arrow IPC files)');
  data
    .command('import')
    .description(`Import CSV / JSON / JSONL (or the live system's files) into an Arrow file`)
    .argument('<kind>', `${IMPORT_KINDS.join(' | ')}`)
    .argument('<input>', 'input file (.csv, .jsonl, .ndjson, .json; killlist: .yaml)')
    .option('--out <file>', 'output file (written to a temp file, then renamed); an existing one is replaced only if it is an Arrow file')
    .option('--force', 'replace --out even when it is not an Arrow file (a kill list copy always needs it)')
    .option('--map <col=field>', 'read input column COL as FIELD (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--tz <zone>', 'zone of naive times: UTC, +hh:mm or an IANA name', 'UTC')
    .option('--time-format <fmt>', `${TIME_FORMATS.join(' | ')}`, 'iso')
    .option('--format <fmt>', 'csv | jsonl | json (default: from the file extension)')
    .option('--sort', 'sort rows by time (stable: ties keep input order)')
    .option('--max-memory-rows <n>', 'rows sorted in memory before spilling sorted runs to disk', '5000000')
    .option('--wide', 'prices: a date column plus one close column per symbol')
    .option('--symbol <name>', 'prices: symbol of every row when the input has no symbol column')
    .option('--allow-empty', 'write the file even when the input holds no rows (a header only); warns on stderr')
    .action(async (kind: string, input: string, flags: ImportFlags) => {
      if (flags.out === undefined) throw new BtInputError({ field: '--out', expected: 'an output file', found: 'nothing' });
      const out = flags.out;
      const maxMemoryRows = Number(flags.maxMemoryRows);
      // bt cannot tell its kill-list copy (the input's bytes) from the user's YAML: replacing one needs --force
      const guard = kind === 'killlist'
        ? { what: 'a kill list bt copied', isOurs: () => false, force: flags.force === true }
        : { what: 'an Arrow file', isOurs: isArrowFile, force: flags.force === true };
      const r = await withOutputFile(out, guard, () => importDataset({
        kind,
        input,
        out,
        maps: flags.map,
        tz: flags.tz,
        timeFormat: flags.timeFormat,
        sort: flags.sort === true,
        maxMemoryRows,
        wide: flags.wide === true,
        ...(flags.format !== undefined ? { format: flags.format } : {}),
        ...(flags.symbol !== undefined ? { symbol: flags.symbol } : {}),
        allowEmpty: flags.allowEmpty === true,
      }));
      if (r.rows === 0 && r.kind !== 'killlist') process.stderr.write(`bt data import: warning: ${input} holds no ${r.kind} rows; wrote an empty ${r.kind} file (--allow-empty)\n`);
      process.stdout.write(`imported ${r.rows} ${r.kind === 'killlist' ? 'kill-list classes' : `${r.kind} rows`} into ${flags.out}\n`);
    });
  data
    .command('inspect')
    .description('Summarize an Arrow file: schema, rows, time range, distinct agents/symbols, nulls, order, duplicates')
    .argument('<file>', 'Arrow IPC file written by bt')
    .option('--json', 'print the summary as JSON')
    .action((file: string, flags: { json?: boolean }) => {
      const r = inspectArrowFile(file);
      process.stdout.write(flags.json === true ? `${stableStringify(r, 2)}\n` : formatInspectReport(file, r));
    });
  registerDataGenerate(data);
}
