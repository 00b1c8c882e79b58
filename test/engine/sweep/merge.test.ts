import { describe, expect, it } from 'vitest';
import { mergeJournals } from '../../../engine/sweep/merge.js';
import { ENGINE_VERSION } from '../../../engine/io/manifest.js';
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
    expect(() => mergeJournals([shard(1, ['a', 'c'], ['a', 'c']), shard(2, ['b'], ['b'], { sweep_id: 'zzz' })])).toThrowError(/s2: expected a shard of the same sweep as s1, found sweep_id zzz, not abc/);
    // the same sweep computed by another bt engine (ENGINE_VERSION): two engines' figures would mix
    expect(() => mergeJournals([shard(1, ['a', 'c'], ['a', 'c'], { engine_version: '2026-12-04' }), shard(2, ['b'], ['b'])])).toThrowError(/s2: expected a shard of the same sweep as s1, found results of bt engine unrecorded, not 2026-12-04/);
    expect(() => mergeJournals([shard(1, ['a', 'c'], ['a']), shard(2, ['b'], ['b'])])).toThrowError(/s1: expected a finished shard \(2 configurations\), found 1 finished\. Finish it with bt sweep \.\.\. --shard 1\/2 --resume/);
    expect(() => mergeJournals([shard(1, ['a', 'c'], ['a', 'c'])])).toThrowError(/found no shard 2\/2/);
  });

  it('merges a shard an engine with the same figures wrote (2026-12-04.3, before results had turnover_traded_annualized) with a new one', () => {
    const m = mergeJournals([shard(1, ['a', 'c'], ['a', 'c'], { engine_version: '2026-12-04.3' }), shard(2, ['b'], ['b'], { engine_version: ENGINE_VERSION })]);
    expect(m.results.map((r) => r.config_id).sort()).toEqual(['a', 'b', 'c']);
    expect(() => mergeJournals([shard(1, ['a', 'c'], ['a', 'c'], { engine_version: '2026-12-04.2' }), shard(2, ['b'], ['b'], { engine_version: ENGINE_VERSION })])).toThrowError(/s2: expected a shard of the same sweep as s1, found results of bt engine 2026-12-04\.4, not 2026-12-04\.2/);
  });

  it('refuses a shard whose results lack a column the other shard has, naming the shard and the column', () => {
    const withTraded = { ...shard(1, ['a', 'c'], []), journal: { ...shard(1, ['a', 'c'], []).journal, results: ['a', 'c'].map((id) => resultOf(id, { turnover_traded_annualized: 1.2 })) } };
    const without = shard(2, ['b'], ['b']);
    expect(() => mergeJournals([withTraded, without])).toThrowError(/^s2: expected results with every column of s1, found results without turnover_traded_annualized \(written by an earlier bt\)\. Run that shard again with this bt: bt sweep \.\.\. --shard 2\/2$/);
    // shards that all lack it merge (the column is null throughout, as in the unsharded sweep)
    expect(mergeJournals([shard(1, ['a', 'c'], ['a', 'c']), without]).results).toHaveLength(3);
  });
});
