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

/**
 * Configurations under which a sweep of short runs runs on one worker, whatever --workers asks:
 * all its warm work is then less than what another worker's start and warm-up cost (quickstart,
 * 48 configurations: ~0.15 s of warm replays, where a second worker costs ~0.06 s to start and
 * ~0.1-0.3 s of JIT; measured, 2 workers ran 10% slower than 1 on this 2-core VM under load).
 */
export const ONE_WORKER_CONFIGS = 200;

/** Returns the workers a sweep of `configurations` over `data` runs on, of the `requested` ones. */
export function workersFor(requested: number, data: RunData, configurations: number): number {
  return runsAreShort(data) && configurations < ONE_WORKER_CONFIGS ? 1 : requested;
}
