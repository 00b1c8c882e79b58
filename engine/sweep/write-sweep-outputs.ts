import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { stableStringify } from '../core/stable-json.js';
import { sha256Hex } from '../core/hash.js';
import { BT_VERSION } from '../io/manifest.js';
import { METRIC_FIELDS, type MetricField } from '../metrics/compute-metrics.js';
import type { JournalFailure, JournalHeader, JournalResult } from './journal.js';
import { curvesArrow, resultsArrow, resultsCsv, sortByConfigId } from './results-table.js';
import { rankSweep, type SweepRanking } from './rank-sweep.js';
import { buildSummary, type SweepSummary } from './summary.js';
import { walkForward, type WalkForwardReport } from './walk-forward.js';

/** The tables and summary of a finished sweep (or shard), before gates. */
export interface SweepOutputs {
  readonly summary: SweepSummary & {
    readonly walk_forward: WalkForwardReport | null;
    /** Configurations that failed, each with its error, by config id. */
    readonly failures: readonly { readonly config_id: string; readonly error: string }[];
  };
  readonly rows: readonly JournalResult[];
  readonly failures: readonly JournalFailure[];
  /** Ranks and noise verdicts of `rows`, computed once for the tables and the summary. */
  readonly ranking: SweepRanking;
}

/** Returns the summary (best, PSR/DSR, noise against the best, walk-forward when asked for, failures) and the ranking of the results, rows sorted by id. */
export function summarizeSweep(header: JournalHeader, results: readonly JournalResult[], failed: readonly JournalFailure[] = []): SweepOutputs {
  const rows = sortByConfigId(results);
  const failures = sortByConfigId(failed);
  const w = header.walk_forward_windows;
  const objective = (METRIC_FIELDS as readonly string[]).includes(header.objective) ? (header.objective as MetricField) : null;
  const wf = w === null || objective === null ? null : walkForward(rows, objective, header.direction, w);
  const ranking = rankSweep(rows, header.objective, header.direction);
  return { summary: { ...buildSummary(header, rows, ranking), walk_forward: wf, failures: failures.map((f) => ({ config_id: f.config_id, error: f.error })) }, rows, failures, ranking };
}

/**
 * Writes results.arrow, results.csv, curves.arrow and summary.json into `dir`, each through a
 * temp file and a rename, then manifest.json (sweepManifest: their sha256); `extra` (gates,
 * baseline) is merged into summary.json.
 */
export function writeSweepOutputs(dir: string, header: JournalHeader, out: SweepOutputs, extra: Readonly<Record<string, unknown>>): void {
  const files: [string, Uint8Array | string][] = [
    ['results.arrow', resultsArrow(out.rows, header, out.failures, out.ranking)],
    ['results.csv', resultsCsv(out.rows, header, out.failures, out.ranking)],
    ['curves.arrow', curvesArrow(out.rows)],
    ['summary.json', `${stableStringify({ ...out.summary, ...extra }, 2)}\n`],
  ];
  const outputs: Record<string, string> = {};
  for (const [name, bytes] of files) {
    writeFileAtomic(join(dir, name), bytes);
    outputs[name] = sha256Hex(bytes);
  }
  writeFileAtomic(join(dir, 'manifest.json'), `${stableStringify(sweepManifest(header, outputs), 2)}\n`);
}

/**
 * A sweep folder's manifest.json, as a run's (engine/io/manifest.ts): what computed it, from which
 * data, and the sha256 of each output it vouches for, so a CI job compares two sweeps (workers,
 * shards merged, machines) by one file. Not the journal (its lines follow completion order) nor
 * report/ (rebuilt from the tables). Built from the journal header alone, so `bt merge` of the
 * shards writes the unsharded sweep's bytes; the swept settings are in the config ids, which
 * `sweep_id` hashes with the data.
 */
export function sweepManifest(header: JournalHeader, outputs: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    bt_version: BT_VERSION,
    engine_version: header.engine_version ?? null,
    sweep: header.sweep,
    sweep_id: header.sweep_id,
    shard: header.shard,
    n_configs: header.config_ids.length,
    n_total: header.n_total,
    inputs: header.data_sha256,
    outputs,
  };
}
