import { closeSync, existsSync, fsync, fsyncSync, ftruncateSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BtInputError } from '../core/errors.js';
import type { RunMetrics } from '../run/run-metrics.js';
import type { ParamValue } from '../scenario/param-spec.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { outputFs } from '../io/output-fs.js';
import { checkJournalLine, journalLine } from './journal-line.js';
import { headerProblem, recordProblem } from './journal-shape.js';

/**
 * The journal's layout: 2 since each line carries its own checksum (journal-line.ts). A
 * format-1 journal (lines not checksummed) is refused: an edited line would reach the tables.
 */
export const JOURNAL_FORMAT = 2;

/** Header fields that say how a journal's configurations are ranked, which the sweep id does not cover: --resume and bt merge refuse a journal whose ranking differs. */
export const RANKING_FIELDS = ['objective', 'direction', 'walk_forward_windows'] as const;

/** First line of a journal: which sweep (and which shard of it) the results belong to. */
export interface JournalHeader {
  readonly kind: 'header';
  readonly format: typeof JOURNAL_FORMAT;
  /** What the engine computes (manifest.ts ENGINE_VERSION); absent in journals from before it was recorded. */
  readonly engine_version?: string;
  readonly sweep: string;
  /** configId of every configuration id of the whole sweep plus the data hashes. */
  readonly sweep_id: string;
  readonly data_sha256: Readonly<Record<string, string>>;
  /** Swept dotted paths in the sweep file's order (space.ts spacePaths): the results table's parameter columns. */
  readonly params: readonly string[];
  readonly objective: string;
  readonly direction: 'maximize' | 'minimize';
  readonly walk_forward_windows: number | null;
  /** The base scenario's own config id when the sweep holds its settings, else null (base-config.ts): what --check-on base gates, also after bt merge. */
  readonly base_config_id: string | null;
  readonly shard: { readonly index: number; readonly count: number };
  /** Configurations in the whole sweep, and how many spellings resolved to an earlier id. */
  readonly n_total: number;
  readonly duplicates: number;
  /** This shard's configuration ids, sorted. */
  readonly config_ids: readonly string[];
}

/** One finished configuration: parameters, metrics and equity curve (ts in epoch ms). */
export interface JournalResult {
  readonly kind: 'result';
  readonly config_id: string;
  readonly params: Readonly<Record<string, ParamValue | null>>;
  readonly metrics: RunMetrics;
  readonly curve: { readonly ts: readonly number[]; readonly equity: readonly number[] };
}

/** One configuration that failed (bad input or an internal error): recorded, and the sweep goes on. */
export interface JournalFailure {
  readonly kind: 'failure';
  readonly config_id: string;
  readonly params: Readonly<Record<string, ParamValue | null>>;
  /** The error message (for an internal error, without its stack). */
  readonly error: string;
}

/** A journal as read back: its header, its results and failures (first line per id) and the bytes up to the last whole line. */
export interface JournalContents {
  readonly header: JournalHeader;
  readonly results: readonly JournalResult[];
  readonly failures: readonly JournalFailure[];
  readonly validBytes: number;
}

const RERUN_CONFIG = 'Delete that line: bt sweep --resume runs its configuration again';
const RERUN_SWEEP = 'A journal header cannot be mended: run the sweep again into a new folder';

/** Returns the record a line holds after checking its checksum; `n` is its 1-based line number. */
function parseLine(line: string, n: number, file: string): unknown {
  const notJson = (): BtInputError => new BtInputError({ file, line: n, expected: 'one JSON record per line', found: `'${line.slice(0, 40)}'`, hint: 'Only the last line of a journal can be torn; remove the folder and run the sweep again' });
  const checked = checkJournalLine(line);
  if (checked.ok) {
    try {
      return JSON.parse(checked.json) as unknown;
    } catch {
      throw notJson();
    }
  }
  const hint = n === 1 ? RERUN_SWEEP : RERUN_CONFIG;
  if (checked.stored !== null) {
    throw new BtInputError({ file, line: n, expected: 'a line as bt wrote it (its line_sha256, the first 16 hex of the sha256 of the rest of the line)', found: `line_sha256 ${checked.stored}, where the rest hashes to ${checked.actual ?? ''}: the line was changed after bt wrote it`, hint });
  }
  let record: unknown;
  try {
    record = JSON.parse(line) as unknown;
  } catch {
    throw notJson();
  }
  const header = record as Partial<JournalHeader> | null;
  if (n === 1 && header?.kind === 'header' && typeof header.format === 'number' && header.format < JOURNAL_FORMAT) {
    throw new BtInputError({ file, line: n, expected: `a bt sweep journal header (format ${JOURNAL_FORMAT}: every line checksummed)`, found: `format ${header.format}, written by an earlier bt (its lines carry no checksum, so an edited one would go unnoticed)`, hint: 'Run the sweep again into a new folder' });
  }
  if (n === 1) throw new BtInputError({ file, line: n, expected: `a bt sweep journal header (format ${JOURNAL_FORMAT})`, found: 'a line without its line_sha256 checksum', hint });
  throw new BtInputError({ file, line: n, expected: 'a line as bt wrote it, ending in its line_sha256 checksum', found: 'a line without one', hint });
}

