import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dictionary, Float64, Int32, Int64, Int8, Table, Uint64, TimeUnit, Timestamp, TimestampMicrosecond, Utf8, makeData, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { importDataset, type ImportOptions } from '../../../datasets/import/import-dataset.js';
import { readFindingsArrow } from '../../../datasets/read/read-findings.js';
import { readPricesArrow } from '../../../datasets/read/read-prices.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import type { FindingsColumns } from '../../../datasets/schemas/columns.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'bt-imp-arrow-'));
const options = (input: string, out: string, sort: boolean): ImportOptions => ({
  kind: 'findings', input, out, maps: [], tz: 'UTC', timeFormat: 'iso', sort, maxMemoryRows: 5_000_000, wide: false,
});
const SHIPPED = 'datasets/data/real-stocks/findings.arrow';

/** The findings with the rows of each time in reverse: the same findings, in an order a run refuses. */
function tiesReversed(f: FindingsColumns): FindingsColumns {
  const n = f.length;
  const idx: number[] = [];
  for (let a = 0; a < n; ) {
    let b = a;
    while (b < n && f.tsMs[b] === f.tsMs[a]) b++;
    for (let i = b - 1; i >= a; i--) idx.push(i);
    a = b;
  }
  const pick = <T extends { length: number; [i: number]: number }>(c: T): T => {
    const out = new (c.constructor as new (n: number) => T)(n);
    idx.forEach((k, i) => (out[i] = c[k] as number));
    return out;
  };
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v !== null && typeof v === 'object' && 'codes' in v) copy[k] = { dictionary: (v as { dictionary: unknown }).dictionary, codes: pick((v as { codes: Int32Array }).codes) };
    else copy[k] = ArrayBuffer.isView(v) ? pick(v as unknown as Float64Array) : v;
  }
  return copy as unknown as FindingsColumns;
}

