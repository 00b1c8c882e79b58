import { sha256Hex } from '../core/hash.js';
import { stableStringify } from '../core/stable-json.js';

/**
 * How each journal line (format 2) proves its own bytes: the record's stable JSON with
 * `,"line_sha256":"<16 hex>"` put before its closing brace, the hex being the first 16 of the
 * sha256 of that stable JSON. Last, not in key order: a reader checks the line's own bytes
 * with one sha256 and parses the rest, without writing the record again.
 */
const FIELD = 'line_sha256';
const PREFIX = `,"${FIELD}":"`;
const HEX_LENGTH = 16;
/** The checksum's bytes at the end of a line: prefix, 16 hex, '"}'. */
const SUFFIX_LENGTH = PREFIX.length + HEX_LENGTH + 2;
const HEX = /^[0-9a-f]{16}$/;

/** Returns the first 16 hex of the sha256 of a record's stable JSON. */
function lineChecksum(stableJson: string): string {
  return sha256Hex(stableJson).slice(0, HEX_LENGTH);
}

/** Returns the journal line of a record (no newline): its stable JSON with its checksum. */
export function journalLine(record: object): string {
  const body = stableStringify(record);
  return `${body.slice(0, -1)}${PREFIX}${lineChecksum(body)}"}`;
}

/** What a line's checksum says: the record's JSON when it matches, else what was stored and what the rest hashes to. */
export type CheckedLine =
  | { readonly ok: true; readonly json: string }
  | { readonly ok: false; readonly stored: string | null; readonly actual: string | null };

/** Checks a line (no newline) against its checksum; `stored` null: the line ends in none. */
export function checkJournalLine(line: string): CheckedLine {
  const at = line.length - SUFFIX_LENGTH;
  const stored = line.slice(at + PREFIX.length, line.length - 2);
  if (at < 1 || !line.endsWith('"}') || line.slice(at, at + PREFIX.length) !== PREFIX || !HEX.test(stored)) return { ok: false, stored: null, actual: null };
  const json = `${line.slice(0, at)}}`;
  const actual = lineChecksum(json);
  return actual === stored ? { ok: true, json } : { ok: false, stored, actual };
}
