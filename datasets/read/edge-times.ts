import type { RecordBatch } from 'apache-arrow';
import type { OpenedArrowFile } from './open-arrow-file.js';
import { batchChunks } from './batch-chunks.js';
import { timestampAt } from './decode-columns.js';

/** A file's time range from its edge batches, and its first batch with rows (null: none). */
export interface EdgeTimes {
  readonly first: number;
  readonly last: number;
  readonly head: RecordBatch | null;
}

/**
 * The first and last `ts` of an opened findings or prices file, read from its first and last
 * record batches with rows: what a pass over every row finds when the rows are sorted by ts, as
 * a valid file's are (a reader that checks rows as it goes finds out when they are not). A file
 * without rows: +Infinity and -Infinity, as a pass over it leaves them. Null when either edge
 * row's ts is null.
 */
export function edgeTimes(f: OpenedArrowFile): EdgeTimes | null {
  const edges = f.edgeBatches();
  const head = edges[0];
  const tail = edges[edges.length - 1];
  if (head === undefined || tail === undefined) return { first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY, head: null };
  // only the edge rows are decoded: a whole batch's times, run once and cold, cost ~30 ms on M
  const first = timestampAt(batchChunks(f.schema, [head], 'ts') ?? [], 0);
  const tailChunks = batchChunks(f.schema, [tail], 'ts') ?? [];
  const last = timestampAt(tailChunks, tailChunks.reduce((n, c) => n + c.length, 0) - 1);
  return Number.isNaN(first) || Number.isNaN(last) ? null : { first, last, head };
}
