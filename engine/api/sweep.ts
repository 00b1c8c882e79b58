import { tableFromIPC, type Table } from 'apache-arrow';
import { allocatorParamSpecs, ALLOCATORS } from '../../strategies/index.js';
import { BtInputError } from '../core/errors.js';
import { describeFound } from '../scenario/describe-field.js';
import { loadRunData } from '../io/load-run-data.js';
import { runSweepTask, type SweepTaskResult } from '../sweep/run-sweep-task.js';
import { planStages } from '../sweep/stage-plan.js';
import type { SweepTask } from '../sweep/worker.js';
import { failureText } from '../sweep/failed-configs.js';
import type { JournalFailure, JournalHeader, JournalResult } from '../sweep/journal.js';
import { prepareSweep } from '../sweep/prepare-sweep.js';
import { curvesArrow, resultsArrow } from '../sweep/results-table.js';
import { WHOLE_SWEEP } from '../sweep/shard.js';
import { summarizeSweep, type SweepOutputs } from '../sweep/write-sweep-outputs.js';

/** Options of sweep. */
export interface SweepOptions {
  /** Folder the sweep's paths are relative to (default: the current directory). */
  readonly cwd?: string;
}

/** A finished sweep in memory: what `bt sweep` writes as summary.json, results.arrow and curves.arrow. */
export interface SweepResult {
  readonly header: JournalHeader;
  /** summary.json's content before gates (best, PSR/DSR, walk-forward, failures). */
  readonly summary: SweepOutputs['summary'];
  /** One row per finished configuration, sorted by config id. */
  readonly rows: readonly JournalResult[];
  readonly failures: readonly JournalFailure[];
  readonly tables: { readonly results: Table; readonly curves: Table };
}

function runConfig(id: string, params: JournalResult['params'], run: () => SweepTaskResult): { row: JournalResult | JournalFailure; tape: SweepTaskResult['tape']; supervisor: SweepTaskResult['supervisor'] } {
  try {
    const { metrics, ts, equity, tape, supervisor } = run();
    return { row: { kind: 'result', config_id: id, params, metrics, curve: { ts: Array.from(ts), equity: Array.from(equity) } }, tape, supervisor };
  } catch (err) {
    // Bad input in one configuration is recorded, as `bt sweep` does; anything else is a bug and propagates.
    if (!(err instanceof BtInputError)) throw err;
    return { row: { kind: 'failure', config_id: id, params, error: failureText({ kind: 'error', id, message: err.message, input: true }) }, tape: null, supervisor: null };
  }
}

/**
 * Returns every configuration of the sweep file at `path` run in this thread, one after
 * another over data loaded once, summarized as `bt sweep` summarizes it. Writes nothing;
 * `bt sweep` adds worker threads, the resumable journal, gates and the report.
 */
export function sweep(path: string, opts: SweepOptions = {}): SweepResult {
  if (typeof path !== 'string' || path === '') throw new BtInputError({ field: 'path', expected: 'the path of a sweep YAML file', found: describeFound(path) });
  const prep = prepareSweep(path, WHOLE_SWEEP, opts.cwd ?? process.cwd(), allocatorParamSpecs());
  const data = loadRunData(prep.dataPaths);
  const results: JournalResult[] = [];
  const failures: JournalFailure[] = [];
  // Staged as bt sweep is (engine/sweep/stage-plan.ts): one upstream run per stage key, replays for the rest.
  const plan = planStages(prep.mine);
  const queue: SweepTask[] = [...plan.tasks];
  const paramsOf = new Map(prep.mine.map((c) => [c.id, c.params]));
  for (let i = 0; i < queue.length; i++) {
    const t = queue[i] as SweepTask;
    const { row, tape, supervisor } = runConfig(t.id, paramsOf.get(t.id) ?? {}, () => runSweepTask(t.scenario, t.upstream, data, ALLOCATORS, prep.benchmark));
    if (row.kind === 'result') results.push(row);
    else failures.push(row);
    const empty = new Float64Array(0);
    queue.push(...plan.followUps(row.kind === 'result' ? { kind: 'done', id: t.id, metrics: row.metrics, ts: empty, equity: empty, ...(tape !== null ? { tape } : {}), ...(supervisor !== null ? { supervisor } : {}) } : { kind: 'error', id: t.id, message: '', input: true }));
  }
  const out = summarizeSweep(prep.header, results, failures);
  return {
    header: prep.header,
    summary: out.summary,
    rows: out.rows,
    failures: out.failures,
    tables: { results: tableFromIPC(resultsArrow(out.rows, prep.header, out.failures, out.ranking)), curves: tableFromIPC(curvesArrow(out.rows)) },
  };
}
