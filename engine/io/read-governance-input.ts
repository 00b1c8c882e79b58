import { runInitialEquity } from './run-initial-equity.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { tableFromIPC, type Data, type Table } from 'apache-arrow';
import { registerArrowCodecs } from '../../datasets/read/arrow-codecs.js';
import { decodeFloat64, decodeTimestampMs } from '../../datasets/read/decode-columns.js';
import { readKillListYaml } from '../../datasets/read/read-kill-list.js';
import type { KillList } from '../../datasets/schemas/columns.js';
import { BtInputError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import { compareCodeUnits } from '../core/stable-json.js';
import { isDecisionKind, type DecisionRecord, type DecisionStats, type GovernanceInput } from '../governance/governance-input.js';
import type { GovernanceLog } from '../governance/governance-log.js';
import { readWhileHashing } from './read-while-hashing.js';
import { checkManifestHash, readHashedRunFile, RERUN_HINT } from './manifest-hash-check.js';
import { parseRunJson, readRunManifest } from './run-json.js';
import { readGovernanceLog } from './read-governance-log.js';
import { parseDateMs } from '../scenario/date.js';

/** The run files governance and LP reports read; each must match its sha256 in manifest.json. */
export const GOVERNANCE_RUN_FILES = ['events.arrow', 'kills.arrow', 'equity.arrow', 'metrics.json', 'final_state.json'] as const;

/** Where to find the kill list the run used: an explicit file, or the folders its manifest path may be relative to. */
export interface KillListLookup {
  readonly file?: string;
  /** Folders the manifest's relative path is tried against (none when absent). */
  readonly bases?: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The run files read whole (small); events.arrow is hashed and read in pieces (gigabytes on large runs). */
type SmallRunFile = Exclude<(typeof GOVERNANCE_RUN_FILES)[number], 'events.arrow'>;

/** Reads manifest.json and checks the run folder's shape and version and the small run files' sha256; returns the manifest and their bytes. */
function readCheckedRun(dir: string): { manifest: Json; bytes: Record<SmallRunFile, Buffer> } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BtInputError({ file: dir, expected: 'a run folder written by bt run', found: existsSync(dir) ? 'a file' : 'no such folder' });
  for (const f of ['manifest.json', ...GOVERNANCE_RUN_FILES]) {
    if (!existsSync(join(dir, f))) throw new BtInputError({ file: join(dir, f), expected: 'a file of the run folder written by bt run', found: 'no such file', hint: RERUN_HINT });
  }
  const { json: manifest, outputs } = readRunManifest(dir);
  const bytes = {} as Record<SmallRunFile, Buffer>;
  for (const f of GOVERNANCE_RUN_FILES) {
    if (f === 'events.arrow') continue;
    bytes[f] = readHashedRunFile(dir, f, outputs);
  }
  return { manifest, bytes };
}

/** True when `path` is a file (not absent, not a folder, which reads fail on with EISDIR). */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The kill list's absolute path bt run recorded in run_info.json (not hashed, so read leniently), or null. */
function recordedKillListFile(dir: string): string | null {
  try {
    const info: unknown = JSON.parse(readFileSync(join(dir, 'run_info.json'), 'utf8'));
    const file = isObject(info) ? info['kill_list_file'] : undefined;
    return typeof file === 'string' && isAbsolute(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * Finds the run's kill list (thresholds for kill_list.yaml) and checks it against the manifest's
 * input hash; null when the run had none or it is not found. Without --kill-list it tries the
 * path the run recorded in run_info.json, then the manifest's relative path against each base;
 * the first file whose sha256 is the run's wins, and a file found with another hash is an error.
 */
function readRunKillList(dir: string, manifest: Json, lookup: KillListLookup): { list: KillList | null; note: string | null; file: string | null } {
  const scenario = isObject(manifest['scenario']) ? manifest['scenario'] : {};
  const data = isObject(scenario['data']) ? scenario['data'] : {};
  const rel = data['kill_list'];
  const inputs = isObject(manifest['inputs']) ? manifest['inputs'] : {};
  if (typeof rel !== 'string') return { list: null, note: null, file: null };
  const changed = 'The kill list changed since the run: its thresholds would not be the ones the run used. Run the scenario again, or pass the kill list it used with --kill-list';
  if (lookup.file !== undefined) {
    const path = resolve(lookup.file);
    if (!existsSync(path)) throw new BtInputError({ file: lookup.file, field: '--kill-list', expected: 'the kill list the run used', found: 'no such file' });
    if (!isFile(path)) throw new BtInputError({ file: lookup.file, field: '--kill-list', expected: 'the kill list the run used', found: 'a folder' });
    checkManifestHash(sha256Hex(readFileSync(path)), path, inputs[rel], changed);
    return { list: readKillListYaml(path), note: null, file: path };
  }
  const bases = lookup.bases ?? [];
  const recorded = recordedKillListFile(dir);
  const candidates = [...new Set([...(recorded !== null ? [recorded] : []), ...bases.map((b) => resolve(b, rel))])].filter(isFile);
  const path = candidates.find((p) => sha256Hex(readFileSync(p)) === inputs[rel]);
  if (path !== undefined) return { list: readKillListYaml(path), note: null, file: path };
  const first = candidates[0];
  if (first !== undefined) checkManifestHash(sha256Hex(readFileSync(first)), first, inputs[rel], changed);
  const looked = [...(recorded !== null ? [recorded] : []), ...bases.map((b) => resolve(b, rel))];
  return { list: null, file: null, note: `kill list ${rel} not found (looked for ${looked.join(', ')}): kill_list.yaml has statuses but no thresholds; pass --kill-list FILE` };
}

/**
 * Returns the run's start manifest.json records (run_start), else its scenario's time.start, else
 * null: a run folder of this bt version written before run_start was recorded, whose start is
 * then taken from its first logged event or equity point, as before.
 */
function recordedRunStartMs(manifest: Json, file: string): number | null {
  const recorded = manifest['run_start'];
  if (recorded !== undefined) {
    const ms = typeof recorded === 'string' ? parseDateMs(recorded) : undefined;
    if (ms === undefined) throw new BtInputError({ file, field: 'run_start', expected: "an ISO 8601 UTC time such as '2021-03-10T00:00:00.000Z'", found: JSON.stringify(recorded), hint: RERUN_HINT });
    return ms;
  }
  const sc = isObject(manifest['scenario']) ? manifest['scenario'] : {};
  const time = isObject(sc['time']) ? sc['time'] : {};
  // the resolved scenario keeps time.start as epoch ms
  return typeof time['start'] === 'number' && Number.isFinite(time['start']) ? time['start'] : null;
}

/**
 * Returns the run's end manifest.json records (run_end), else null: a run folder written before
 * run_end was recorded, whose end is then its last logged event or equity point, as before.
 */
function recordedRunEndMs(manifest: Json, file: string): number | null {
  const recorded = manifest['run_end'];
  if (recorded === undefined) return null;
  const ms = typeof recorded === 'string' ? parseDateMs(recorded) : undefined;
  if (ms === undefined) throw new BtInputError({ file, field: 'run_end', expected: "an ISO 8601 UTC time such as '2021-03-31T00:00:00.000Z'", found: JSON.stringify(recorded), hint: RERUN_HINT });
  return ms;
}

function chunks(t: Table, file: string, column: string): readonly Data[] {
  const v = t.getChild(column);
  if (v === null) throw new BtInputError({ file, field: column, expected: `a column '${column}' (as bt run writes)`, found: `columns ${t.schema.fields.map((f) => f.name).join(', ')}`, hint: RERUN_HINT });
  return v.data as readonly Data[];
}

function table(bytes: Buffer, file: string): Table {
  registerArrowCodecs();
  try {
    return tableFromIPC(bytes);
  } catch (err) {
    throw new BtInputError({ file, expected: 'an Arrow IPC file written by bt run', found: err instanceof Error ? err.message : String(err) });
  }
}

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Returns kills.arrow's statistics keyed by `ts|agent|strategy`, with snake_case keys. */
function killStats(bytes: Buffer, file: string): Map<string, DecisionStats> {
  const t = table(bytes, file);
  const ts = decodeTimestampMs(chunks(t, file, 'ts'));
  const [agent, strategy, stats] = ['agent', 'strategy', 'stats'].map((c) => {
    chunks(t, file, c);
    const v = t.getChild(c);
    return Array.from({ length: t.numRows }, (_, i) => {
      const x: unknown = v?.get(i);
      return typeof x === 'string' ? x : '';
    });
  }) as [string[], string[], string[]];
  const out = new Map<string, DecisionStats>();
  ts.forEach((tsMs, i) => {
    const raw: unknown = stats[i] !== '' ? JSON.parse(stats[i] as string) : null;
    if (!isObject(raw)) return;
    const s: Record<string, number | null> = {};
    for (const k of Object.keys(raw).sort(compareCodeUnits)) s[snake(k)] = typeof raw[k] === 'number' ? raw[k] : null;
    out.set(`${tsMs}|${agent[i] ?? ''}|${strategy[i] ?? ''}`, s);
  });
  return out;
}

function allocationBounds(manifest: Json): { min: number; max: number } {
  const sc = isObject(manifest['scenario']) ? manifest['scenario'] : {};
  const alloc = isObject(sc['allocator']) ? sc['allocator'] : {};
  const p = isObject(alloc['params']) ? alloc['params'] : {};
  const targets = isObject(sc['targets']) ? sc['targets'] : {};
  const num = (v: unknown, d: number): number => (typeof v === 'number' ? v : d);
  // capital-governor names its bounds (seed 002); other allocators floor at min_weight (pnl-weighted) or 0 and cap at max_weight or the targets' agent cap.
  return { min: num(p['min_alloc'], num(p['min_weight'], 0)), max: num(p['max_alloc'], num(p['max_weight'], num(targets['max_agent_weight'], 1))) };
}

/**
 * Reads a run folder for `bt governance` and `bt report lp`: checks its files exist, its bt
 * version is this one and every file still has the sha256 its manifest recorded (inputs too,
 * for the kill list), then decodes it: events.arrow in one streamed pass to its governance log
 * (engine/governance/governance-log.ts) while a worker hashes it (io/input-hashing.ts: on M
 * 0.35 s of the 2.6 s, more on L), or not at all when the caller holds that log (`known`:
 * bt run --governance, whose run just wrote the file). Throws BtInputError naming the file, a
 * changed file's before any error its changed content causes; reads only. `killListFile`: the
 * kill list it read (an input an output folder must not swallow), null when none.
 */
export async function readGovernanceInput(dir: string, lookup: KillListLookup, known: GovernanceLog | null = null): Promise<{ input: GovernanceInput; note: string | null; killListFile: string | null }> {
  const { manifest, bytes } = readCheckedRun(dir);
  const recordedStartMs = recordedRunStartMs(manifest, join(dir, 'manifest.json'));
  const eventsPath = join(dir, 'events.arrow');
  const read = (): { list: KillList | null; note: string | null; file: string | null; events: GovernanceLog } => ({
    ...readRunKillList(dir, manifest, lookup),
    events: known ?? readGovernanceLog(eventsPath, recordedStartMs ?? Number.NEGATIVE_INFINITY),
  });
  // as when the hash was checked first: a changed events.arrow is the error to report
  const recordedEvents = (): unknown => (isObject(manifest['outputs']) ? manifest['outputs'] : {})['events.arrow'];
  const { list, note, file: killListFile, events } = known === null ? await readWhileHashing(eventsPath, recordedEvents, read) : read();
  const stats = killStats(bytes['kills.arrow'], join(dir, 'kills.arrow'));
  const finalState = parseRunJson(bytes['final_state.json'], join(dir, 'final_state.json'));
  const metrics = parseRunJson(bytes['metrics.json'], join(dir, 'metrics.json'));
  const decisions: DecisionRecord[] = [];
  for (const e of events.log) {
    if (!isDecisionKind(e.kind)) continue;
    const agent = e.kind.startsWith('class_') ? null : e.agent;
    decisions.push({ tsMs: e.tsMs, kind: e.kind, agent, strategy: e.strategy, reason: e.text ?? '', stats: stats.get(`${e.tsMs}|${agent ?? ''}|${e.strategy ?? ''}`) ?? null });
  }
  const eq = table(bytes['equity.arrow'], join(dir, 'equity.arrow'));
  const keys = (v: unknown): string[] => (isObject(v) ? Object.keys(v).sort(compareCodeUnits) : []);
  const sc = isObject(manifest['scenario']) ? manifest['scenario'] : {};
  const alloc = isObject(sc['allocator']) ? sc['allocator'] : {};
  const bounds = allocationBounds(manifest);
  const equityTsMs = decodeTimestampMs(chunks(eq, join(dir, 'equity.arrow'), 'ts'));
  const startMs = recordedStartMs ?? Math.min(events.span?.firstMs ?? Number.POSITIVE_INFINITY, equityTsMs[0] ?? Number.POSITIVE_INFINITY);
  const endMs = recordedRunEndMs(manifest, join(dir, 'manifest.json')) ?? Math.max(events.span?.lastMs ?? 0, equityTsMs[equityTsMs.length - 1] ?? 0);
  return {
    input: {
      scenarioName: String(manifest['scenario_name'] ?? ''),
      variant: typeof alloc['variant'] === 'string' ? alloc['variant'] : '',
      initialEquity: runInitialEquity(dir, metrics, manifest),
      startMs: Number.isFinite(startMs) ? startMs : 0,
      endMs,
      agents: keys(finalState['agent_status']),
      classes: keys(finalState['class_status']),
      ...events,
      decisions,
      equity: { tsMs: equityTsMs, equity: decodeFloat64(chunks(eq, join(dir, 'equity.arrow'), 'equity'), () => undefined, true) },
      metrics,
      killList: list,
      minAllocation: bounds.min,
      maxAllocation: bounds.max,
    },
    note,
    killListFile,
  };
}
