import { closeSync, existsSync, fsync, fsyncSync, ftruncateSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import type { RunMetrics } from '../run/run-metrics.js';
import type { ParamValue } from '../scenario/param-spec.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { outputFs } from '../io/output-fs.js';

/** Header fields that say how a journal's configurations are ranked, which the sweep id does not cover: --resume and bt merge refuse a journal whose ranking differs. */
export const RANKING_FIELDS = ['objective', 'direction', 'walk_forward_windows'] as const;

/** First line of a journal: which sweep (and which shard of it) the results belong to. */
export interface JournalHeader {
  readonly kind: 'header';
  readonly format: 1;
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

/** Returns the journal's lines parsed; a torn (unterminated) last line is ignored, any other bad line is an error. */
export function parseJournal(text: string, file: string): JournalContents {
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n');
  lines.pop();
  const records: unknown[] = lines.map((line, i) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new BtInputError({ file, line: i + 1, expected: 'one JSON record per line', found: `'${line.slice(0, 40)}'`, hint: 'Only the last line of a journal can be torn; remove the folder and run the sweep again' });
    }
  });
  const header = records[0] as JournalHeader | undefined; // written by this module only
  if (header?.kind !== 'header' || header.format !== 1) throw new BtInputError({ file, line: 1, expected: 'a bt sweep journal header (format 1)', found: header === undefined ? 'an empty journal' : 'another record' });
  const seen = new Set<string>();
  const results: JournalResult[] = [];
  const failures: JournalFailure[] = [];
  for (const r of records.slice(1) as (JournalResult | JournalFailure)[]) {
    if ((r.kind !== 'result' && r.kind !== 'failure') || seen.has(r.config_id)) continue;
    seen.add(r.config_id);
    if (r.kind === 'result') results.push(r);
    else failures.push(r);
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
  if (resumeAt === undefined) {
    writeFileAtomic(path, `${stableStringify(header)}\n`);
    fsyncDir(path);
  }
  const fd = outputFs.open(path, 'r+');
  const size = resumeAt ?? Buffer.byteLength(`${stableStringify(header)}\n`, 'utf8');
  ftruncateSync(fd, size);
  let pos = size;
  fsyncSync(fd);
  let open = true;
  const sync = backgroundSync(fd, () => open);
  return {
    append(r) {
      const line = Buffer.from(`${stableStringify(r)}\n`, 'utf8');
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
