import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { configId } from '../core/hash.js';
import type { RunDataPaths } from '../io/load-run-data.js';
import { runDataPaths } from '../io/run-data-paths.js';
import { readBenchmark } from '../io/read-benchmark.js';
import type { RunBenchmark } from '../run/run-metrics.js';
import type { ParseScenarioOptions } from '../scenario/parse.js';
import { buildConfigurations, type SweepConfig } from './build-configurations.js';
import { hashRunDataFiles } from './data-hashes.js';
import type { JournalHeader } from './journal.js';
import { readSweepFile } from './parse-sweep-file.js';
import { selectShard, type Shard } from './shard.js';

/** A sweep ready to run: its configurations, this shard's slice and the journal header. */
export interface PreparedSweep {
  readonly name: string;
  readonly dataPaths: RunDataPaths;
  readonly mine: readonly SweepConfig[];
  readonly header: JournalHeader;
  readonly benchmark: RunBenchmark | null;
}

/**
 * Returns the sweep at `sweepPath` ready to run: its configurations (validated against the
 * allocator specs), this shard's slice and the journal header (ids, data hashes).
 */
export function prepareSweep(sweepPath: string, shard: Shard, cwd: string, allocators: ParseScenarioOptions['allocators']): PreparedSweep {
  const sweep = readSweepFile(sweepPath, cwd);
  let baseText: string;
  try {
    baseText = readFileSync(sweep.base.abs, 'utf8');
  } catch {
    throw new BtInputError({ file: sweepPath, line: sweep.keyLines.get('base') ?? 1, field: 'base', expected: 'a readable scenario file', found: `'${sweep.base.rel}' (no such file)` });
  }
  const built = buildConfigurations(sweep, baseText, relative(cwd, sweep.base.abs) || sweep.base.rel, { allocators, cwd });
  const dataPaths = runDataPaths(built.base);
  const dataSha = hashRunDataFiles(dataPaths);
  const allIds = built.configs.map((c) => c.id);
  const mine = selectShard(built.configs, shard);
  const header: JournalHeader = {
    kind: 'header',
    format: 1,
    sweep: sweep.name,
    sweep_id: configId({ config_ids: allIds, data_sha256: dataSha }),
    data_sha256: dataSha,
    params: built.paths,
    objective: sweep.objective,
    direction: sweep.direction,
    walk_forward_windows: sweep.walkForward?.windows ?? null,
    shard,
    n_total: allIds.length,
    duplicates: built.duplicates,
    config_ids: mine.map((c) => c.id),
  };
  return { name: sweep.name, dataPaths, mine, header, benchmark: readBenchmark(built.base) };
}
