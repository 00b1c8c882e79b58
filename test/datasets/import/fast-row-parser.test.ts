import { describe, expect, it } from 'vitest';
import { newFastRowParser, NOT_NORMAL } from '../../../datasets/import/fast-row-parser.js';
import { normalizeRow } from '../../../datasets/import/normalize-row.js';
import { parseTimeZone } from '../../../datasets/import/parse-time.js';
import type { DatasetKind } from '../../../datasets/schemas/dataset-kind.js';

const UTC = parseTimeZone('UTC');
const CASES: readonly (readonly [DatasetKind, readonly unknown[]])[] = [
  ['findings', ['2024-01-01T00:00:00Z', ' a ', 'B', 'HIGH', ' 0.25 ', 'short', '', '']],
  ['findings', ['2024-01-01 00:00:00.5', 'a', 'B', undefined, undefined, undefined, undefined, undefined]],
  ['findings', ['2024-01-01T00:00:00Z', 7, true, 'low', 1, -1, 2, 's']],
  ['findings', ['2024-01-01T00:00:00Z', 'a', 'B', 'weird', '2', 'up', '-1', 's']],
  ['findings', ['2024-01-01T00:00:00Z', 'a', 'B', 'low', '0.5', 'constructor', '', '']],
  ['findings', ['', 'a', 'B', 'low', '0.5', '1', '', { x: 1 }]],
  ['prices', ['2024-01-01', 'A', '1', '', '', '', '']],
  ['prices', ['2024-01-01', 'A', '', '1', '0', '1', '-1']],
  ['reconciled', ['', 'a', 'B', '', '-2', '3', '4', '-5', 'v1', '']],
  ['reconciled', ['x', 'a', 'B', '0', '', '', '-4', '', '', '']],
];

describe('newFastRowParser', () => {
  it('returns the row of normalizeRow for records it accepts and NOT_NORMAL exactly when normalizeRow reports', () => {
    for (const [kind, cells] of CASES) {
      const reported: unknown[] = [];
      const slow = normalizeRow(kind, cells, { file: 'f', line: 1, timeFormat: 'iso', tz: UTC }, (d) => reported.push(d));
      const fast = newFastRowParser(kind, 'iso', UTC)(cells);
      if (fast === NOT_NORMAL) expect([kind, cells, reported.length > 0 || slow === undefined || typeof slow[5] === 'function']).toEqual([kind, cells, true]);
      else expect(fast).toEqual(slow);
    }
  });
});
