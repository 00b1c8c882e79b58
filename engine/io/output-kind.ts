/**
 * What makes a folder a bt output: the marker `.bt-output.json` ({bt_version, format, kind})
 * that bt writes into every folder it creates, or, for folders written before the marker
 * existed, the files only bt writes there. bt replaces a folder only when it is empty or an
 * output of the same kind (or the user passed --force): it never deletes what it did not write.
 */
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import { sha256Hex } from '../core/hash.js';
import { BT_VERSION } from './manifest.js';

export const OUTPUT_MARKER = '.bt-output.json';

export const OUTPUT_KINDS = ['run', 'sweep', 'report', 'universe', 'starter', 'governance', 'lp'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/**
 * What bt wrote into an output folder, recorded in its marker: the top-level entries, and for
 * folders meant to be edited (bt init's starter) each file's sha256, so that replacing the
 * folder can tell the user's additions and edits from bt's own files.
 */
export interface OutputListing {
  readonly files: readonly string[];
  readonly sha256?: Readonly<Record<string, string>>;
}

/** Entries bt may add to an output of a kind after writing it (a run's report/ and notifications.jsonl). */
const ADDED_LATER: Readonly<Partial<Record<OutputKind, readonly string[]>>> = { run: ['report', 'notifications.jsonl'] };

/** Kinds whose files the user is meant to edit: their marker records each file's sha256. */
export const EDITED_KINDS: readonly OutputKind[] = ['starter'];

/** Returns the marker file's text for a folder of `kind` (format 2 lists what bt wrote; without a listing, format 1). */
export function outputMarkerText(kind: OutputKind, listing?: OutputListing): string {
  const body = listing === undefined ? { bt_version: BT_VERSION, format: 1, kind } : { bt_version: BT_VERSION, format: 2, kind, files: [...listing.files].sort(), ...(listing.sha256 !== undefined ? { sha256: listing.sha256 } : {}) };
  return `${stableStringify(body, 2)}\n`;
}

interface Marker {
  readonly kind: OutputKind;
  readonly listing: OutputListing | null;
}

function readMarker(dir: string): Marker | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, OUTPUT_MARKER), 'utf8')) as { kind?: unknown; files?: unknown; sha256?: unknown };
    if (!(OUTPUT_KINDS as readonly unknown[]).includes(m.kind)) return null;
    const files = Array.isArray(m.files) && m.files.every((f) => typeof f === 'string') ? (m.files as string[]) : null;
    const sha256 = typeof m.sha256 === 'object' && m.sha256 !== null ? (m.sha256 as Record<string, string>) : undefined;
    return { kind: m.kind as OutputKind, listing: files === null ? null : { files, ...(sha256 !== undefined ? { sha256 } : {}) } };
  } catch {
    return null;
  }
}

/** Returns the top-level entries the folder's marker says bt wrote, or null without a marker or a listing (format 1). */
export function markedFiles(dir: string): readonly string[] | null {
  return readMarker(dir)?.listing?.files ?? null;
}

function markedKind(dir: string): OutputKind | null {
  return readMarker(dir)?.kind ?? null;
}

/**
 * Returns what in a bt output folder bt did not write, by its marker's listing: entries it did
 * not list (nor may add later) and listed files whose bytes changed; empty for a marker
 * without a listing (format 1) or a folder without a marker. bt's own temp and lock entries
 * (`.bt-*`) are not the user's.
 */
function userEntriesIn(dir: string, kind: OutputKind, listing: OutputListing | null): { added: string[]; edited: string[] } {
  if (listing === null) return { added: [], edited: [] };
  const known = new Set([...listing.files, ...(ADDED_LATER[kind] ?? []), OUTPUT_MARKER]);
  const entries = readdirSync(dir);
  const added = entries.filter((f) => !known.has(f) && !f.startsWith('.bt-'));
  // The swap removes bt's own folders whole: a file the user put inside one is theirs too.
  for (const f of entries) if (known.has(f)) added.push(...userFilesBelow(dir, f, kind));
  added.sort();
  const edited = Object.keys(listing.sha256 ?? {})
    .filter((f) => {
      try {
        return sha256Hex(readFileSync(join(dir, f))) !== listing.sha256?.[f];
      } catch {
        return false; // removed by the user: nothing of theirs to lose
      }
    })
    .sort();
  return { added, edited };
}

