import { BtInputError } from '../core/errors.js';

/** A slice of a sweep: shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The whole sweep as one shard. */
export const WHOLE_SWEEP: Shard = { index: 1, count: 1 };

/** Returns the shard in `text` ('2/4'), or throws a BtInputError naming the flag. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m === null ? NaN : Number(m[1]);
  const count = m === null ? NaN : Number(m[2]);
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(count) && count >= 1 && index >= 1 && index <= count)) {
    throw new BtInputError({ field: '--shard', expected: "'i/n' with 1 <= i <= n (e.g. 1/4; a job array's index + 1)", found: `'${text}'` });
  }
  return { index, count };
}

/**
 * Returns shard `s` of the ids, which must be sorted: every count-th id starting at
 * position index - 1. Shards 1..n partition the sweep whatever machine computes them.
 */
export function selectShard<T>(sortedItems: readonly T[], s: Shard): T[] {
  return sortedItems.filter((_, i) => i % s.count === s.index - 1);
}
