import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDataset } from '../../../datasets/import/import-dataset.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';

// 2024-03-01T00:00Z = 1709251200000 ms (see parse-time.test.ts).
const MAR1 = 1_709_251_200_000;
const H = 3_600_000;

describe('importDataset', () => {
  it('writes the same bytes as writeFindingsArrow for plain lines (fast path) and a quoted-field line', async () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-imp-fast-'));
    const csv = [
      'ts,agent,symbol,severity,confidence',
      '2024-03-01T00:00:00Z,alpha,BTC-USD,low,0.5',
      '2024-03-01T01:00:00.250Z,"beta, inc","ETH ""x""",HIGH, 0.25 ',
      '2024-03-01 02:00:00,alpha,BTC-USD,,',
      '',
    ].join('\r\n');
    writeFileSync(join(d, 'f.csv'), csv);
    const r = await importDataset({ kind: 'findings', input: join(d, 'f.csv'), out: join(d, 'imported.arrow'), maps: [], tz: 'UTC', timeFormat: 'iso', sort: false, maxMemoryRows: 10, wide: false });
    expect(r.rows).toBe(3);
    // By hand: a naive time is UTC under --tz UTC; blank severity is 'low', blank confidence 0.5.
    writeFindingsArrow(join(d, 'expected.arrow'), {
      length: 3,
      tsMs: Float64Array.from([MAR1, MAR1 + H + 250, MAR1 + 2 * H]),
      agent: { dictionary: ['alpha', 'beta, inc'], codes: Int32Array.from([0, 1, 0]) },
      symbol: { dictionary: ['BTC-USD', 'ETH "x"'], codes: Int32Array.from([0, 1, 0]) },
      severity: { dictionary: ['low', 'high'], codes: Int32Array.from([0, 1, 0]) },
      confidence: Float64Array.from([0.5, 0.25, 0.5]),
      direction: Int8Array.from([1, 1, 1]),
      horizonHours: Float64Array.from([Number.NaN, Number.NaN, Number.NaN]),
      strategy: { dictionary: [], codes: Int32Array.from([-1, -1, -1]) },
    });
    expect(Buffer.from(readFileSync(join(d, 'imported.arrow'))).equals(readFileSync(join(d, 'expected.arrow')))).toBe(true);
  });
});
