import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectArrowFile } from '../../datasets/inspect.js';
import { writePricesArrow } from '../../datasets/write/write-prices.js';
import { writeFindingsArrow } from '../../datasets/write/write-findings.js';

const dict = (dictionary: string[], codes: number[]) => ({ dictionary, codes: Int32Array.from(codes) });

describe('inspectArrowFile', () => {
  it('summarizes a prices file: kind, rows, range, distinct symbols, nulls, order, duplicates', () => {
    const p = join(mkdtempSync(join(tmpdir(), 'bt-ins-')), 'p.arrow');
    // The dictionary holds an unused symbol 'C': distinct counts only used codes.
    writePricesArrow(p, { length: 3, tsMs: Float64Array.from([0, 0, 86_400_000]), symbol: dict(['A', 'B', 'C'], [0, 1, 0]), close: Float64Array.from([1, 2, 3]), open: Float64Array.from([1, Number.NaN, Number.NaN]) }, { batchRows: 2 });
    const r = inspectArrowFile(p);
    expect(r).toMatchObject({ kind: 'prices', rows: 3, batches: 2, start: '1970-01-01T00:00:00.000Z', end: '1970-01-02T00:00:00.000Z', distinct: { agent: null, symbol: 2 }, sorted: true, duplicates: 0, nulls: { ts: 0, symbol: 0, close: 0, open: 2 } });
  });
  it('flags unsorted findings and repeated (ts, agent, symbol) keys', () => {
    const p = join(mkdtempSync(join(tmpdir(), 'bt-ins-')), 'f.arrow');
    writeFindingsArrow(p, {
      length: 3, tsMs: Float64Array.from([5, 5, 1]), agent: dict(['a'], [0, 0, 0]), symbol: dict(['X'], [0, 0, 0]), severity: dict(['low'], [0, 0, 0]),
      confidence: Float64Array.from([0.5, 0.5, 0.5]), direction: Int8Array.from([1, 1, 1]), horizonHours: new Float64Array(3).fill(Number.NaN), strategy: dict([], [-1, -1, -1]),
    });
    expect(inspectArrowFile(p)).toMatchObject({ kind: 'findings', rows: 3, sorted: false, duplicates: 1, distinct: { agent: 1, symbol: 1 } });
  });
});