/**
 * Returns the files under `dir/name` (a folder bt listed in its output) that bt did not write,
 * as paths relative to `dir`: by the folder's own marker where it has one (a report), by the
 * governance file names in a governance tree (bt run --governance's governance/, or the folders
 * of a governance output), and every file anywhere else (bt writes no other unmarked folder).
 */
function userFilesBelow(dir: string, name: string, kind: OutputKind): string[] {
  const sub = join(dir, name);
  if (!lstatSync(sub).isDirectory()) return [];
  const marker = readMarker(sub);
  if (marker !== null) {
    const { added, edited } = userEntriesIn(sub, marker.kind, marker.listing);
    return [...added, ...edited].map((f) => `${name}/${f}`);
  }
  const governanceRoot = kind === 'governance' ? '' : kind === 'run' && name === 'governance' ? name : null;
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (governanceRoot === null || !GOVERNANCE_FILE.test(governanceRoot === '' ? path : path.slice(governanceRoot.length + 1))) out.push(path);
    }
  };
  walk(name);
  return out;
}

// Folders bt wrote before the marker: recognised by files only bt puts there.
function legacyKind(dir: string): OutputKind | null {
  const has = (f: string): boolean => existsSync(join(dir, f));
  if (has('manifest.json') && has('events.arrow')) return 'run';
  if (has('journal.jsonl')) return 'sweep';
  if (has('universe.json') && has('findings.arrow')) return 'universe';
  if (has('index.html') && readdirSync(dir).some((f) => f.endsWith('.vl.json'))) return 'report';
  if (has('PR.md') && has('agents/manifest.yaml') && onlyGovernanceFiles(dir, '')) return 'governance';
  const entries = readdirSync(dir);
  if (entries.length > 0 && entries.every((f) => /^lp_(weekly_\d{4}-W\d{2}\.(pdf|html)|daily_\d{4}-\d{2}-\d{2}\.md)$/.test(f))) return 'lp';
  return null;
}

// The files bt governance writes (engine/governance/governance-files.ts, under history/<time>/ too, and decisions.csv).
const GOVERNANCE_FILE = /^((history\/\d{4}-\d{2}-\d{2}T\d{6}Z\/)?(agents\/manifest\.yaml|allocation\/weights\.json|meta_supervisor\/kill_list\.yaml|runtime\/(capital_governor_allocations|allocations_override)\.json|portfolio_targets\.json|PR\.md)|decisions\.csv)$/;

/** True when every file under `dir` (at `rel` within the output) is one bt governance writes: a folder holding anything else is the user's, never replaced. */
function onlyGovernanceFiles(dir: string, rel: string): boolean {
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory() ? !onlyGovernanceFiles(dir, path) : !GOVERNANCE_FILE.test(path)) return false;
  }
  return true;
}

/** Returns the kind of bt output in `dir`, or null when it is not one. */
export function outputKindOf(dir: string): OutputKind | null {
  return markedKind(dir) ?? legacyKind(dir);
}

/** What is at an output path before bt writes it. */
export type OutputPathState = 'absent' | 'empty' | 'same-kind' | 'forced';

/** The hint of a refused replacement, naming how the command line gives the folder ('--out', bt init's 'DIR'). */
export function replaceRefusedHint(option: string): string {
  return `bt never deletes what it did not write: choose another ${option}, or pass --force to replace it`;
}

/**
 * Returns what is at `dir`, or throws a BtInputError (exit 2, one line naming `dir`) when it
 * holds something bt must not replace: a file, or a non-empty folder that is not a bt output
 * of `kind` (unless `force`). `option`: how the command line gives the folder, for the hints;
 * `refusedHint`: the hint of a command that has no --force (both refusals), else the --force ones.
 */