/**
 * Returns the journal's lines parsed, each checked against its checksum and its record's shape
 * (journal-shape.ts); a torn (unterminated) last line is ignored, any other bad line is an error.
 */
export function parseJournal(text: string, file: string): JournalContents {
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n');
  lines.pop();
  const records: unknown[] = lines.map((line, i) => parseLine(line, i + 1, file));
  const first = records[0] as Partial<JournalHeader> | null | undefined;
  if (first?.kind !== 'header' || first.format !== JOURNAL_FORMAT) {
    const found = first === undefined ? 'an empty journal' : first?.kind === 'header' ? `format ${String(first.format)}` : 'another record';
    throw new BtInputError({ file, line: 1, expected: `a bt sweep journal header (format ${JOURNAL_FORMAT})`, found });
  }
  const bad = headerProblem(first as Record<string, unknown>);
  if (bad !== null) throw new BtInputError({ file, line: 1, ...bad, hint: RERUN_SWEEP });
  const header = first as JournalHeader;
  const ids = new Set(header.config_ids);
  const seen = new Set<string>();
  const results: JournalResult[] = [];
  const failures: JournalFailure[] = [];
  for (let i = 1; i < records.length; i++) {
    const r = records[i];
    const problem = recordProblem(r, header, ids);
    if (problem !== null) throw new BtInputError({ file, line: i + 1, ...problem, hint: RERUN_CONFIG });
    const rec = r as unknown as JournalResult | JournalFailure; // its shape checked above
    if (seen.has(rec.config_id)) continue;
    seen.add(rec.config_id);
    if (rec.kind === 'result') results.push(rec);
    else failures.push(rec);
  }
  return { header, results, failures, validBytes: Buffer.byteLength(text.slice(0, end), 'utf8') };
}

/** Returns the journal at `path`, or null when there is none. */
export function readJournal(path: string, display: string): JournalContents | null {
  if (!existsSync(path)) return null;
  return parseJournal(readFileSync(path, 'utf8'), display);
}

/** An open journal: append one finished (or failed) configuration per call. */
export interface JournalWriter {
  /**
   * Appends one line with one write, so a killed process loses at most the line being written.
   * The line reaches the disk by a background fsync (one at a time, each covering every line
   * written before it): a configuration no longer waits ~3-10 ms for the disk, and an OS
   * crash loses at most the lines since the last fsync finished (a torn last line is ignored).
   */
  readonly append: (r: JournalResult | JournalFailure) => void;
  /** Fsyncs whatever the background fsync has not covered and closes the file. */
  readonly close: () => void;
}

/** Returns a function that starts a background fsync of `fd`, or marks one due when one is running. */
function backgroundSync(fd: number, isOpen: () => boolean): () => void {
  let running = false;
  let due = false;
  const start = (): void => {
    running = true;
    due = false;
    // An error here (or EBADF once closed) is not lost: close()'s own fsyncSync reports it.
    fsync(fd, () => {
      running = false;
      if (due && isOpen()) start();
    });
  };
  return () => {
    if (running) due = true;
    else start();
  };
}

function fsyncDir(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens the journal at `path` for appending. Without `resumeAt` it starts a new journal
 * holding only `header`; with it, the file is cut back to `resumeAt` bytes (dropping a torn
 * last line) and appended to.
 */
export function openJournal(path: string, header: JournalHeader, resumeAt?: number): JournalWriter {
  const headerLine = `${journalLine(header)}\n`;
  if (resumeAt === undefined) {
    writeFileAtomic(path, headerLine);
    fsyncDir(path);
  }
  const fd = outputFs.open(path, 'r+');
  const size = resumeAt ?? Buffer.byteLength(headerLine, 'utf8');
  ftruncateSync(fd, size);
  let pos = size;
  fsyncSync(fd);
  let open = true;
  const sync = backgroundSync(fd, () => open);
  return {
    append(r) {
      const line = Buffer.from(`${journalLine(r)}\n`, 'utf8');
      outputFs.write(fd, line, path, pos);
      pos += line.length;
      sync();
    },
    close() {
      open = false;
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}
