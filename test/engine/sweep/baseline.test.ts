import { describe, expect, it } from 'vitest';
import { compareToBaseline, parseBaselineCsv } from '../../../engine/sweep/baseline.js';
import { splitCsvRecord } from '../../../engine/io/csv-line.js';
import { resultOf } from './fixtures.js';

describe('splitCsvRecord', () => {
  it('splits on commas outside quotes and unescapes doubled quotes', () => {
    expect(splitCsvRecord('a,"b,c","d""e",')).toEqual(['a', 'b,c', 'd"e', '']);
  });
});

describe('parseBaselineCsv', () => {
  it('reads metric columns by config id, empty cells as null', () => {
    const t = parseBaselineCsv('config_id,x,sharpe,max_drawdown\nab,"1,2",0.5,\n', 'b.csv');
    expect(t.rows.get('ab')).toEqual({ sharpe: 0.5, max_drawdown: null });
    expect(t.absentColumns).toContain('turnover_traded_annualized');
    expect(() => parseBaselineCsv('id,sharpe\n', 'b.csv')).toThrowError(/^b\.csv:1: header: expected a results\.csv header with 'config_id'/);
    expect(() => parseBaselineCsv('config_id,sharpe\nab,zz\n', 'b.csv')).toThrowError(/^b\.csv:2: sharpe: expected a number or an empty cell, found 'zz'/);
  });

  it('reads a failed configuration whose quoted error spans lines as one row, and names the line a bad record starts on', () => {
    // results.csv quotes a multi-line error (an internal error's message): one record, not a row per line
    const csv = 'config_id,sharpe,max_drawdown,error\nab,,,"internal error: two lines\nsecond, 1.5"\ncd,0.5,0.2,\n';
    const t = parseBaselineCsv(csv, 'b.csv');
    expect([...t.rows.keys()]).toEqual(['ab', 'cd']);
    expect(t.rows.get('cd')).toEqual({ sharpe: 0.5, max_drawdown: 0.2 });
    expect(() => parseBaselineCsv(`${csv}ef,zz,,\n`, 'b.csv')).toThrowError(/^b\.csv:5: sharpe: expected a number or an empty cell, found 'zz'/);
  });
});

describe('compareToBaseline', () => {
  it('flags a metric that worsened by more than the tolerance in its own direction', () => {
    const rows = [resultOf('a', { sharpe: 0.9, max_drawdown: 0.21, n_kills: 3 }), resultOf('b', { sharpe: null })];
    const rowsOf = new Map<string, Record<string, number | null>>([
      ['a', { sharpe: 1, max_drawdown: 0.2, n_kills: 0 }],
      ['b', { sharpe: 1 }],
      ['gone', { sharpe: 1 }],
    ]);
    const base = { rows: rowsOf, absentColumns: [] };
    const r = compareToBaseline(rows, base, 0.06);
    const by = Object.fromEntries(r.compared.map((c) => [`${c.config_id}.${c.metric}`, c]));
    // sharpe 1 -> 0.9 is 10% worse (> 6%); max_drawdown 0.2 -> 0.21 is 5% worse (<= 6%)
    expect(by['a.sharpe']?.regressed).toBe(true);
    expect(by['a.sharpe']?.worse_by).toBeCloseTo(0.1, 12);
    expect(by['a.max_drawdown']?.regressed).toBe(false);
    // a zero baseline compares absolutely: 0 -> 3 kills is worse by 3
    expect(by['a.n_kills']?.worse_by).toBe(3);
    expect(by['b.sharpe']?.regressed).toBe(true);
    expect(r.missing).toEqual(['gone']);
  });

  it('measures the change relative to |baseline|, so a negative baseline that falls further regresses, and regresses only past the tolerance', () => {
    // sharpe -0.5 -> -0.6: (-0.6 - -0.5) / |-0.5| = -0.2, worse by 0.2 (higher is better);
    // total_return -0.5 -> -0.4: better by 0.2; max_drawdown 0.5 -> 0.75: worse by exactly 0.5
    const rows = [resultOf('a', { sharpe: -0.6, total_return: -0.4, max_drawdown: 0.75 })];
    const base = { rows: new Map([['a', { sharpe: -0.5, total_return: -0.5, max_drawdown: 0.5 }]]), absentColumns: [] };
    const by = Object.fromEntries(compareToBaseline(rows, base, 0.06).compared.map((c) => [c.metric, c]));
    expect(Math.abs((by['sharpe']?.worse_by as number) - 0.2)).toBeLessThan(1e-12);
    expect(by['sharpe']?.regressed).toBe(true);
    expect(Math.abs((by['total_return']?.worse_by as number) + 0.2)).toBeLessThan(1e-12);
    expect(by['total_return']?.regressed).toBe(false);
    // "by more than X": worse by exactly the tolerance is not a regression
    const atTolerance = compareToBaseline(rows, base, 0.5).compared.find((c) => c.metric === 'max_drawdown');
    expect([atTolerance?.worse_by, atTolerance?.regressed]).toEqual([0.5, false]);
  });

  it('compares the columns both have and names the ones a results.csv from before them lacks, regressing none of them', () => {
    // a results.csv written before turnover_traded_annualized was a column (ENGINE_VERSION 2026-12-04.4)
    const old = parseBaselineCsv('config_id,sharpe,turnover_annualized\na,1,1.5\n', 'old.csv');
    const r = compareToBaseline([resultOf('a', { sharpe: 1, turnover_annualized: 1.5, turnover_traded_annualized: 9 })], old, 0.01);
    expect(r.compared.map((c) => c.metric)).toEqual(['sharpe', 'turnover_annualized']);
    expect(r.compared.some((c) => c.regressed)).toBe(false);
    expect(r.absentColumns).toContain('turnover_traded_annualized');
    expect(r.absentColumns).not.toContain('sharpe');
  });
});
