import { parseDecimal } from '../core/decimal-text.js';
import { stableStringify } from '../core/stable-json.js';
import { BtInputError } from '../core/errors.js';
import { importDataset } from '../../datasets/import/import-dataset.js';
import { formatInspectReport, inspectArrowFile } from '../../datasets/inspect.js';
import { importedDatasetGuard, withOutputFile } from '../io/output-file.js';

/** Options of `bt data import`. */
export interface ImportFlags {
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

/** `bt data import KIND INPUT --out FILE`: CSV / JSON / JSONL (or the live system's files) into an Arrow file. */
export async function dataImportCommand(kind: string, input: string, flags: ImportFlags): Promise<void> {
  if (flags.out === undefined) throw new BtInputError({ field: '--out', expected: 'an output file', found: 'nothing' });
  const out = flags.out;
  const maxMemoryRows = parseDecimal(flags.maxMemoryRows);
  if (!(Number.isInteger(maxMemoryRows) && maxMemoryRows >= 1)) throw new BtInputError({ field: '--max-memory-rows', expected: 'an integer >= 1', found: `'${flags.maxMemoryRows}'` });
  // bt cannot tell its kill-list copy (the input's bytes) from the user's YAML: replacing one needs --force
  const guard = kind === 'killlist'
    ? { what: 'a kill list bt copied', isOurs: () => false, force: flags.force === true }
    : importedDatasetGuard(kind, flags.force === true);
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
  for (const note of r.notes) process.stderr.write(`bt data import: note: ${input}: ${note}\n`);
  if (r.rows === 0 && r.kind !== 'killlist') process.stderr.write(`bt data import: warning: ${input} holds no ${r.kind} rows; wrote an empty ${r.kind} file (--allow-empty)\n`);
  process.stdout.write(`imported ${r.rows} ${r.kind === 'killlist' ? 'kill-list classes' : `${r.kind} rows`} into ${flags.out}\n`);
}

/** `bt data inspect FILE`: a summary of an Arrow file. */
export function dataInspectCommand(file: string, flags: { json?: boolean }): void {
  const r = inspectArrowFile(file);
  process.stdout.write(flags.json === true ? `${stableStringify(r, 2)}\n` : formatInspectReport(file, r));
}
