import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { openArrowFile } from '../../../datasets/read/open-arrow-file.js';
import { MS } from '../../../engine/core/time.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = Date.UTC(2022, 0, 1);
const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 3, agents: 4, symbols: 3, startMs: start, endMs: start + 5 * MS.day, freqMs: MS.hour });

describe('OpenedArrowFile.rowCount', () => {
  it('adds up the rows of every record batch from their headers, a short last batch included', () => {
    const file = join(dir, 'findings.arrow');
    writeFindingsArrow(file, u.findings, { batchRows: 37 });
    const f = openArrowFile(file, 'findings');
    let rows = 0;
    let batches = 0;
    for (const b of f.batches()) {
      rows += b.numRows;
      batches += 1;
    }
    expect(batches).toBeGreaterThan(2);
    expect(u.findings.length % 37).not.toBe(0);
    expect(f.rowCount()).toBe(u.findings.length);
    expect(rows).toBe(u.findings.length);
  });

  it('is 0 for a file without record batches (and so is rowEstimate)', () => {
    const file = join(dir, 'empty.arrow');
    const none = { ...u.findings, length: 0, tsMs: new Float64Array(0), confidence: new Float64Array(0), direction: new Int8Array(0), horizonHours: new Float64Array(0), agent: { dictionary: [], codes: new Int32Array(0) }, symbol: { dictionary: [], codes: new Int32Array(0) }, severity: { dictionary: [], codes: new Int32Array(0) }, strategy: { dictionary: [], codes: new Int32Array(0) } };
    writeFindingsArrow(file, none);
    expect(openArrowFile(file, 'findings').rowCount()).toBe(0);
    expect(openArrowFile(file, 'findings').rowEstimate()).toBe(0);
  });
});

describe('OpenedArrowFile.rowEstimate', () => {
  it('is within a few percent of the rows from one batch header and the footer: batches of 37 rows and a short last one', () => {
    const file = join(dir, 'findings-estimate.arrow');
    writeFindingsArrow(file, u.findings, { batchRows: 37 });
    const est = openArrowFile(file, 'findings').rowEstimate();
    expect(Math.abs(est - u.findings.length)).toBeLessThanOrEqual(0.05 * u.findings.length);
  });

  it('is exact for one batch', () => {
    const file = join(dir, 'findings-one.arrow');
    writeFindingsArrow(file, u.findings, { batchRows: u.findings.length });
    expect(openArrowFile(file, 'findings').rowEstimate()).toBe(u.findings.length);
  });
});
