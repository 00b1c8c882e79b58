import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { columnsToIpc } from '../../../engine/io/arrow-table.js';
import { arrowCsvText, writeArrowCsv } from '../../../engine/io/arrow-csv.js';
import { sha256Hex } from '../../../engine/core/hash.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-arrow-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 2005-07-03T00:00:00.000Z = 1120348800000 ms; .5 s later = 1120348800500.
const table = (batchRows?: number): Uint8Array =>
  columnsToIpc(
    [
      { name: 'seq', type: 'uint32-count', from: 0 },
      { name: 'ts', type: 'timestamp-ms', values: Float64Array.of(1120348800000, 1120348800500, 1120348801000) },
      { name: 'agent', type: 'dict', codes: Int32Array.of(0, -1, 1), dictionary: ['a1', 'a2'] },
      { name: 'weight', type: 'float64', values: Float64Array.of(0.1 + 0.2, Number.NaN, 1e-300), nullable: true },
      { name: 'stats', type: 'utf8', values: ['{"hitRate":0.5,"n":2}', null, 'plain'] },
    ],
    3,
    new Map([['bt.kind', 'test']]),
    batchRows,
  );

const EXPECTED = [
  'seq,ts,ts_ms,agent,weight,stats',
  '0,2005-07-03T00:00:00.000Z,1120348800000,a1,0.30000000000000004,"{""hitRate"":0.5,""n"":2}"',
  '1,2005-07-03T00:00:00.500Z,1120348800500,,,',
  '2,2005-07-03T00:00:01.000Z,1120348801000,a2,1e-300,plain',
  '',
].join('\n');

describe('arrowCsvText', () => {
  it('gives each time as ISO 8601 UTC to the ms plus ts_ms, numbers in shortest round-trip form, nulls empty, text with quotes quoted', () => {
    expect(arrowCsvText(table())).toBe(EXPECTED);
  });

  it('writes the same text a record batch at a time', () => {
    expect(arrowCsvText(table(2))).toBe(EXPECTED);
  });
});

// docs/outputs.md#csv-files: numbers as JavaScript's String(x) (shortest round trip) gives them, nulls empty
const FLOATS = [0.1 + 0.2, -0, 0, Number.NaN, 1e21, -1.7976931348623157e308, 5e-324, -1e-7, 2147483647, -2147483648, 2147483648, 2 ** 53, 123456789.125, -17];
const numbers = (batchRows?: number): Uint8Array => {
  const n = FLOATS.length;
  return columnsToIpc(
    [
      { name: 'seq', type: 'uint32-count', from: 2 ** 32 - n }, // past int32, up to 4294967295
      { name: 'x', type: 'float64', values: Float64Array.from(FLOATS), nullable: true },
      { name: 'i32', type: 'int32', values: Int32Array.from(FLOATS, (_, i) => (i % 2 === 0 ? -(2 ** 31) + i : 2 ** 31 - i)) },
      { name: 'u32', type: 'uint32', values: Uint32Array.from(FLOATS, (_, i) => 2 ** 32 - 1 - i * 1000) },
      { name: 'i8', type: 'int8', values: Int8Array.from(FLOATS, (_, i) => i * 19 - 128) },
      { name: 'flag', type: 'bool', values: Uint8Array.from(FLOATS, (_, i) => i % 2) },
      { name: 'note', type: 'utf8', values: FLOATS.map((_, i) => (i % 3 === 0 ? null : i % 3 === 1 ? 'a "b", c' : 'é')) },
    ],
    n,
    new Map([['bt.kind', 'test']]),
    batchRows,
  );
};
const NUMBERS_EXPECTED = [
  'seq,x,i32,u32,i8,flag,note',
  ...FLOATS.map((x, i) => {
    const note = i % 3 === 0 ? '' : i % 3 === 1 ? '"a ""b"", c"' : 'é';
    return [String(2 ** 32 - FLOATS.length + i), Number.isNaN(x) ? '' : String(x), String(i % 2 === 0 ? -(2 ** 31) + i : 2 ** 31 - i), String(2 ** 32 - 1 - i * 1000), String(i * 19 - 128), String(i % 2 === 1), note].join(',');
  }),
  '',
].join('\n');

describe('arrowCsvText of numbers', () => {
  it('writes each number as String(x) gives it, in every column type: -0 as 0, int32 bounds and past them, large and tiny magnitudes; nulls empty', () => {
    expect(NUMBERS_EXPECTED).toContain(',0,'); // -0
    expect(NUMBERS_EXPECTED).toContain(',1e+21,');
    expect(NUMBERS_EXPECTED).toContain(',5e-324,');
    expect(arrowCsvText(numbers())).toBe(NUMBERS_EXPECTED);
    expect(arrowCsvText(numbers(5))).toBe(NUMBERS_EXPECTED);
  });
});

describe('writeArrowCsv', () => {
  it('writes the CSV of an Arrow file batch by batch and returns its sha256', () => {
    const arrow = join(dir, 't.arrow');
    writeFileSync(arrow, table(1));
    const sha = writeArrowCsv(arrow, join(dir, 't.csv'));
    const text = readFileSync(join(dir, 't.csv'), 'utf8');
    expect(text).toBe(EXPECTED);
    expect(sha).toBe(sha256Hex(text));
  });
});