export function checkReplaceableFolder(dir: string, kind: OutputKind, force: boolean, refusedHint?: string, option = '--out'): OutputPathState {
  let isDir: boolean;
  let isLink: boolean;
  try {
    const st = lstatSync(dir);
    isDir = st.isDirectory();
    isLink = st.isSymbolicLink();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw err;
  }
  // a link is swapped as itself, never followed: say so rather than call it a file
  if (isLink) throw new BtInputError({ file: dir, expected: `a folder for the ${kind} output`, found: 'a symbolic link (bt does not write through it)', hint: `Choose another ${option}, or give the folder it points to` });
  if (!isDir) throw new BtInputError({ file: dir, expected: `a folder for the ${kind} output`, found: 'a file', hint: `Choose another ${option}` });
  const entries = readdirSync(dir).sort();
  if (entries.length === 0) return 'empty';
  const marker = readMarker(dir); // read once: its kind and its listing
  const found = marker?.kind ?? legacyKind(dir);
  if (found === kind) {
    const { added, edited } = userEntriesIn(dir, kind, marker?.listing ?? null);
    if ((added.length === 0 && edited.length === 0) || force) return 'same-kind';
    const list = (xs: string[]): string => xs.slice(0, 3).join(', ') + (xs.length > 3 ? `, ... (${xs.length})` : '');
    throw new BtInputError({
      file: dir,
      expected: `a bt ${kind} folder holding only what bt wrote, to replace`,
      found: [added.length > 0 ? `entries bt did not write (${list(added)})` : '', edited.length > 0 ? `files edited since bt wrote them (${list(edited)})` : ''].filter((x) => x !== '').join(' and '),
      // a command without --force (bt report, bt compare) gives its own hint for both refusals
      hint: refusedHint ?? `bt never deletes what it did not write: move them out of the folder, choose another ${option}, or pass --force to replace the folder with them`,
    });
  }
  if (force) return 'forced';
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', ...' : '');
  throw new BtInputError({
    file: dir,
    expected: `an empty folder or a bt ${kind} folder to replace`,
    found: found !== null ? `a bt ${found} folder` : `a folder bt did not write (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}: ${shown})`,
    hint: refusedHint ?? replaceRefusedHint(option),
  });
}

/** Throws a BtInputError (exit 2) when `path` is a folder: a file output named on the command line, checked before any work. */
export function refuseFolderAt(path: string, what: string, option: string): void {
  let isDir = false;
  try {
    isDir = lstatSync(path).isDirectory();
  } catch {
    return; // absent (or unreadable: the write reports it)
  }
  if (isDir) throw new BtInputError({ file: path, field: option, expected: `a file path for ${what}`, found: 'a folder', hint: `Choose another ${option}` });
}

/**
 * Throws a BtInputError when `path` is a folder, or a file that `isOurs` does not recognise
 * (unless `force`): single-file outputs replace only files of their own kind. `isOurs` gets the
 * first 64 bytes, and the path for a finer look (an Arrow file's schema metadata).
 */
export function checkReplaceableFile(path: string, what: string, isOurs: (head: Buffer, path: string) => boolean, force: boolean, option = '--out', describe?: (head: Buffer, path: string) => string | undefined): void {
  let isDir: boolean;
  try {
    isDir = lstatSync(path).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (isDir) throw new BtInputError({ file: path, expected: `a file path for ${what}`, found: 'a folder', hint: `Choose another ${option}` });
  if (force) return;
  const head = fileHead(path, 64);
  if (isOurs(head, path)) return;
  const found = describe?.(head, path);
  const hint = found === undefined ? 'bt never overwrites what it did not write: choose another path, or pass --force to replace it' : `bt does not replace one kind of file with another: choose another path, or pass --force to replace it`;
  throw new BtInputError({ file: path, expected: `no file, or ${what} to replace`, found: found ?? 'another file', hint });
}

/** Returns the first `n` bytes of the file (fewer when it is shorter), without reading the rest: the file may be gigabytes. */
export function fileHead(path: string, n: number): Buffer {
  const head = Buffer.alloc(n);
  const fd = openSync(path, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}