describe('bt data import from an Arrow file', () => {
  it('sorts findings whose rows of one time are in another order into the file the sorted findings import to, byte for byte', async () => {
    const d = tmp();
    const shuffled = join(d, 'shuffled.arrow');
    writeFindingsArrow(shuffled, tiesReversed(readFindingsArrow(SHIPPED)));
    // (a run refuses it as it is: datasets/read/finding-order.ts and its tests)
    await importDataset(options(SHIPPED, join(d, 'from-shipped.arrow'), false));
    const r = await importDataset(options(shuffled, join(d, 'from-shuffled.arrow'), true));
    expect(r.rows).toBe(4284);
    expect(readFileSync(join(d, 'from-shuffled.arrow')).equals(readFileSync(join(d, 'from-shipped.arrow')))).toBe(true);
  });

  it('reads what another tool writes: plain utf8 names and microsecond timestamps, sub-millisecond digits truncated', async () => {
    const d = tmp();
    const input = join(d, 'other-tool.arrow');
    // apache-arrow takes (and gives) a timestamp of any unit as epoch milliseconds
    const us = (iso: string, extraUs: number): number => Date.parse(iso) + extraUs / 1000;
    const table = new Table({
      ts: vectorFromArray([us('2024-03-01T10:00:00Z', 0), us('2024-03-01T10:00:00Z', 0), us('2024-03-01T11:00:00Z', 999)], new TimestampMicrosecond()),
      agent: vectorFromArray(['b', 'a', 'a'], new Utf8()),
      symbol: vectorFromArray(['X', 'Y', 'X'], new Utf8()),
      severity: vectorFromArray(['high', 'low', 'medium'], new Utf8()),
      confidence: vectorFromArray([0.5, 0.25, 1], new Float64()),
      direction: vectorFromArray([1, -1, 1], new Int8()),
    });
    writeFileSync(input, tableToIPC(table, 'file'));
    await importDataset(options(input, join(d, 'f.arrow'), true));
    const f = readFindingsArrow(join(d, 'f.arrow'));
    const name = (c: { dictionary: readonly string[]; codes: Int32Array }, i: number): string => c.dictionary[c.codes[i] as number] as string;
    expect([...f.tsMs]).toEqual([Date.parse('2024-03-01T10:00:00Z'), Date.parse('2024-03-01T10:00:00Z'), Date.parse('2024-03-01T11:00:00Z')]);
    expect([0, 1, 2].map((i) => `${name(f.agent, i)} ${name(f.symbol, i)}`)).toEqual(['a Y', 'b X', 'a X']);
    expect([...f.confidence]).toEqual([0.25, 0.5, 1]);
    expect([...f.direction]).toEqual([-1, 1, 1]);
  });

  it('floors nanosecond timestamps to the millisecond exactly, before 1970 too (a zone in the type names how to show the UTC instant)', async () => {
    const d = tmp();
    const input = join(d, 'ns.arrow');
    const t = 1_710_054_000_000n; // 2024-03-10T07:00:00Z in ms
    // 07:00:00.000999999 (a float sum of its parts rounded it up to .001) and 1 ns before 1970 (truncated toward 1970 to .000)
    const ns = [t * 1_000_000n + 999_999n, -1n];
    const table = new Table({
      ts: makeVector(makeData({ type: new Timestamp(TimeUnit.NANOSECOND, 'America/New_York'), length: 2, data: BigInt64Array.from(ns) })),
      symbol: vectorFromArray(['A', 'B'], new Utf8()),
      close: vectorFromArray([1, 2], new Float64()),
    });
    writeFileSync(input, tableToIPC(table, 'file'));
    await importDataset({ ...options(input, join(d, 'p.arrow'), true), kind: 'prices' });
    expect([...readPricesArrow(join(d, 'p.arrow')).tsMs]).toEqual([-1, Number(t)]);
  });

  it('reads a timestamp without a zone in its type as a wall time in --tz, as a CSV time without one, and one with a zone as its UTC instant', async () => {
    const d = tmp();
    const t = 1_710_054_000_000n; // 2024-03-10T07:00:00 as written (ms)
    const write = (zone: string | null): string => {
      const input = join(d, `${zone ?? 'naive'}.arrow`.replace('/', '_'));
      const ts = makeVector(makeData({ type: new Timestamp(TimeUnit.MILLISECOND, zone), length: 1, data: BigInt64Array.from([t]) }));
      writeFileSync(input, tableToIPC(new Table({ ts, symbol: vectorFromArray(['A'], new Utf8()), close: vectorFromArray([1], new Float64()) }), 'file'));
      return input;
    };
    let n = 0;
    const read = async (input: string, tz: string): Promise<number[]> => {
      const out = join(d, `out-${n++}.arrow`);
      await importDataset({ ...options(input, out, false), kind: 'prices', tz });
      return [...readPricesArrow(out).tsMs];
    };
    // 07:00 New York on 2024-03-10 is EDT (-4): 11:00Z
    expect(await read(write(null), 'America/New_York')).toEqual([Number(t) + 4 * 3_600_000]);
    expect(await read(write(null), 'UTC')).toEqual([Number(t)]);
    expect(await read(write('UTC'), 'America/New_York')).toEqual([Number(t)]);
    expect(await read(write('Asia/Kolkata'), 'America/New_York')).toEqual([Number(t)]);
  });
  it('reads names under 64-bit dictionary indices (Int64, Uint64) as the same names as under Int32 indices, byte for byte', async () => {
    const d = tmp();
    // the same prices, the symbol column dictionary-encoded with indices of three widths
    const write = (name: string, indices: Int32 | Int64 | Uint64, codes: Int32Array | BigInt64Array | BigUint64Array): string => {
      const input = join(d, `${name}.arrow`);
      const dictionary = vectorFromArray(['B', 'A'], new Utf8());
      // (apache-arrow's types list no 64-bit index, but its reader and writer take one)
      const symbol = makeVector(makeData({ type: new Dictionary(new Utf8(), indices as Int32), length: 3, data: codes as Int32Array, dictionary }));
      const ts = makeVector(makeData({ type: new Timestamp(TimeUnit.MILLISECOND, 'UTC'), length: 3, data: BigInt64Array.from([0n, 0n, 1000n]) }));
      writeFileSync(input, tableToIPC(new Table({ ts, symbol, close: vectorFromArray([1, 2, 3], new Float64()) }), 'file'));
      return input;
    };
    const imported = async (input: string): Promise<Buffer> => {
      const out = input.replace(/\.arrow$/, '-out.arrow');
      await importDataset({ ...options(input, out, false), kind: 'prices' });
      return readFileSync(out);
    };
    // rows: A at 0, B at 0, A at 1 s (codes into ['B', 'A'])
    const int32 = await imported(write('int32', new Int32(), Int32Array.from([1, 0, 1])));
    expect([...readPricesArrow(join(d, 'int32-out.arrow')).tsMs]).toEqual([0, 0, 1000]);
    expect((await imported(write('int64', new Int64(), BigInt64Array.from([1n, 0n, 1n])))).equals(int32)).toBe(true);
    expect((await imported(write('uint64', new Uint64(), BigUint64Array.from([1n, 0n, 1n])))).equals(int32)).toBe(true);
  });

  it.each(['lz4', 'zstd'])('imports %s-compressed findings, prices and agents (pyarrow feather\'s default is LZ4) to the bytes the uncompressed files import to', async (codec) => {
    const d = tmp();
    for (const kind of ['findings', 'prices', 'agents'] as const) {
      const imported = async (variant: string): Promise<Buffer> => {
        const out = join(d, `${kind}-${variant}-out.arrow`);
        await importDataset({ ...options(`test/fixtures/arrow/codecs/${kind}-${variant}.arrow`, out, false), kind });
        return readFileSync(out);
      };
      expect((await imported(codec)).equals(await imported('uncompressed'))).toBe(true);
    }
  });

  it('refuses a compressed buffer that does not decode as such, naming the file', async () => {
    const d = tmp();
    const bytes = readFileSync('test/fixtures/arrow/prices-lz4.arrow');
    // the first LZ4 frame's magic number, zeroed
    bytes.fill(0, bytes.indexOf(Buffer.from([0x04, 0x22, 0x4d, 0x18])), bytes.indexOf(Buffer.from([0x04, 0x22, 0x4d, 0x18])) + 4);
    const input = join(d, 'corrupt.arrow');
    writeFileSync(input, bytes);
    await expect(importDataset({ ...options(input, join(d, 'p.arrow'), false), kind: 'prices' })).rejects.toThrowError(/corrupt\.arrow: a compressed buffer could not be decoded \(LZ4 frame: invalid magic number\)/);
    expect(existsSync(join(d, 'p.arrow'))).toBe(false);
  });
});
