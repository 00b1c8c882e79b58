import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { stableStringify } from '../core/stable-json.js';
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
 * temp file and a rename; `extra` (gates, baseline) is merged into summary.json.
 */
export function writeSweepOutputs(dir: string, header: JournalHeader, out: SweepOutputs, extra: Readonly<Record<string, unknown>>): void {
  writeFileAtomic(join(dir, 'results.arrow'), resultsArrow(out.rows, header, out.failures, out.ranking));
  writeFileAtomic(join(dir, 'results.csv'), resultsCsv(out.rows, header, out.failures, out.ranking));
  writeFileAtomic(join(dir, 'curves.arrow'), curvesArrow(out.rows));
  writeFileAtomic(join(dir, 'summary.json'), `${stableStringify({ ...out.summary, ...extra }, 2)}\n`);
}
