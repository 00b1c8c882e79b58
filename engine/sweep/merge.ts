import { BtInputError } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import { RANKING_FIELDS, type JournalContents, type JournalFailure, type JournalHeader, type JournalResult } from './journal.js';
import { sweepIdDifference } from './sweep-id-difference.js';

/** A shard folder's journal and how to name it in messages. */
export interface ShardJournal {
  readonly display: string;
  readonly journal: JournalContents;
}

function sameSweep(a: JournalHeader, b: JournalHeader): string | null {
  if (a.engine_version !== b.engine_version) return `results of bt engine ${b.engine_version ?? 'unrecorded'}, not ${a.engine_version ?? 'unrecorded'} (two engines' figures would mix)`;
  if (a.sweep_id !== b.sweep_id) return `sweep_id ${b.sweep_id}, not ${a.sweep_id}: ${sweepIdDifference(a, b, 'here')}`;
  if (stableStringify(a.data_sha256) !== stableStringify(b.data_sha256)) return 'other input data (data_sha256 differs)';
  const fields = [...RANKING_FIELDS, 'n_total', 'base_config_id'] as const;
  for (const f of fields) if (a[f] !== b[f]) return `${f} ${String(b[f])}, not ${String(a[f])}`;
  if (a.shard.count !== b.shard.count) return `a split into ${b.shard.count} shards, not ${a.shard.count}`;
  // one sweep id can come from two files listing the paths in another order: the merged columns would follow whichever shard came first
  if (a.params.join('\n') !== b.params.join('\n')) return `swept paths in the order ${b.params.join(', ')}, not ${a.params.join(', ')} (the sweep file's order gives the columns)`;
  return null;
}

/**
 * Returns the header and results of the whole sweep from its shards' journals: refuses
 * shards of different sweeps (or data, or engines), repeated or missing shards, and unfinished
 * shards, so the merged table is exactly the one an unsharded run writes.
 */
export function mergeJournals(shards: readonly ShardJournal[]): { header: JournalHeader; results: JournalResult[]; failures: JournalFailure[] } {
  const first = shards[0];
  if (first === undefined) throw new BtInputError({ field: 'shard folders', expected: 'at least one sweep folder', found: 'none' });
  const h0 = first.journal.header;
  const seen = new Map<number, string>();
  const results: JournalResult[] = [];
  const failures: JournalFailure[] = [];
  const ids: string[] = [];
  for (const s of shards) {
    const h = s.journal.header;
    const diff = sameSweep(h0, h);
    if (diff !== null) throw new BtInputError({ file: s.display, expected: `a shard of the same sweep as ${first.display}`, found: diff });
    const dup = seen.get(h.shard.index);
    if (dup !== undefined) throw new BtInputError({ file: s.display, expected: 'each shard once', found: `shard ${h.shard.index}/${h.shard.count} again (also in ${dup})` });
    seen.set(h.shard.index, s.display);
    const done = new Set([...s.journal.results, ...s.journal.failures].map((r) => r.config_id));
    const missing = h.config_ids.filter((id) => !done.has(id));
    if (missing.length > 0) {
      throw new BtInputError({ file: s.display, expected: `a finished shard (${h.config_ids.length} configurations)`, found: `${h.config_ids.length - missing.length} finished`, hint: `Finish it with bt sweep ... --shard ${h.shard.index}/${h.shard.count} --resume` });
    }
    const expected = new Set(h.config_ids);
    results.push(...s.journal.results.filter((r) => expected.has(r.config_id)));
    failures.push(...s.journal.failures.filter((r) => expected.has(r.config_id)));
    ids.push(...h.config_ids);
  }
  const absent: number[] = [];
  for (let i = 1; i <= h0.shard.count; i++) if (!seen.has(i)) absent.push(i);
  if (absent.length > 0) throw new BtInputError({ field: 'shard folders', expected: `all ${h0.shard.count} shards`, found: `no shard ${absent.map((i) => `${i}/${h0.shard.count}`).join(', ')}` });
  ids.sort();
  return { header: { ...h0, shard: { index: 1, count: 1 }, config_ids: ids }, results, failures };
}
