import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { readHashedRunFile, RERUN_HINT } from './manifest-hash-check.js';
import { BT_VERSION, ENGINE_VERSION } from './manifest.js';
import { unreadableFileFound } from './unreadable-file.js';

/** A JSON object as a run folder's JSON files hold it (manifest.json, metrics.json, final_state.json). */
export type RunJson = Record<string, unknown>;

/** Output file -> sha256, as manifest.json's `outputs` records them. */
export type RunOutputHashes = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is RunJson => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses `bytes` of the run file `file` (a path, for messages) as the JSON object bt run writes. */
export function parseRunJson(bytes: Buffer, file: string): RunJson {
  let v: unknown;
  try {
    v = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new BtInputError({ file, expected: 'a JSON object written by bt run', found: err instanceof Error ? err.message : String(err), hint: RERUN_HINT });
  }
  if (isObject(v)) return v;
  throw new BtInputError({ file, expected: 'a JSON object written by bt run', found: v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`, hint: RERUN_HINT });
}

/**
 * Reads the JSON file `file` of the run folder `dir`; with `outputs` (manifest.json's hashes)
 * its bytes must first match the sha256 recorded for it. A file that cannot be read is named.
 */
export function readRunJson(dir: string, file: string, outputs?: RunOutputHashes): RunJson {
  const path = join(dir, file);
  let bytes: Buffer;
  try {
    bytes = outputs !== undefined ? readHashedRunFile(dir, file, outputs) : readFileSync(path);
  } catch (err) {
    if (err instanceof BtInputError) throw err;
    throw new BtInputError({ file: path, expected: 'a JSON file written by bt run', found: unreadableFileFound(err), hint: RERUN_HINT });
  }
  return parseRunJson(bytes, path);
}

/** A run folder's manifest.json, read and checked to come from this bt. */
export interface RunManifest {
  readonly json: RunJson;
  /** Its `outputs`: the sha256 of each file the run wrote ({} when absent). */
  readonly outputs: RunOutputHashes;
  /** Its engine_version; 'unrecorded' for a run from before bt recorded it. */
  readonly engineVersion: string;
}

/**
 * Reads `dir`/manifest.json. A folder another bt version wrote is refused: its files' layout
 * may not be this bt's (README: a run folder "from another bt version ... is refused").
 */
export function readRunManifest(dir: string): RunManifest {
  const json = readRunJson(dir, 'manifest.json');
  if (json['bt_version'] !== BT_VERSION) throw new BtInputError({ file: join(dir, 'manifest.json'), field: 'bt_version', expected: `${BT_VERSION} (this bt)`, found: JSON.stringify(json['bt_version'] ?? null), hint: RERUN_HINT });
  const outputs = isObject(json['outputs']) ? json['outputs'] : {};
  const engineVersion = typeof json['engine_version'] === 'string' ? json['engine_version'] : 'unrecorded';
  return { json, outputs, engineVersion };
}

/**
 * Returns a note when the run folder `dir` was computed by another bt engine than this one
 * (manifest.json's engine_version), else null. Its files are still what that engine wrote (the
 * hashes prove it), so a command reading them goes on; the reader is told the figures are that
 * engine's, which the same inputs may no longer give. Lenient: a manifest that cannot be read is
 * the command's own reader's error to report, so this returns null for it.
 */
export function otherEngineNote(dir: string): string | null {
  let version: unknown;
  try {
    const json: unknown = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    if (!isObject(json)) return null;
    version = json['engine_version'];
  } catch {
    return null;
  }
  if (version === ENGINE_VERSION) return null;
  const which = typeof version === 'string' ? `bt engine ${version}` : 'a bt engine from before engine versions were recorded';
  return `${dir} was computed by ${which}, not this bt's ${ENGINE_VERSION}: its figures are that engine's, and the same inputs may give others now (rerun the scenario to see this engine's)`;
}
