import { runInitialEquity } from '../io/run-initial-equity.js';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { tableFromIPC, type Data, type Table, type Vector } from 'apache-arrow';
import { registerArrowCodecs } from '../../datasets/read/arrow-codecs.js';
import { decodeDict, decodeFloat64, decodeTimestampMs, newDictMerger } from '../../datasets/read/decode-columns.js';
import { BtInputError } from '../core/errors.js';
import { readHashedRunFile } from '../io/manifest-hash-check.js';
import { readRunJson, readRunManifest, type RunOutputHashes } from '../io/run-json.js';
import { growableF64, pushF64, toF64, toI32 } from '../core/growable.js';
import { forEachEventLogBatch, notWrittenByBt } from '../io/event-log-columns.js';
import type { LoggedEventKind } from '../events/event.js';
import type { KeyedSeries } from '../events/keyed-series.js';
import type { GovernanceLog } from '../governance/governance-log.js';

export type { KeyedSeries } from '../events/keyed-series.js';

/** One kill/retirement row of kills.arrow. */
export interface KillRecord {
  readonly tsMs: number;
  readonly kind: string;
  readonly agent: string;
  readonly strategy: string;
  readonly reason: string;
}

/** What a report needs from a run folder, as plain arrays (decoded from column buffers, no row objects). */
export interface RunDirData {
  /** The folder's name (a label for charts). */
  readonly name: string;
  readonly scenarioName: string;
  readonly variant: string;
  /** manifest.json's engine_version (ENGINE_VERSION); 'unrecorded' for a run from before bt recorded it. */
  readonly engineVersion: string;
  readonly equity: { readonly tsMs: Float64Array; readonly equity: Float64Array };
  /** Agent weight changes (agent_weights.arrow). */
  readonly agentWeights: KeyedSeries;
  /** Symbol target changes (targets.arrow). */
  readonly targets: KeyedSeries;
  /** Confidence multiplier changes (multiplier_updated events); every multiplier starts at 1. */
  readonly multipliers: KeyedSeries;
  readonly kills: readonly KillRecord[];
  /** metrics.json as written by bt run (numbers, nulls, periods_per_year, notes). */
  readonly metrics: Readonly<Record<string, unknown>>;
  /** The capital the run started from (run-initial-equity.ts): the base of the first period's return. */
  readonly initialEquity: number;
  /** The run's window (manifest.json run_start, run_end), epoch ms; absent in a folder whose manifest lacks them. */
  readonly window?: { readonly startMs: number; readonly endMs: number };
}

/** manifest.json's run_start and run_end as epoch ms, or undefined when either is missing or not an ISO time. */
function runWindow(manifest: Readonly<Record<string, unknown>>): { startMs: number; endMs: number } | undefined {
  const ms = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : Number.NaN);
  const startMs = ms(manifest['run_start']);
  const endMs = ms(manifest['run_end']);
  return Number.isFinite(startMs) && Number.isFinite(endMs) ? { startMs, endMs } : undefined;
}

/** The files a folder must hold to be read as a run folder. */
export const RUN_DIR_FILES = ['equity.arrow', 'agent_weights.arrow', 'targets.arrow', 'kills.arrow', 'events.arrow', 'metrics.json', 'manifest.json'] as const;

/** Returns true when `dir` holds the files of a `bt run` folder. */
export function isRunDir(dir: string): boolean {
  return RUN_DIR_FILES.every((f) => existsSync(join(dir, f)));
}

/**
 * A run folder's output hashes (manifest.json `outputs`): the files the report reads whole are
 * checked against them (readHashedRunFile), so an edited metrics.json is never shown as the
 * run's. events.arrow is read by record batch and not hashed here: on large runs it is gigabytes
 * (writeRunReport hashes it on a worker meanwhile).
 */
type OutputHashes = RunOutputHashes;

function openTable(dir: string, file: string, hashes: OutputHashes): Table {
  const bytes = readHashedRunFile(dir, file, hashes);
  registerArrowCodecs();
  try {
    return tableFromIPC(bytes);
  } catch (err) {
    throw notWrittenByBt(join(dir, file), err);
  }
}

function chunks(t: Table, dir: string, file: string, column: string): readonly Data[] {
  const v = t.getChild(column);
  if (v === null) throw new BtInputError({ file: join(dir, file), field: column, expected: `a column '${column}' (as bt run writes)`, found: `columns ${t.schema.fields.map((f) => f.name).join(', ')}` });
  return v.data as readonly Data[];
}

function floats(t: Table, dir: string, file: string, column: string): Float64Array {
  return decodeFloat64(chunks(t, dir, file, column), () => undefined, true);
}

function keyed(dir: string, file: string, keyColumn: string, valueColumn: string, hashes: OutputHashes): KeyedSeries {
  const t = openTable(dir, file, hashes);
  const dict = decodeDict(chunks(t, dir, file, keyColumn), newDictMerger());
  return { keys: dict.dictionary, tsMs: decodeTimestampMs(chunks(t, dir, file, 'ts')), keyId: dict.codes, value: floats(t, dir, file, valueColumn) };
}

/**
 * The multiplier_updated events of an events.arrow at `path`, read one record batch at a time
 * (forEachEventLogBatch): a run's log can be gigabytes (M: 611 MB, L: 2.8 GB) where its
 * multiplier changes are a few hundred thousand rows. Reading the whole file into memory first
 * took M's report 1 GB and 3 s. Codes index one dictionary per column merged over the batches,
 * as a whole-file decoding gives them, so the keys are every agent the log names.
 */
