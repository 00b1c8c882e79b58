import { readFileSync } from 'node:fs';
import { BtInputError, ViolationCollector } from '../core/errors.js';
import type { RunData } from '../run/run-data.js';
import { parseDateMs } from '../scenario/date.js';
import { parseDecimal } from '../core/decimal-text.js';

/** Reads a regime CSV: header `ts,risk_multiplier`, ts as ISO date/time (UTC), multiplier in [0, 1], sorted. */
export function readRegimeCsv(path: string, display: string): NonNullable<RunData['regime']> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new BtInputError({ file: display, expected: 'a readable CSV file', found: 'no such file' });
  }
  // Only CSV is read; an Arrow file would otherwise be refused as a header of binary bytes
  if (text.startsWith('ARROW1')) {
    throw new BtInputError({ file: display, expected: 'a CSV file with the header ts,risk_multiplier (data.regime is read as CSV)', found: 'an Arrow IPC file: write its two columns as CSV' });
  }
  // \r\n, \n or a lone \r, as bt data import splits lines (datasets/import/line-batches.ts)
  const lines = text.split(/\r\n|\n|\r/);
  const header = (lines[0] ?? '').split(',').map((s) => s.trim());
  if (header[0] !== 'ts' || header[1] !== 'risk_multiplier') {
    throw new BtInputError({ file: display, line: 1, field: 'header', expected: "'ts,risk_multiplier'", found: `'${lines[0] ?? ''}'` });
  }
  const ts: number[] = [];
  const mult: number[] = [];
  const v = new ViolationCollector();
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const fields = line.split(',');
    if (fields.length !== 2) {
      v.add({ file: display, line: i + 1, expected: '2 fields like the header (ts,risk_multiplier)', found: `${fields.length}` });
      continue;
    }
    const [a, b] = fields.map((f) => f.trim()) as [string, string];
    // The scenario's own date rule: a date is midnight UTC, a date-time needs Z or an offset, so
    // the run does not depend on the machine's time zone (Date.parse read naive times as local).
    const t = parseDateMs(a) ?? Number.NaN;
    const m = parseDecimal(b);
    if (!Number.isFinite(t)) v.add({ file: display, line: i + 1, field: 'ts', expected: "a date such as '2005-02-01' or a date-time with Z or an offset ('2005-02-01T09:30:00Z')", found: `'${a}'` });
    else if (ts.length > 0 && t <= (ts[ts.length - 1] as number)) v.add({ file: display, line: i + 1, field: 'ts', expected: 'strictly increasing times', found: `'${a ?? ''}'` });
    if (!(Number.isFinite(m) && m >= 0 && m <= 1)) v.add({ file: display, line: i + 1, field: 'risk_multiplier', expected: 'a number in [0, 1]', found: `'${b}'` });
    ts.push(t);
    mult.push(m);
  }
  v.throwIfAny();
  return { tsMs: Float64Array.from(ts), multiplier: Float64Array.from(mult) };
}
