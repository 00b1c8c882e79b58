import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Float64, Table, TimestampMillisecond, tableToIPC, vectorFromArray } from 'apache-arrow';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegimeCsv } from '../../../engine/io/read-regime-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-regime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(text: string): ReturnType<typeof readRegimeCsv> {
  const path = join(dir, 'regime.csv');
  writeFileSync(path, text);
  return readRegimeCsv(path, 'regime.csv');
}

function error(text: string): string {
  try {
    read(text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('readRegimeCsv', () => {
  it('reads dates as midnight UTC and date-times with Z or an offset, whatever the machine zone', () => {
    const r = read('ts,risk_multiplier\n2005-02-01,0.5\n2005-03-01T09:30:00+01:00,1\r\n\n');
    expect([...r.tsMs]).toEqual([Date.UTC(2005, 1, 1), Date.UTC(2005, 2, 1, 8, 30)]);
    expect([...r.multiplier]).toEqual([0.5, 1]);
  });

  it('refuses a date-time without a zone (it was read in the machine zone), a day that does not exist, extra fields and hex numbers, naming the line', () => {
    const msg = error('ts,risk_multiplier\n2005-02-01T09:30:00,0.5\n2005-02-30,0.5\n2005-04-01,1,000\n2005-05-01,0x1\n');
    expect(msg).toContain("regime.csv:2: ts: expected a date such as '2005-02-01' or a date-time with Z or an offset ('2005-02-01T09:30:00Z'), found '2005-02-01T09:30:00'");
    expect(msg).toContain("regime.csv:3: ts: expected a date such as '2005-02-01'");
    expect(msg).toContain('regime.csv:4: expected 2 fields like the header (ts,risk_multiplier), found 3');
    expect(msg).toContain("regime.csv:5: risk_multiplier: expected a number in [0, 1], found '0x1'");
  });

  it('reads lines ended by a lone CR (an old Mac export) as lines ended by LF or CRLF, as bt data import does', () => {
    const lf = read('ts,risk_multiplier\n2005-02-01,0.5\n2005-03-01,1\n');
    const cr = read('ts,risk_multiplier\r2005-02-01,0.5\r2005-03-01,1\r');
    expect([...cr.tsMs]).toEqual([...lf.tsMs]);
    expect([...cr.multiplier]).toEqual([0.5, 1]);
  });

  it('refuses an Arrow file as what it is, naming the file: the regime is read as CSV only', () => {
    const path = join(dir, 'regime.arrow');
    const table = new Table({ ts: vectorFromArray([Date.UTC(2005, 1, 1)], new TimestampMillisecond()), risk_multiplier: vectorFromArray([0.5], new Float64()) });
    writeFileSync(path, tableToIPC(table, 'file'));
    let msg = '';
    try {
      readRegimeCsv(path, 'regime.arrow');
    } catch (err) {
      msg = (err as Error).message;
    }
    expect(msg).toBe('regime.arrow: expected a CSV file with the header ts,risk_multiplier (data.regime is read as CSV), found an Arrow IPC file: write its two columns as CSV');
  });
});
