import { describe, expect, it } from 'vitest';
import { int64High, int64Low, msOfInt64 } from '../../../engine/core/int64-ms.js';

/** The int32 words (low, high) an Int32Array view of BigInt64Array stores for t: the reference. */
function wordsOf(t: number): [number, number] {
  const words = new Int32Array(new BigInt64Array([BigInt(t)]).buffer);
  return [words[0] as number, words[1] as number];
}

const times = [0, 1, -1, 4294967295, 4294967296, 4294967297, -4294967296, -4294967297, 2147483647, 2147483648, -2147483648, Date.UTC(2022, 0, 1), Date.UTC(1969, 11, 31, 23, 59, 59, 999), Date.UTC(3000, 5, 1), -Date.UTC(2500, 0, 1), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];

describe('epoch ms as int64 words', () => {
  it('splits integer ms into the low and high int32 words of its two\'s-complement int64, as BigInt64Array stores them', () => {
    for (const t of times) {
      const hi = int64High(t);
      expect([int64Low(t, hi), hi]).toEqual(wordsOf(t));
    }
  });

  it('joins the words back into the same ms', () => {
    for (const t of times) {
      const [lo, hi] = wordsOf(t);
      expect(msOfInt64(lo, hi)).toBe(t);
    }
  });
});
