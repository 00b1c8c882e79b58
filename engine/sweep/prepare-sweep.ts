import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { configId } from '../core/hash.js';
import type { RunDataPaths } from '../io/load-run-data.js';
import { runDataPaths } from '../io/run-data-paths.js';
import { readBenchmark } from '../io/read-benchmark.js';
import { ENGINE_VERSION, inputFiles } from '../io/manifest.js';
import type { RunBenchmark } from '../run/run-metrics.js';
import type { ParseScenarioOptions } from '../scenario/parse.js';
import { findBaseConfig, type BaseConfig } from './base-config.js';
import { buildConfigurations, type SweepConfig } from './build-configurations.js';
import { hashRunDataFiles } from './data-hashes.js';
import { JOURNAL_FORMAT, type JournalHeader } from './journal.js';
import { readSweepFile } from './parse-sweep-file.js';
import { selectShard, type Shard } from './shard.js';

/** A sweep read and its configurations built: everything but the data hashes its journal header names. */
export interface BuiltSweep {
  readonly name: string;
  /** The swept paths (the space's dotted keys). */
  readonly paths: readonly string[];
  readonly dataPaths: RunDataPaths;
  readonly mine: readonly SweepConfig[];
  readonly benchmark: RunBenchmark | null;
  /** The journal header's fields but the data hashes and the sweep id they enter. */
  readonly headerFields: Omit<JournalHeader, 'sweep_id' | 'data_sha256'>;
  /** Every configuration id of the whole sweep (the sweep id covers them all). */
  readonly allIds: readonly string[];
  /** The files the sweep reads (sweep file, base scenario, its data): never inside an --out it replaces. */
  readonly inputs: readonly string[];
  /** The base scenario's own configuration among all of the sweep's, or why the space does not hold it. */
  readonly baseConfig: BaseConfig;
}

/** A sweep ready to run: its configurations, this shard's slice and the journal header. */
export interface PreparedSweep extends BuiltSweep {
  readonly header: JournalHeader;
}

/**
 * Returns the sweep at `sweepPath` read and its configurations built (validated against the
 * allocator specs) with this shard's slice: what prepareSweep returns but the data hashes.
 */
export function buildSweep(sweepPath: string, shard: Shard, cwd: string, allocators: ParseScenarioOptions['allocators']): BuiltSweep {
  const sweep = readSweepFile(sweepPath, cwd);
  let baseText: string;
  try {
    baseText = readFileSync(sweep.base.abs, 'utf8');
  } catch {
    throw new BtInputError({ file: sweepPath, line: sweep.keyLines.get('base') ?? 1, field: 'base', expected: 'a readable scenario file', found: `'${sweep.base.rel}' (no such file)` });
  }
  const built = buildConfigurations(sweep, baseText, relative(cwd, sweep.base.abs) || sweep.base.rel, { allocators, cwd });
  const allIds = built.configs.map((c) => c.id);
  const mine = selectShard(built.configs, shard);
  const baseConfig = findBaseConfig(built.base, built.paths, built.configs);
  const headerFields = {
    kind: 'header',
    format: JOURNAL_FORMAT,
    engine_version: ENGINE_VERSION,
    sweep: sweep.name,
    params: built.paths,
    objective: sweep.objective,
    direction: sweep.direction,
    walk_forward_windows: sweep.walkForward?.windows ?? null,
    base_config_id: baseConfig.id,
    shard,
    n_total: allIds.length,
    duplicates: built.duplicates,
    config_ids: mine.map((c) => c.id),
  } as const;
  const inputs = [resolve(cwd, sweepPath), sweep.base.abs, ...inputFiles(built.base).map((f) => f.abs)];
  return { name: sweep.name, paths: built.paths, dataPaths: runDataPaths(built.base), mine, benchmark: readBenchmark(built.base), headerFields, allIds, inputs, baseConfig };
}

/** Returns the built sweep with its journal header, given the sha256 of its data files (data-hashes.ts). */
export function withDataHashes(built: BuiltSweep, dataSha: Record<string, string>): PreparedSweep {
  const header: JournalHeader = { ...built.headerFields, sweep_id: configId({ config_ids: built.allIds, data_sha256: dataSha }), data_sha256: dataSha };
  return { ...built, header };
}

/**
 * Returns the sweep at `sweepPath` ready to run: its configurations (validated against the
 * allocator specs), this shard's slice and the journal header (ids, data hashes, hashed on
 * this thread).
 */
export function prepareSweep(sweepPath: string, shard: Shard, cwd: string, allocators: ParseScenarioOptions['allocators']): PreparedSweep {
  const built = buildSweep(sweepPath, shard, cwd, allocators);
  return withDataHashes(built, hashRunDataFiles(built.dataPaths));
}
