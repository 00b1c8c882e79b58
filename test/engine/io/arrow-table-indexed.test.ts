import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { columnsToIpc, type OutColumn } from '../../../engine/io/arrow-table.js';

describe('columnsToIpc columns written from indices and runs of equal values', () => {
  it('writes texts by index as the bytes of the same texts written row by row: nulls, empty and multi-byte texts, batches with and without any', () => {
    const n = 1000;
    const texts = ['below threshold 0.0004', '', 'ümlaut ✓ 漢字', 'x'];
    // rows 0-400 without text (whole batches of nulls), then some rows with one
    const ids = Int32Array.from({ length: n }, (_, i) => (i > 400 && i % 7 === 0 ? (i >> 3) % texts.length : -1));
    const rowByRow: OutColumn = { name: 'text', type: 'utf8', values: Array.from(ids, (id) => (id < 0 ? null : (texts[id] as string))) };
    const indexed: OutColumn = { name: 'text', type: 'utf8-indexed', ids, texts };
    const want = columnsToIpc([rowByRow], n, undefined, 128);
    expect(Buffer.from(columnsToIpc([indexed], n, undefined, 128)).equals(Buffer.from(want))).toBe(true);
    const back = tableFromIPC(want).getChild('text');
    expect(back?.get(0)).toBe(null);
    expect(back?.get(406)).toBe(texts[(406 >> 3) % texts.length]);
  });

  it('reads back every time of a timestamp column whose rows repeat the time before them, negative and past 2^32 ms, with nulls between', () => {
    const base = [-86_400_000 * 365.25 * 10, -1, 0, 1, 4_294_967_295, 4_294_967_296, 1_700_000_000_000, Number.NaN];
    const ts = Float64Array.from({ length: 997 }, (_, i) => base[Math.floor(i / 13) % base.length] as number);
    const t = tableFromIPC(columnsToIpc([{ name: 'ts', type: 'timestamp-ms', values: ts }], ts.length, undefined, 101));
    const col = t.getChild('ts');
    for (let i = 0; i < ts.length; i++) {
      const v = col?.get(i) as number | bigint | null;
      expect(v === null ? Number.NaN : Number(v)).toBe(ts[i]);
    }
  });
});
