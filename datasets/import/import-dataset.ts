/**
 * `bt data import`: CSV / JSON / JSONL (or the live system's files as they are) into an
 * Arrow file of one kind, streamed in fixed-size record batches through a temp file that is
 * renamed at the end. Any violation (first 20, then a count) aborts with nothing left behind.
 */
import { dirname } from 'node:path';
import { BtInputError, ViolationCollector, type InputErrorDetail } from '../../engine/core/errors.js';
import { compareCodeUnits } from '../../engine/core/stable-json.js';
import { writeFileAtomic } from '../../engine/io/atomic-write.js';
import { isDatasetKind, type DatasetKind } from '../schemas/dataset-kind.js';
import { KIND_FIELDS } from '../schemas/kind-fields.js';
import { didYouMean } from '../schemas/closest-name.js';
import { readKillListYaml } from '../read/read-kill-list.js';
import { readFileBytes } from '../read/open-arrow-file.js';
import { isoFromMs } from '../read/batch-chunks.js';
import { arrowSchemaFor } from '../write/arrow-schema.js';
import { openArrowSink } from '../write/arrow-file-sink.js';
import { DEFAULT_BATCH_ROWS } from '../write/write-columns.js';
import { detectFormat, openCsv, openJson, openJsonl, type RecordSource } from './record-source.js';
import { openArrow } from './arrow-records.js';
import { parseColumnMaps, resolveColumns } from './resolve-columns.js';
import { skippedColumnsNote } from './skipped-columns.js';
import { normalizeRow, type Cell } from './normalize-row.js';
import { parseTimeZone, TIME_FORMATS, type TimeFormat } from './parse-time.js';
import { newColumnBatcher } from './column-batcher.js';
import { newFastRowParser, NOT_NORMAL } from './fast-row-parser.js';
import { newRowSorter, type SortItem } from './external-sort.js';
import { compareFindingCells, FINDING_ORDER_FIELDS } from '../read/finding-order.js';
import { importAgents } from './import-agents.js';
import { IMPORT_KINDS } from './import-kinds.js';
import { isNameField, newTrimmedNames, tallyTrimmedNames, trimmedNamesNote } from './trimmed-names.js';

export { IMPORT_KINDS } from './import-kinds.js';

/** Options of one import (CLI flags, parsed). */
export interface ImportOptions {
  readonly kind: string;
  readonly input: string;
  readonly out: string;
  readonly format?: string;
  readonly maps: readonly string[];
  readonly tz: string;
  readonly timeFormat: string;
  readonly sort: boolean;
  readonly maxMemoryRows: number;
  readonly wide: boolean;
  readonly symbol?: string;
  readonly batchRows?: number;
  /** Write a file with no rows when the input holds none (otherwise that is an input error). */
  readonly allowEmpty?: boolean;
}

/** The error for an input with no data rows (a header only): an empty dataset is written only on request. */
export function noRowsError(input: string, kind: string, csv: boolean): BtInputError {
  return new BtInputError({
    file: input,
    expected: `at least one ${kind} row`,
    found: csv ? 'a header only' : 'no records',
    hint: `Pass --allow-empty to write an empty ${kind} file`,
  });
}

/** What an import wrote: the kind, its rows (kill list: classes), and notes for the user. */
export interface ImportResult {
  readonly kind: string;
  readonly rows: number;
  /**
   * What the user should know of what was written: names trimmed of surrounding spaces
   * (trimmed-names.ts), input columns left out that look like an optional field
   * (skipped-columns.ts), agents that all take no capital (disabled-agents-note.ts).
   */
  readonly notes: readonly string[];
}

const givenNotes = (notes: readonly (string | null)[]): string[] => notes.filter((n): n is string => n !== null);

