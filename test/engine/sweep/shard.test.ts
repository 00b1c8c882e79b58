import { describe, expect, it } from 'vitest';
import { parseShard, selectShard } from '../../../engine/sweep/shard.js';

describe('parseShard', () => {
  it("reads 'i/n' and refuses an index outside 1..n", () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('0/4')).toThrowError("--shard: expected 'i/n' with 1 <= i <= n (e.g. 1/4; a job array's index + 1), found '0/4'");
    expect(() => parseShard('5/4')).toThrowError(/found '5\/4'/);
    expect(() => parseShard('a')).toThrowError(/found 'a'/);
  });
});

describe('selectShard', () => {
  it('partitions the sorted items: every n-th from position i - 1', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const parts = [1, 2, 3].map((index) => selectShard(ids, { index, count: 3 }));
    expect(parts).toEqual([['a', 'd'], ['b', 'e'], ['c']]);
    expect(parts.flat().sort()).toEqual(ids);
  });
});
