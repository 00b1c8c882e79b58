import type { RunData } from '../run/run-data.js';

/**
 * Input rows (prices + findings) under which a sweep's runs are short: most of a worker's first
 * runs is then its own JIT warm-up, not the run. The quickstart (4,967 rows): a worker's first
 * recording takes ~210 ms of CPU, its third ~25 ms, a warm one ~10; warming a second worker's
 * upstream code costs more than the runs it would take over. Workload S (2.3M rows) runs for
 * ~0.5 s warm: there every worker should run upstream tasks from the start.
 */
export const SHORT_RUN_ROWS = 250_000;

/** True when the runs over `data` are short (SHORT_RUN_ROWS): the pool keeps upstream tasks on one worker (pool.ts, upstreamOnOneWorker). */
export function runsAreShort(data: RunData): boolean {
  return data.prices.n + data.findings.n < SHORT_RUN_ROWS;
}

