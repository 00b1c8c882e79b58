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
