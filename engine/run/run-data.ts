import type { KillList } from '../../datasets/schemas/columns.js';
import type { FindingsRunBatch } from '../../datasets/read/findings-run-batch.js';
import type { PricesRunBatch } from '../../datasets/read/prices-run-batch.js';

/** A file's first and last row times (UTC ms); first = +Infinity, last = -Infinity when it has no rows. */
export interface TimeSpan {
  readonly first: number;
  readonly last: number;
}

/**
 * A run's inputs, decoded once and interned to integer ids (agents, symbols and strategy
 * classes numbered in sorted-name order). Shared read-only by every configuration of a
 * sweep: nothing here depends on allocation parameters.
 */
export interface RunData {
  readonly agents: readonly string[];
  readonly symbols: readonly string[];
  readonly strategies: readonly string[];
  /** Per agent: strategy id (-1 = unclassified), schedule weight, enabled flag. */
  readonly agentStrategy: Int32Array;
  readonly scheduleWeight: Float64Array;
  readonly agentEnabled: Uint8Array;
  /**
   * Per agent: when it joins the roster by the agents file's `since` (ms; NaN = at its first
   * finding). An agent that has not joined is not eligible and appears in no output row, so
   * the roster is never read from the future.
   */
  readonly agentSinceMs?: Float64Array;
  readonly prices: PricesRunBatch;
  readonly findings: FindingsRunBatch;
  readonly killList: KillList | null;
  /**
   * Batch-by-batch sources (bt run on files): when present, `prices` and `findings` above are
   * empty (`prices` keeps the file's optional columns, empty: what is checked before the replay) and the kernel pulls batches from these, so decoded input never sits whole in
   * memory. Each call starts a fresh pass; the function it returns yields the next batch or null.
   * A batch's arrays are reused by the next batch of its pass: the kernel is done with a batch
   * before it asks for the next.
   */
  readonly stream?: {
    readonly prices: () => () => RunData['prices'] | null;
    readonly findings: () => () => RunData['findings'] | null;
    /** Each file's first and last times (what an absent time.start / time.end means: config-from-scenario.ts). */
    readonly priceSpan: TimeSpan;
    readonly findingSpan: TimeSpan;
    /** About the rows of the findings file, from its footer and a batch header (what state.ts sizes the statistics' log by); absent: unknown. */
    readonly findingsRows?: number;
  };
  /** Optional regime risk multiplier series, sorted by time. */
  readonly regime: { readonly tsMs: Float64Array; readonly multiplier: Float64Array } | null;
  /** The findings file as errors name it (relative to the scenario), for the rows only the replay can judge; absent: unnamed. */
  readonly findingsFile?: string;
}
