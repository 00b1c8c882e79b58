import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { curvesArrow, RESULT_SWEEP_FIELDS, resultsArrow, resultsCsv } from '../../../engine/sweep/results-table.js';
import { RESULT_METRIC_FIELDS } from '../../../engine/sweep/metric-columns.js';
import type { JournalFailure } from '../../../engine/sweep/journal.js';
import { resultOf } from './fixtures.js';

const ctx = { params: ['a', 'v.w'], objective: 'sharpe', direction: 'maximize', n_total: 7, sweep_id: 'sw1' } as const;

const rows = [
  resultOf('bb', { sharpe: 0.1 + 0.2, calmar: null }, { a: 0.5, 'v.w': 'x,y' }, { ts: [10, 20, 30], equity: [1, 2, 3] }),
  resultOf('aa', { sharpe: -1 }, { a: null, 'v.w': true }, { ts: [10], equity: [5] }),
];

describe('resultsCsv', () => {
  it('sorts rows by config id, quotes text with commas, leaves nulls empty and keeps exact doubles', () => {
    const lines = resultsCsv(rows, ctx).trimEnd().split('\n');
    expect(lines[0]).toBe(['config_id', 'a', 'v.w', ...RESULT_METRIC_FIELDS, 'periods_per_year_source', 'notes', ...RESULT_SWEEP_FIELDS].join(','));
    expect(lines[1]?.startsWith('aa,,true,2,')).toBe(true);
    expect(lines[2]?.startsWith('bb,0.5,"x,y",2,')).toBe(true);
    const cells = (lines[2] as string).replace('"x,y"', 'xy').split(',');
    expect(cells[3 + RESULT_METRIC_FIELDS.indexOf('sharpe')]).toBe('0.30000000000000004');
    expect(cells[3 + RESULT_METRIC_FIELDS.indexOf('calmar')]).toBe('');
  });
});

describe('resultsArrow', () => {
  it('writes float64 parameter columns for numbers and utf8 for anything else', () => {
    const t = tableFromIPC(resultsArrow(rows, ctx));
    expect(t.numRows).toBe(2);
    expect(String(t.schema.fields[1]?.type)).toBe('Float64');
    expect(String(t.schema.fields[2]?.type)).toBe('Utf8');
    expect(t.getChild('config_id')?.toArray()).toEqual(['aa', 'bb']);
    expect(t.getChild('a')?.get(0)).toBeNull();
    expect(t.getChild('sharpe')?.get(1)).toBe(0.1 + 0.2);
  });
});

describe('resultsArrow ranking and failures', () => {
  const failed: JournalFailure = { kind: 'failure', config_id: 'ab', params: { a: 2, 'v.w': 'z' }, error: 'q.yaml: targets.allow_short: expected false, found true' };
  const ranked = [resultOf('c1', { sharpe: 0.5 }), resultOf('c0', { sharpe: 0.5 }), resultOf('c2', { sharpe: 0.9 }), resultOf('c3', { sharpe: null })];
  const t = tableFromIPC(resultsArrow(ranked, ctx, [failed]));
  const col = (name: string): unknown[] => Array.from({ length: t.numRows }, (_, i) => t.getChild(name)?.get(i));

  it('ranks by the objective, equal values by config id, and leaves undefined objectives and failures unranked', () => {
    // rows by id: ab (failed), c0 (0.5), c1 (0.5), c2 (0.9), c3 (null): c2 first, then c0 before c1.
    expect(col('config_id')).toEqual(['ab', 'c0', 'c1', 'c2', 'c3']);
    expect(col('rank')).toEqual([null, 2, 3, 1, null]);
  });

  it('records a failed configuration with its parameters, status and error, and null metrics', () => {
    expect(col('status')).toEqual(['failed', 'ok', 'ok', 'ok', 'ok']);
    expect(col('error')).toEqual([failed.error, null, null, null, null]);
    expect(col('a')[0]).toBe(2);
    expect(col('sharpe')[0]).toBeNull();
    expect(col('psr')[0]).toBeNull();
  });

  it('leaves a configuration that never traded unranked and says so in vs_best', () => {
    // 'c4' kept its cash (no fills): its max drawdown of 0 would rank first; the traded ones rank among themselves
    const rows2 = [resultOf('c4', { max_drawdown: 0, turnover_traded_annualized: 0 }), resultOf('c5', { max_drawdown: 0.2, turnover_traded_annualized: 1 }), resultOf('c6', { max_drawdown: 0.1, turnover_traded_annualized: 1 })];
    const t2 = tableFromIPC(resultsArrow(rows2, { ...ctx, objective: 'max_drawdown', direction: 'minimize' }));
    const col2 = (name: string): unknown[] => Array.from({ length: t2.numRows }, (_, i) => t2.getChild(name)?.get(i));
    expect(col2('rank')).toEqual([null, 2, 1]);
    expect(col2('vs_best')).toEqual(['never_traded', 'n/a', 'best']);
  });

  it('carries the whole sweep\'s trial count and id on every row', () => {
    expect(col('n_trials')).toEqual([7, 7, 7, 7, 7]);
    expect(col('sweep_id')).toEqual(['sw1', 'sw1', 'sw1', 'sw1', 'sw1']);
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
