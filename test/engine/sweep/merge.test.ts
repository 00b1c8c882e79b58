import { describe, expect, it } from 'vitest';
import { mergeJournals } from '../../../engine/sweep/merge.js';
import { headerOf, resultOf } from './fixtures.js';

const shard = (index: number, ids: string[], done: string[], over = {}) => ({
  display: `s${index}`,
  journal: { header: headerOf(ids, { shard: { index, count: 2 }, n_total: 3, ...over }), results: done.map((id) => resultOf(id, {})), failures: [], validBytes: 0 },
});

describe('mergeJournals', () => {
  it('combines finished shards into the whole sweep', () => {
    const m = mergeJournals([shard(2, ['b'], ['b']), shard(1, ['a', 'c'], ['c', 'a'])]);
    expect(m.header.shard).toEqual({ index: 1, count: 1 });
    expect(m.header.config_ids).toEqual(['a', 'b', 'c']);
    expect(m.results.map((r) => r.config_id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('refuses shards of another sweep or another engine, unfinished shards and missing shards', () => {
    expect(() => mergeJournals([shard(1, ['a', 'c'], ['a', 'c']), shard(2, ['b'], ['b'], { sweep_id: 'zzz' })])).toThrowError(/s2: expected a shard of the same sweep as s1, found sweep_id zzz, not abc: the configurations changed \(the sweep file's space or the base scenario: 3 configurations, here 3\)/);
    // data changed between the shards: the file is named by its role
    expect(() => mergeJournals([shard(1, ['a', 'c'], ['a', 'c']), shard(2, ['b'], ['b'], { sweep_id: 'zzz', data_sha256: { prices: 'q' } })])).toThrowError(/s2: expected a shard of the same sweep as s1, found sweep_id zzz, not abc: the prices file \(sha256 p, here q\) changed/);
    // the same sweep computed by another bt engine (ENGINE_VERSION): two engines' figures would mix
    expect(() => mergeJournals([shard(1, ['a', 'c'], ['a', 'c'], { engine_version: '2026-12-04' }), shard(2, ['b'], ['b'])])).toThrowError(/s2: expected a shard of the same sweep as s1, found results of bt engine unrecorded, not 2026-12-04/);
    expect(() => mergeJournals([shard(1, ['a', 'c'], ['a']), shard(2, ['b'], ['b'])])).toThrowError(/s1: expected a finished shard \(2 configurations\), found 1 finished\. Finish it with bt sweep \.\.\. --shard 1\/2 --resume/);
    expect(() => mergeJournals([shard(1, ['a', 'c'], ['a', 'c'])])).toThrowError(/found no shard 2\/2/);
  });

  it('refuses shards that list the swept paths in another order, so the merged columns do not depend on which folder comes first', () => {
    // two sweep files writing one grid in two orders share a sweep id (it hashes the config ids), not a column order
    const a = shard(1, ['a', 'c'], ['a', 'c'], { params: ['x', 'y'] });
    const b = shard(2, ['b'], ['b'], { params: ['y', 'x'] });
    expect(() => mergeJournals([a, b])).toThrowError(/s2: expected a shard of the same sweep as s1, found swept paths in the order y, x, not x, y/);
    expect(mergeJournals([a, shard(2, ['b'], ['b'], { params: ['x', 'y'] })]).header.params).toEqual(['x', 'y']);
  });
});