/** Imports one file; returns the kind, the number of rows (kill list: classes) written and notes. */
export async function importDataset(o: ImportOptions): Promise<ImportResult> {
  const kinds: readonly string[] = IMPORT_KINDS;
  if (!kinds.includes(o.kind)) throw new BtInputError({ field: 'KIND', expected: `one of ${IMPORT_KINDS.join(', ')}`, found: `'${o.kind}'`, hint: didYouMean(o.kind, kinds) });
  if (o.kind === 'killlist') {
    const list = readKillListYaml(o.input);
    writeFileAtomic(o.out, readFileBytes(o.input));
    return { kind: o.kind, rows: Object.keys(list).length, notes: [] };
  }
  if (!isDatasetKind(o.kind)) throw new BtInputError({ field: 'KIND', expected: IMPORT_KINDS.join(', '), found: o.kind });
  const kind: DatasetKind = o.kind;
  if (!(TIME_FORMATS as readonly string[]).includes(o.timeFormat)) {
    throw new BtInputError({ field: '--time-format', expected: `one of ${TIME_FORMATS.join(', ')}`, found: `'${o.timeFormat}'`, hint: didYouMean(o.timeFormat, TIME_FORMATS) });
  }
  if (!Number.isInteger(o.maxMemoryRows) || o.maxMemoryRows < 1) throw new BtInputError({ field: '--max-memory-rows', expected: 'an integer >= 1', found: String(o.maxMemoryRows) });
  if (o.wide && kind !== 'prices') throw new BtInputError({ field: '--wide', expected: 'KIND prices', found: kind });
  const tz = parseTimeZone(o.tz);
  const timeFormat = o.timeFormat as TimeFormat;
  const maps = parseColumnMaps(o.maps, kind);
  const fmt = detectFormat(o.input, o.format);
  const src: RecordSource = fmt === 'csv' ? await openCsv(o.input) : fmt === 'jsonl' ? await openJsonl(o.input) : fmt === 'arrow' ? openArrow(o.input) : openJson(o.input, kind === 'agents' ? 'agent' : '_key');
  if (kind === 'agents') {
    const empty = o.allowEmpty === true ? null : noRowsError(o.input, kind, fmt === 'csv');
    const trimmed = newTrimmedNames();
    const { rows, note } = await importAgents(o.input, src, maps, { timeFormat, tz }, o.out, empty, trimmed);
    return { kind, rows, notes: givenNotes([trimmedNamesNote(trimmed), note]) };
  }

  const optional = new Set<string>(o.wide ? ['symbol', 'close'] : o.symbol !== undefined ? ['symbol'] : []);
  const res = resolveColumns(o.input, kind, src.columns, maps, optional);
  if (o.sort && kind === 'reconciled' && !res.present.has('ts')) throw new BtInputError({ file: o.input, field: '--sort', expected: 'a ts column to sort by', found: 'none' });
  const tsIdx = res.index[0] ?? -1;
  const wideSymbols = o.wide
    ? src.columns.map((c, i) => ({ c, i })).filter((x) => x.i !== tsIdx).sort((a, b) => compareCodeUnits(a.c, b.c) || a.i - b.i)
    : [];
  const present = o.wide ? new Set<string>() : res.present;
  const schema = arrowSchemaFor(kind, present);
  const specs = KIND_FIELDS[kind];
  const cellIndex = schema.fields.map((f) => specs.findIndex((s) => s.name === f.name));
  const fieldSpecs = specs.filter((s) => schema.fields.some((f) => f.name === s.name));
  const v = new ViolationCollector();
  const sink = openArrowSink(o.out, schema);
  const batcher = newColumnBatcher(schema, fieldSpecs, cellIndex, sink, o.batchRows ?? DEFAULT_BATCH_ROWS);
  const checkTime = kind !== 'reconciled' || o.sort;
  const compare = (a: readonly Cell[], b: readonly Cell[]): number => {
    // findings: the one order a run accepts (finding-order.ts), ties included
    if (kind === 'findings') return compareFindingCells(a, b);
    const d = (a[0] as number) - (b[0] as number);
    return d !== 0 || kind !== 'prices' ? d : compareCodeUnits(a[1] as string, b[1] as string);
  };
  const sorter = newRowSorter((a: SortItem, b: SortItem) => compare(a.row, b.row) || a.seq - b.seq, o.maxMemoryRows, dirname(o.out));
  const where = (line: number) => (fmt === 'json' ? { row: line } : { line });
  let prevRow: readonly Cell[] | undefined;
  let prevLine = 0;
  let disorderReported = false;
  const accept = (row: readonly Cell[], line: number): void => {
    if (prevRow !== undefined && checkTime && row[0] !== null && prevRow[0] !== null) {
      const c = compare(prevRow, row);
      if (c > 0 && !disorderReported) {
        disorderReported = true;
        const tie = kind === 'findings' && prevRow[0] === row[0];
        const show = (r: readonly Cell[]): string => `${isoFromMs(r[0] as number)}${kind === 'prices' ? ` ${String(r[1])}` : tie ? ` ${String(r[1])} ${String(r[2])}` : ''}`;
        const what = kind === 'prices' ? 'ts then symbol' : tie ? FINDING_ORDER_FIELDS.join(', ') : 'ts';
        const field = kind === 'prices' ? 'ts, symbol' : tie ? FINDING_ORDER_FIELDS.join(', ') : 'ts';
        const hint = tie ? "The findings of one time are not in the order a run reads (their order would change an agent's outcome sequence); pass --sort to sort them" : 'The input is not in time order; pass --sort to sort it';
        v.add({ file: o.input, ...where(line), field, expected: `rows in order of ${what} (at or after ${show(prevRow)} of the previous row)`, found: show(row), hint });
      } else if (c === 0 && kind === 'prices') {
        v.add({ file: o.input, ...where(line), field: 'ts, symbol', expected: 'one row per (ts, symbol)', found: `a duplicate of line ${prevLine}` });
      }
    }
    prevRow = row;
    prevLine = line;
    if (v.count === 0) batcher.add(row);
  };
  const fast = newFastRowParser(kind, timeFormat, tz);
  const report = (d: InputErrorDetail): void => v.add(d);
  let seq = 0;
  const trimmed = newTrimmedNames();
  const nameFields = specs.flatMap((f, k) => (isNameField(f) ? [k] : []));
  // Normalizes one record's cells (field order): the fast parser, else normalizeRow (which reports).
  const take = (cells: readonly unknown[], line: number): void => {
    tallyTrimmedNames(trimmed, specs, nameFields, cells, fmt === 'json' ? `row ${line}` : `line ${line}`);
    let row: Cell[] | undefined | typeof NOT_NORMAL = fast(cells);
    if (row === NOT_NORMAL) row = normalizeRow(kind, cells, { file: o.input, ...where(line), timeFormat, tz }, report);
    if (row === undefined) return;
    if (o.sort) sorter.add({ seq: seq++, line, row });
    else accept(row, line);
  };
  const index = res.index;
  const cells: unknown[] = index.map(() => undefined);
  try {
    for await (const batch of src.batches) {
      for (const rec of batch) {
        const line = rec.line ?? rec.row ?? 0;
        if (o.wide) {
          for (const s of wideSymbols) if (!isBlankCell(rec.cells[s.i])) take([rec.cells[tsIdx], s.c, rec.cells[s.i]], line);
          continue;
        }
        for (let k = 0; k < index.length; k++) {
          const i = index[k] ?? -1;
          cells[k] = i >= 0 ? rec.cells[i] : k === 1 && o.symbol !== undefined ? o.symbol : undefined;
        }
        take(cells, line);
      }
    }
    if (o.sort && v.count === 0) for await (const it of sorter.sorted()) accept(it.row, it.line);
    v.throwIfAny();
    batcher.flush();
    if (batcher.rowsWritten() === 0 && o.allowEmpty !== true) throw noRowsError(o.input, kind, fmt === 'csv');
    sink.commit();
    return { kind, rows: batcher.rowsWritten(), notes: givenNotes([trimmedNamesNote(trimmed), o.wide ? null : skippedColumnsNote(kind, src.columns, res.index)]) };
  } catch (err) {
    sink.abort();
    throw err;
  } finally {
    sorter.cleanup();
  }
}

function isBlankCell(x: unknown): boolean {
  return x === undefined || x === null || (typeof x === 'string' && x.trim() === '');
}
