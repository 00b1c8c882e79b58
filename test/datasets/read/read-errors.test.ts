import { describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Float64, makeData, Table, tableToIPC, TimestampMicrosecond, Utf8 as Utf8Type, vectorFromArray, type TimestampMillisecond, type Dictionary, type Utf8 } from 'apache-arrow';
import { readFindingsArrow, streamFindingsArrow } from '../../../datasets/read/read-findings.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { readPricesArrow } from '../../../datasets/read/read-prices.js';
import { writePricesArrow } from '../../../datasets/write/write-prices.js';
import { writeColumnsArrow } from '../../../datasets/write/write-columns.js';
import { arrowSchemaFor } from '../../../datasets/write/arrow-schema.js';
import { dictData, dictionaryVector, timestampData } from '../../../datasets/write/arrow-data.js';
import { inputErrorMessage } from '../../helpers/input-error.js';
import { importDataset } from '../../../datasets/import/import-dataset.js';
import { openFdFileReader } from '../../../datasets/read/fd-random-access-file.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'bt-rd-'));
const dict = (dictionary: string[], codes: number[]) => ({ dictionary, codes: Int32Array.from(codes) });

function writePrices(path: string, close: number[], ts: number[], symbols: number[]): void {
  writePricesArrow(path, { length: close.length, tsMs: Float64Array.from(ts), symbol: dict(['A', 'B'], symbols), close: Float64Array.from(close) });
}

