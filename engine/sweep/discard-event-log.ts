import type { EventSpill } from '../events/log.js';

/**
 * Where a sweep's runs send their event log: nowhere. A sweep keeps each configuration's
 * metrics and equity curve (engine/run/run-metrics.ts reads the run's outputs and portfolio,
 * never the log) and no run reads its own log back, so a run or replay of a sweep logs into one
 * fixed batch of rows, emptied as it fills, instead of an in-memory log: on M the targets and
 * fills rows alone are ~776k a run (~38 MB of pages first touched in every full run and every
 * replay, ~9-11k page faults of a fresh worker's ~30k in its recording run). The batch is
 * 512 rows (25 KB of columns, in cache): nothing reads it, so a bigger one only touches more
 * memory per run (4,096 rows were 200 KB, first touched by every run and replay of a sweep).
 */
export const DISCARD_EVENT_LOG: EventSpill = { sink: { append: () => undefined }, batchRows: 512 };