export function readMultiplierLog(path: string): KeyedSeries {
  const kindName: LoggedEventKind = 'multiplier_updated';
  const out = { tsMs: growableF64(), keyId: growableF64(), value: growableF64() };
  let keys: readonly string[] = [];
  forEachEventLogBatch(path, (c, dicts) => {
    keys = dicts.agent.values;
    const want = dicts.kind.index.get(kindName);
    if (want === undefined || !c.kind.includes(want)) return;
    const ts = c.tsMs();
    const v1 = c.v1();
    for (let i = 0; i < c.rows; i++) {
      if (c.kind[i] !== want) continue;
      pushF64(out.tsMs, ts[i] as number);
      pushF64(out.keyId, c.agent[i] as number);
      pushF64(out.value, v1[i] as number);
    }
  }, { names: ['agent'], onlyKinds: [kindName] });
  return { keys, tsMs: toF64(out.tsMs), keyId: toI32(out.keyId), value: toF64(out.value) };
}

/** The sha256 manifest.json records for the output `file` of the run folder `dir` (undefined when none). */
export function recordedOutputHash(dir: string, file: string): unknown {
  return readRunManifest(dir).outputs[file];
}

/** Returns a utf8 column of a small table (kills.arrow) as strings ('' for null). */
function strings(t: Table, dir: string, column: string): string[] {
  chunks(t, dir, 'kills.arrow', column);
  const v = t.getChild(column);
  return Array.from({ length: t.numRows }, (_, i) => {
    const x: unknown = v?.get(i);
    return typeof x === 'string' ? x : '';
  });
}

function readKills(dir: string, hashes: OutputHashes): KillRecord[] {
  const t = openTable(dir, 'kills.arrow', hashes);
  const ts = decodeTimestampMs(chunks(t, dir, 'kills.arrow', 'ts'));
  const [kind, agent, strategy, reason] = ['kind', 'agent', 'strategy', 'reason'].map((c) => strings(t, dir, c)) as [string[], string[], string[], string[]];
  return Array.from(ts, (tsMs, i) => ({ tsMs, kind: kind[i] ?? '', agent: agent[i] ?? '', strategy: strategy[i] ?? '', reason: reason[i] ?? '' }));
}

/** What the caller already holds of a run folder, so it is not read back: what a run collected as it wrote events.arrow. */
export interface KnownRunData {
  /** The multiplier series (the report's). */
  readonly multipliers?: KeyedSeries;
  /** The governance log (bt run --governance's). */
  readonly governanceLog?: GovernanceLog;
}

/**
 * The parts of RunDirData a caller may leave unread, each its own file: agent_weights.arrow,
 * targets.arrow, events.arrow (multipliers: a pass over a log of gigabytes), kills.arrow.
 */
export type RunDirPart = 'agentWeights' | 'targets' | 'multipliers' | 'kills';

/**
 * Reads a run folder (equity, agent weights, targets, multiplier events, kills, metrics) for a
 * report; throws BtInputError naming a missing or damaged file. `known`: series the caller holds
 * (the same values the files give: test/report/run-report-known.test.ts). `skip`: parts the
 * caller does not use (bt compare: all four), whose files are then neither read nor hash-checked;
 * the result has no such field, so no caller can chart a part it left unread.
 */
export function readRunDir<S extends RunDirPart = never>(dir: string, known: KnownRunData = {}, skip: readonly S[] = []): Omit<RunDirData, S> {
  const missing = RUN_DIR_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    throw new BtInputError({ file: dir, expected: `a run folder written by bt run (${RUN_DIR_FILES.join(', ')})`, found: `no ${missing.join(', ')}` });
  }
  const skipped: ReadonlySet<RunDirPart> = new Set<RunDirPart>(skip);
  const { json: manifest, outputs: hashes, engineVersion } = readRunManifest(dir);
  const eq = openTable(dir, 'equity.arrow', hashes);
  const scenario = manifest['scenario'];
  const allocator = typeof scenario === 'object' && scenario !== null ? (scenario as Record<string, unknown>)['allocator'] : undefined;
  const variant = typeof allocator === 'object' && allocator !== null ? (allocator as Record<string, unknown>)['variant'] : undefined;
  // files read in the order they always were, so a folder with several damaged files names the same one first
  const kills = skipped.has('kills') ? {} : { kills: readKills(dir, hashes) };
  const agentWeights = skipped.has('agentWeights') ? {} : { agentWeights: keyed(dir, 'agent_weights.arrow', 'agent', 'weight', hashes) };
  const targets = skipped.has('targets') ? {} : { targets: keyed(dir, 'targets.arrow', 'symbol', 'weight', hashes) };
  const multipliers = skipped.has('multipliers') ? {} : { multipliers: known.multipliers ?? readMultiplierLog(join(dir, 'events.arrow')) };
  const metrics = readRunJson(dir, 'metrics.json', hashes);
  const window = runWindow(manifest);
  const run: Partial<RunDirData> = {
    name: basename(resolve(dir)),
    scenarioName: String(manifest['scenario_name'] ?? ''),
    variant: typeof variant === 'string' ? variant : '',
    engineVersion,
    equity: { tsMs: decodeTimestampMs(chunks(eq, dir, 'equity.arrow', 'ts')), equity: floats(eq, dir, 'equity.arrow', 'equity') },
    ...agentWeights,
    ...targets,
    ...multipliers,
    ...kills,
    metrics,
    initialEquity: runInitialEquity(dir, metrics, manifest),
    ...(window === undefined ? {} : { window }),
  };
  // every field but the skipped parts is set above: the one place the type cannot follow the skip list
  return run as Omit<RunDirData, S>;
}
