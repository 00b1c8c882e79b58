import type { FindingsRunBatch } from '../../datasets/read/findings-run-batch.js';

/** One finding of a hand-made batch: ts, agent id, symbol id, severity multiplier, confidence, direction, horizon hours, expected pnl bps. */
export type FindingRow = [ts: number, agent: number, symbol: number, severity: number, confidence: number, direction: number, horizon: number, expected: number];

/** Returns a FindingsRunBatch of `rows` (without the expected_pnl_bps column when `withExpected` is false). */
export function findingsRunBatch(rows: readonly FindingRow[], withExpected = true): FindingsRunBatch {
  const col = (k: number): Float64Array => Float64Array.from(rows, (r) => r[k] as number);
  return {
    n: rows.length,
    tsMs: col(0),
    agentId: Int32Array.from(rows, (r) => r[1]),
    symbolId: Int32Array.from(rows, (r) => r[2]),
    severityMult: col(3),
    confidence: col(4),
    direction: Int8Array.from(rows, (r) => r[5]),
    horizonHours: col(6),
    ...(withExpected ? { expectedPnlBps: col(7) } : {}),
  };
}