describe('readPricesArrow', () => {
  it('rejects a truncated file with a clear message', () => {
    const d = tmp();
    const p = join(d, 'p.arrow');
    writePrices(p, [1, 2], [0, 0], [0, 1]);
    const bytes = readFileSync(p);
    writeFileSync(p, bytes.subarray(0, bytes.length - 40));
    expect(inputErrorMessage(() => readPricesArrow(p))).toMatch(/p\.arrow: expected a complete Arrow IPC file .*The file is truncated/);
  });
  it('rejects a footer whose record batch block lies past the end or inside another message, instead of dropping its rows or reading garbage', () => {
    const d = tmp();
    const p = join(d, 'p.arrow');
    writePricesArrow(p, { length: 4, tsMs: Float64Array.from([0, 0, 1, 1]), symbol: dict(['A', 'B'], [0, 1, 0, 1]), close: Float64Array.from([1, 2, 3, 4]) }, { batchRows: 2 });
    const bytes = readFileSync(p);
    const footerStart = bytes.length - 10 - bytes.readInt32LE(bytes.length - 10);
    const fd = openSync(p, 'r');
    const blocks = [...(openFdFileReader(fd, bytes.length).footer?.recordBatches() ?? [])];
    closeSync(fd);
    expect(blocks).toHaveLength(2);
    const [first, second] = blocks as unknown as [{ offset: number }, { offset: number }];
    // the footer's Block struct for batch 2: its offset as an int64 in the footer's bytes
    const at = bytes.indexOf(Buffer.from(new BigInt64Array([BigInt(second.offset)]).buffer), footerStart);
    expect(at).toBeGreaterThan(0);
    for (const [offset, found] of [
      [1e15, /record batch 2 of 2: the footer puts it at bytes 1000000000000000 \.\. \d+, outside the \d+ bytes before the footer/],
      [first.offset + 16, new RegExp(`record batch 2 of 2: the footer puts it at byte ${first.offset + 16}, where no message of \\d+ metadata bytes starts`)],
    ] as const) {
      const lied = Buffer.from(bytes);
      lied.writeBigInt64LE(BigInt(offset), at);
      writeFileSync(p, lied);
      const m = inputErrorMessage(() => readPricesArrow(p));
      expect(m).toMatch(/p\.arrow: expected a readable Arrow IPC file, found damaged content \(/);
      expect(m).toMatch(found);
    }
  });
  it('rejects a file that is not Arrow', () => {
    const d = tmp();
    writeFileSync(join(d, 'p.arrow'), 'ts,symbol,close\n');
    expect(inputErrorMessage(() => readPricesArrow(join(d, 'p.arrow')))).toMatch(/expected an Arrow IPC file \(starting with "ARROW1"\), found other bytes/);
  });
  it('names a missing file', () => {
    expect(inputErrorMessage(() => readPricesArrow('/nonexistent/p.arrow'))).toBe('/nonexistent/p.arrow: file not found');
  });
  /** A prices file of two rows at time 0 (symbols A, B) with these closes. */
  function twoCloses(closes: [number, number]): string {
    const p = join(tmp(), 'p.arrow');
    const schema = arrowSchemaFor('prices', new Set());
    writeColumnsArrow(p, schema, 2, {
      ts: () => timestampData(schema.fields[0]?.type as TimestampMillisecond, Float64Array.from([0, 0])),
      symbol: () => dictData(schema.fields[1]?.type as Dictionary<Utf8>, Int32Array.from([0, 1]), dictionaryVector(['A', 'B'])),
      close: () => makeData({ type: new Float64(), length: 2, nullCount: 0, data: Float64Array.from(closes) }),
    });
    return p;
  }
  it('reports a NaN close with its row', () => {
    const p = twoCloses([1, Number.NaN]);
    expect(inputErrorMessage(() => readPricesArrow(p))).toBe(`${p}: row 2: close: expected a finite number > 0, found NaN`);
  });
  it('reports a close above 1e12 with its row (1e308 made every pnl Infinity)', () => {
    const p = twoCloses([1, 1e308]);
    expect(inputErrorMessage(() => readPricesArrow(p))).toBe(`${p}: row 2: close: expected a price <= 1000000000000 (larger ones overflow the pnl in bps), found 1e+308`);
  });
  it('reports a negative spread_bps with its row', () => {
    const d = tmp();
    const p = join(d, 'p.arrow');
    const close = Float64Array.from([1, 2]);
    writePricesArrow(p, { length: 2, tsMs: Float64Array.from([0, 0]), symbol: dict(['A', 'B'], [0, 1]), close, spreadBps: Float64Array.from([3, -1]) });
    expect(inputErrorMessage(() => readPricesArrow(p))).toBe(`${p}: row 2: spread_bps: expected a finite number in [0, 20000] or null (a quoted spread is at most 2x the mid price), found -1`);
  });
  it('says how to write a column that means what bt reads in another type (times in microseconds, names as plain strings), and the bt data import it names writes a file a run reads', async () => {
    const p = join(tmp(), 'p.arrow');
    const t = new Table({
      ts: vectorFromArray([0, 1000], new TimestampMicrosecond('UTC')),
      symbol: vectorFromArray(['A', 'B'], new Utf8Type()),
      close: vectorFromArray([1, 2], new Float64()),
    });
    writeFileSync(p, tableToIPC(t, 'file'));
    expect(inputErrorMessage(() => readPricesArrow(p)).split('\n')).toEqual([
      `${p}: column 'ts': expected Timestamp(MILLISECOND, "UTC"), found Timestamp<MICROSECOND, UTC>. bt reads times as epoch milliseconds, UTC: convert the file with bt data import prices ${p} --out NEW.arrow (times without a zone are read as UTC unless --tz names theirs), or cast the column (pyarrow: pc.cast(col, pa.timestamp('ms', tz='UTC')))`,
      `${p}: column 'symbol': expected Dictionary<Int32, Utf8>, found Utf8. bt reads names dictionary-encoded: convert the file with bt data import prices ${p} --out NEW.arrow, or encode the column (pyarrow: col.dictionary_encode())`,
    ]);
    // the command the hint names, as the CLI runs it with its defaults (apache-arrow took 0 and 1000 as epoch ms and stored them in us: 0 and 1,000,000)
    const converted = join(tmp(), 'NEW.arrow');
    await importDataset({ kind: 'prices', input: p, out: converted, maps: [], tz: 'UTC', timeFormat: 'iso', sort: false, maxMemoryRows: 1_000_000, wide: false });
    const read = readPricesArrow(converted);
    expect([Array.from(read.tsMs), read.symbol.dictionary, Array.from(read.close)]).toEqual([[0, 1000], ['A', 'B'], [1, 2]]);
  });
  it('reports unsorted rows and duplicates (ts, symbol)', () => {
    const d = tmp();
    const p = join(d, 'p.arrow');
    writePrices(p, [1, 2, 3, 4], [0, 0, 0, 86_400_000], [1, 0, 0, 0]);
    const m = inputErrorMessage(() => readPricesArrow(p));
    expect(m).toContain(`${p}: row 2: ts, symbol: expected rows sorted by ts then symbol (after 1970-01-01T00:00:00.000Z B), found 1970-01-01T00:00:00.000Z A`);
    expect(m).toContain(`${p}: row 3: ts, symbol: expected one row per (ts, symbol), found a duplicate of 1970-01-01T00:00:00.000Z A`);
  });
  it('rejects a findings file with a did-you-mean for the kind and columns', () => {
    const d = tmp();
    const p = join(d, 'p.arrow');
    writePrices(p, [1], [0], [0]);
    const m = inputErrorMessage(() => readFindingsArrow(p));
    expect(m).toContain(`${p}: schema metadata bt.kind: expected 'findings', found 'prices'. This is a prices file`);
    expect(m).toContain(`${p}: column 'close': expected one of ts, agent, symbol, severity, confidence, direction, horizon_hours, strategy, expected_pnl_bps, found an unknown column`);
    expect(m).toContain(`${p}: column 'confidence': expected a Float64 column, found no such column`);
  });
});

describe('streamFindingsArrow', () => {
  it('names an infinite confidence or horizon once, not once as non-finite and again as out of range', () => {
    const d = tmp();
    const p = join(d, 'f.arrow');
    writeFindingsArrow(p, {
      length: 2,
      tsMs: Float64Array.from([0, 1000]),
      agent: dict(['a'], [0, 0]),
      symbol: dict(['X'], [0, 0]),
      severity: dict(['low'], [0, 0]),
      confidence: Float64Array.from([Number.POSITIVE_INFINITY, 0.5]),
      direction: Int8Array.from([1, 1]),
      horizonHours: Float64Array.from([1, Number.NEGATIVE_INFINITY]),
      strategy: dict([], [-1, -1]),
    });
    const m = inputErrorMessage(() => readFindingsArrow(p));
    expect(m.split(`${p}: row 1: confidence: expected a number in [0, 1], found Infinity`).length - 1).toBe(1);
    expect(m.split(`${p}: row 2: horizon_hours: expected a number > 0 or null, found -Infinity`).length - 1).toBe(1);
  });
  it('names an infinite close once, not once as non-finite and again as out of range', () => {
    const d = tmp();
    const p = join(d, 'p.arrow');
    writePrices(p, [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], [0, 0], [0, 1]);
    const m = inputErrorMessage(() => readPricesArrow(p));
    expect(m.match(/row 1: close/g)).toHaveLength(1);
    expect(m.match(/row 2: close/g)).toHaveLength(1);
  });
  it('words every violation of a later batch with its file row, after valid batches', () => {
    const d = tmp();
    const p = join(d, 'f.arrow');
    writeFindingsArrow(
      p,
      {
        length: 6,
        tsMs: Float64Array.from([0, 1000, 2000, 3000, 1500, 4000]),
        agent: dict(['a'], [0, 0, 0, 0, 0, 0]),
        symbol: dict(['X'], [0, 0, 0, 0, 0, 0]),
        severity: dict(['low', 'bogus'], [0, 0, 0, 0, 0, 1]),
        confidence: Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.5, 1.5]),
        direction: Int8Array.from([1, 1, 1, 1, 1, 2]),
        horizonHours: Float64Array.from([1, 1, 1, 1, -2, Number.NaN]),
        strategy: dict([], [-1, -1, -1, -1, -1, -1]),
      },
      { batchRows: 2 },
    );
    const m = inputErrorMessage(() => [...streamFindingsArrow(p, { strategy: false })]);
    expect(m).toContain(`${p}: row 5: ts: expected rows sorted by ts (at or after 1970-01-01T00:00:03.000Z), found 1970-01-01T00:00:01.500Z`);
    expect(m).toContain(`${p}: row 5: horizon_hours: expected a number > 0 or null, found -2`);
    expect(m).toContain(`${p}: row 6: severity: expected one of`);
    expect(m).toContain(`${p}: row 6: confidence: expected a number in [0, 1], found 1.5`);
    expect(m).toContain(`${p}: row 6: direction: expected +1, -1 or null, found 2`);
    expect(m).not.toMatch(/row [1-4]:/);
    const last = inputErrorMessage(() => [...streamFindingsArrow(p)].length);
    expect(last).toBe(m);
  });
});
