import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { columnsToIpc, type OutColumn } from '../../../engine/io/arrow-table.js';

describe('columnsToIpc nulls', () => {
  it('reads back every null and value of float, timestamp and dictionary columns, in batches with and without nulls and of lengths not a multiple of 8', () => {
    const n = 1003;
    // nulls at scattered rows of the first batches only: the last batches have none (no bitmap)
    const isNull = (i: number): boolean => i < 700 && (i * 7919) % 13 < 3;
    const f = Float64Array.from({ length: n }, (_, i) => (isNull(i) ? Number.NaN : i / 8));
    const ts = Float64Array.from({ length: n }, (_, i) => (isNull(i) ? Number.NaN : 1_600_000_000_000 + i * 3_600_000));
    const codes = Int32Array.from({ length: n }, (_, i) => (isNull(i) ? -1 : i % 3));
    const cols: OutColumn[] = [
      { name: 'v', type: 'float64', values: f },
      { name: 'ts', type: 'timestamp-ms', values: ts },
      { name: 'agent', type: 'dict', codes, dictionary: ['a', 'b', 'c'] },
    ];
    const t = tableFromIPC(columnsToIpc(cols, n, undefined, 101));
    expect(t.batches.length).toBe(10);
    expect(t.batches.at(-1)?.getChild('v')?.nullCount).toBe(0);
    for (let i = 0; i < n; i++) {
      const row = t.get(i)?.toJSON() as { v: number | null; ts: number | null; agent: string | null };
      expect(row.v).toBe(isNull(i) ? null : i / 8);
      expect(row.ts === null ? null : Number(row.ts)).toBe(isNull(i) ? null : 1_600_000_000_000 + i * 3_600_000);
      expect(row.agent).toBe(isNull(i) ? null : ['a', 'b', 'c'][i % 3]);
    }
  });
});
