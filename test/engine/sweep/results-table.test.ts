import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { curvesArrow, resultsArrow, resultsCsv } from '../../../engine/sweep/results-table.js';
import { RESULT_METRIC_FIELDS } from '../../../engine/sweep/metric-columns.js';
import { resultOf } from './fixtures.js';

const rows = [
  resultOf('bb', { sharpe: 0.1 + 0.2, calmar: null }, { a: 0.5, 'v.w': 'x,y' }, { ts: [10, 20, 30], equity: [1, 2, 3] }),
  resultOf('aa', { sharpe: -1 }, { a: null, 'v.w': true }, { ts: [10], equity: [5] }),
];

describe('resultsCsv', () => {
  it('sorts rows by config id, quotes text with commas, leaves nulls empty and keeps exact doubles', () => {
    const lines = resultsCsv(rows, ['a', 'v.w']).trimEnd().split('\n');
    expect(lines[0]).toBe(['config_id', 'a', 'v.w', ...RESULT_METRIC_FIELDS, 'periods_per_year_source', 'notes'].join(','));
    expect(lines[1]?.startsWith('aa,,true,2,')).toBe(true);
    expect(lines[2]?.startsWith('bb,0.5,"x,y",2,')).toBe(true);
    const cells = (lines[2] as string).replace('"x,y"', 'xy').split(',');
    expect(cells[3 + RESULT_METRIC_FIELDS.indexOf('sharpe')]).toBe('0.30000000000000004');
    expect(cells[3 + RESULT_METRIC_FIELDS.indexOf('calmar')]).toBe('');
  });
});

describe('resultsArrow', () => {
  it('writes float64 parameter columns for numbers and utf8 for anything else', () => {
    const t = tableFromIPC(resultsArrow(rows, ['a', 'v.w']));
    expect(t.numRows).toBe(2);
    expect(String(t.schema.fields[1]?.type)).toBe('Float64');
    expect(String(t.schema.fields[2]?.type)).toBe('Utf8');
    expect(t.getChild('config_id')?.toArray()).toEqual(['aa', 'bb']);
    expect(t.getChild('a')?.get(0)).toBeNull();
    expect(t.getChild('sharpe')?.get(1)).toBe(0.1 + 0.2);
  });
});

describe('curvesArrow', () => {
  it('writes the long format grouped by config id in id order', () => {
    const t = tableFromIPC(curvesArrow(rows));
    expect(t.numRows).toBe(4);
    expect(Array.from({ length: 4 }, (_, i) => t.getChild('config_id')?.get(i))).toEqual(['aa', 'bb', 'bb', 'bb']);
    expect(Array.from(t.getChild('equity')?.toArray() as Float64Array)).toEqual([5, 1, 2, 3]);
  });
});
