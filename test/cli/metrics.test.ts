import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableToIPC, tableFromArrays, tableFromIPC, vectorFromArray, DateDay, Float64, Table } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { TEARSHEET_FIELDS } from '../../engine/metrics/tearsheet-metrics.js';
import { columnsToIpc } from '../../engine/io/arrow-table.js';
import { METRIC_FIELDS } from '../../engine/metrics/compute-metrics.js';
import { close, loadReference } from '../engine/metrics/reference-fixture.js';
import { loadTearsheetReference, tearsheetMismatches } from '../engine/metrics/tearsheet-fixture.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-metrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bt(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), 'metrics', ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes `csv` as `name`, runs bt metrics on it with `flags`, and expects exit 2 and these error lines (the first after 'bt: '). */
function expectInputErrors(name: string, csv: string, flags: readonly string[], lines: readonly string[]): void {
  writeFileSync(join(dir, name), csv);
  const r = bt(name, ...flags);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`bt: ${lines.join('\n')}\n`);
}

describe('bt metrics', () => {
  it('prints the JSON of every managers.csv column in the issue key order, matching numpy', () => {
    copyFileSync(join(repo, 'test/fixtures/data/managers.csv'), join(dir, 'managers.csv'));
    const r = bt('managers.csv', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'bt metrics: periods per year inferred as 12 from the median date spacing 31 days (monthly); pass --periods-per-year to override\n',
    );
    const doc = JSON.parse(r.stdout) as { periods_per_year: number; columns: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc)).toEqual(['periods_per_year', 'columns']);
    expect(doc.periods_per_year).toBe(12);
    const ref = loadReference().managers;
    expect(Object.keys(doc.columns)).toEqual(Object.keys(ref));
    for (const [name, col] of Object.entries(doc.columns)) {
      expect(Object.keys(col)).toEqual([...METRIC_FIELDS, ...TEARSHEET_FIELDS, 'monthly_returns', 'yearly_returns', 'drawdowns', 'notes']);
      for (const f of METRIC_FIELDS) expect(close(col[f] as number | null, ref[name]?.[f] as number | null), `${name}.${f}`).toBe(true);
    }
    // T-bill returns never lose: VaR is a gain, null with its reason.
    expect(doc.columns['US 3m TR']?.['var_95']).toBeNull();
    expect(readdirSync(dir)).toEqual(['managers.csv']);
  });

  it('prints a table with every metric for a CSV of daily returns', () => {
    writeFileSync(join(dir, 'daily.csv'), 'date,a\n2024-01-02,0.01\n2024-01-03,-0.02\n2024-01-04,0.015\n2024-01-05,\n2024-01-08,0.005\n');
    const r = bt('daily.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('inferred as 252');
    for (const label of ['periods', 'total return', 'annualized return (geometric)', 'annualized volatility', 'Sharpe', 'Sortino', 'max drawdown', 'Calmar', 'VaR (historical) at 95%', 'CVaR / ES (historical) at 95%', 'skewness', 'excess kurtosis', 'hit rate', 'best period', 'worst period', 'drawdown trough', 'longest drawdown, under water (periods)', 'longest drawdown, peak to recovery (periods)']) {
      expect(r.stdout).toContain(label);
    }
    expect(r.stdout).toMatch(/^a \(4 periods, 2024-01-02 to 2024-01-08; 252 periods a year\)/);
  });

  it('names file, line, column and value for NaN, Infinity and text', () => {
    expectInputErrors('bad.csv', 'date,a,b\n2024-01-31,0.01,NaN\n2024-02-29,Infinity,0.02\n2024-03-31,abc,0.01\n', ['--periods-per-year', '12'], [
      'bad.csv:2: b: expected a finite number (leave the field empty for a missing value), found "NaN"',
      'bad.csv:3: a: expected a finite number (leave the field empty for a missing value), found "Infinity"',
      'bad.csv:4: a: expected a finite number (leave the field empty for a missing value), found "abc"',
    ]);
  });

  it('names a text column once, with what a long file needs, rather than on every row', () => {
    // a desk export: Ticker is a symbol column under another name; 'Close Price' is the series
    expectInputErrors('ticker.csv', 'Date,Ticker,Close Price\n2024-01-31,AAA,100\n2024-02-29,AAA,110\n2024-03-31,AAA,99\n', ['--prices', '--periods-per-year', '12'], [
      "ticker.csv:2: Ticker: expected a column of numbers (returns, or prices with --prices), found text on every row (\"AAA\" here). A long file (date, symbol, value) names its symbol column 'symbol'; or name the series to read with --columns",
    ]);
  });

  it('names a text column once and a column whose text stops at a number row by row, when both start with text', () => {
    // Ticker is text on every row; Note is text, then a number (so a column of numbers with bad fields), then text
    expectInputErrors('mixed.csv', 'Date,Ticker,Note,Close\n2024-01-31,AAA,x,100\n2024-02-29,BBB,5,110\n2024-03-31,AAA,y,99\n', ['--prices', '--periods-per-year', '12'], [
      "mixed.csv:2: Ticker: expected a column of numbers (returns, or prices with --prices), found text on every row (\"AAA\" here). A long file (date, symbol, value) names its symbol column 'symbol'; or name the series to read with --columns",
      'mixed.csv:2: Note: expected a finite number (leave the field empty for a missing value), found "x"',
      'mixed.csv:4: Note: expected a finite number (leave the field empty for a missing value), found "y"',
    ]);
  });

  it('reads only the --columns (and --benchmark) of a wide file, so a text column left out does not stop it', () => {
    writeFileSync(join(dir, 'ticker2.csv'), 'Date,Ticker,Close Price\n2024-01-31,AAA,100\n2024-02-29,AAA,110\n2024-03-31,AAA,99\n');
    const r = bt('ticker2.csv', '--prices', '--periods-per-year', '12', '--columns', 'Close Price', '--json');
    expect(r.code, r.stderr).toBe(0);
    const col = (JSON.parse(r.stdout) as { columns: Record<string, { n: number; total_return: number; worst: number }> }).columns['Close Price'];
    expect(col?.n).toBe(2);
    expect(col?.total_return).toBeCloseTo(99 / 100 - 1, 14);
    expect(col?.worst).toBe(99 / 110 - 1);
  });

  it('refuses two columns of one name instead of reading the first twice', () => {
    // the second 'r' (returns of 5 a period) was never read: two identical tables of the first in text, one in --json
    writeFileSync(join(dir, 'twice.csv'), 'date,r,r\n2024-01-31,0.01,5\n2024-02-29,-0.02,5\n2024-03-31,0.03,5\n');
    const r = bt('twice.csv', '--periods-per-year', '12');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bt: twice.csv: r: expected one column of each name, found 2 columns named 'r'. Rename all but one\n");
  });

  it('reads an Arrow file with null as missing', () => {
    const days = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'].map((d) => new Date(`${d}T00:00:00Z`));
    const t = new Table({
      date: vectorFromArray(days, new DateDay()),
      x: vectorFromArray([0.01, null, -0.02, 0.03], new Float64()),
    });
    writeFileSync(join(dir, 'r.arrow'), tableToIPC(t, 'file'));
    const r = bt('r.arrow', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { periods_per_year: number; columns: { x: { n: number; total_return: number } } };
    expect(doc.periods_per_year).toBe(12);
    expect(doc.columns.x.n).toBe(3);
    // 1.01 * 0.98 * 1.03 - 1 = 0.019494
    expect(Math.abs(doc.columns.x.total_return - 0.019494)).toBeLessThan(1e-12);
  });

  it('rejects NaN in an Arrow column naming the row', () => {
    const t = tableFromArrays({ date: ['2024-01-31', '2024-02-29'], x: Float64Array.from([0.01, NaN]) });
    writeFileSync(join(dir, 'nan.arrow'), tableToIPC(t, 'file'));
    const r = bt('nan.arrow');
    expect(r.code).toBe(2);
    // the second row: rows are 1-based, as in every other bt message
    expect(r.stderr).toBe('bt: nan.arrow: row 2: x: expected a finite number (null for a missing value), found NaN\n');
  });

  it('turns prices into returns with --prices and rejects a zero price', () => {
    writeFileSync(join(dir, 'p.csv'), 'date,p\n2024-01-31,100\n2024-02-29,110\n2024-03-31,99\n');
    const ok = bt('p.csv', '--prices', '--json', '--periods-per-year', '12');
    const rec = (JSON.parse(ok.stdout) as { columns: { p: { n: number; worst: number } } }).columns.p;
    expect(rec.n).toBe(2);
    expect(rec.worst).toBe(99 / 110 - 1);
    writeFileSync(join(dir, 'p0.csv'), 'date,p\n2024-01-31,100\n2024-02-29,0\n');
    const bad = bt('p0.csv', '--prices');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('bt: p0.csv:3: p: expected a price > 0 (with --prices), found 0\n');
  });

  it("reads a bt run's equity.arrow with --prices: the equity column only, rows named 1-based", () => {
    const day = 86_400_000;
    const t0 = Date.UTC(2024, 0, 31);
    const ipc = columnsToIpc(
      [
        { name: 'ts', type: 'timestamp-ms', values: Float64Array.from([t0, t0 + 29 * day, t0 + 60 * day]) },
        { name: 'equity', type: 'float64', values: Float64Array.from([100, 110, 99]) },
        { name: 'gross_exposure', type: 'float64', values: Float64Array.from([0, 0.5, 0.4]) },
      ],
      3,
      new Map([['bt.kind', 'equity']]),
    );
    writeFileSync(join(dir, 'equity.arrow'), ipc);
    const r = bt('equity.arrow', '--prices', '--json', '--periods-per-year', '12');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { columns: Record<string, { n: number; total_return: number; worst: number }> };
    expect(Object.keys(doc.columns)).toEqual(['equity']);
    // returns 110/100 - 1 = 0.1 and 99/110 - 1 = -0.1; total 99/100 - 1 = -0.01
    expect(doc.columns['equity']?.n).toBe(2);
    expect(Math.abs((doc.columns['equity']?.total_return as number) + 0.01)).toBeLessThan(1e-12);
    const plain = bt('equity.arrow');
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe('bt: equity.arrow: equity: expected return columns, found the equity curve of a bt run (levels, not returns). Pass --prices to read it as a price series\n');
    // With the run's initial capital in the metadata (bt run writes it), the first period runs
    // from it, as in metrics.json: 100/80 - 1, 110/100 - 1, 99/110 - 1; total 99/80 - 1.
    writeFileSync(
      join(dir, 'equity-init.arrow'),
      columnsToIpc(
        [
          { name: 'ts', type: 'timestamp-ms', values: Float64Array.from([t0, t0 + 29 * day, t0 + 60 * day]) },
          { name: 'equity', type: 'float64', values: Float64Array.from([100, 110, 99]) },
        ],
        3,
        new Map([['bt.kind', 'equity'], ['bt.initial_equity', '80']]),
      ),
    );
    const init = JSON.parse(bt('equity-init.arrow', '--prices', '--json', '--periods-per-year', '12').stdout) as { columns: Record<string, { n: number; total_return: number }> };
    expect(init.columns['equity']?.n).toBe(3);
    expect(Math.abs((init.columns['equity']?.total_return as number) - (99 / 80 - 1))).toBeLessThan(1e-12);
    const gross = bt('equity.arrow', '--prices', '--columns', 'gross_exposure', '--periods-per-year', '12');
    expect(gross.code).toBe(2);
    expect(gross.stderr).toBe('bt: equity.arrow: row 1: gross_exposure: expected a price > 0 (with --prices), found 0\n');
  });

  it("reads a long table (bt's prices.arrow: ts, symbol, close) as one series per symbol, as the same prices side by side", () => {
    // The shipped real-stocks prices: GOOG starts in 2004, so its early dates are missing values.
    const long = bt(join(repo, 'datasets/data/real-stocks/prices.arrow'), '--prices', '--json', '--periods-per-year', '12', '--benchmark', 'SPX');
    expect(long.code, long.stderr).toBe(0);
    const doc = JSON.parse(long.stdout) as { columns: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.columns)).toEqual(['AAPL', 'AMZN', 'GOOG', 'IBM', 'MSFT', 'SPX']);
    // The same prices written wide by hand (one column per symbol, empty where a symbol has no close).
    const rows = new Map<number, Map<string, number>>();
    const table = tableFromIPC(readFileSync(join(repo, 'datasets/data/real-stocks/prices.arrow')));
    const ts = table.getChild('ts')?.toArray() as ArrayLike<number | bigint>;
    const sym = table.getChild('symbol');
    const px = table.getChild('close')?.toArray() as Float64Array;
    for (let i = 0; i < table.numRows; i++) {
      const t = Number(ts[i]);
      if (!rows.has(t)) rows.set(t, new Map());
      rows.get(t)?.set(String(sym?.get(i)), px[i] as number);
    }
    const names = Object.keys(doc.columns);
    const csv = ['date,' + names.join(',')];
    for (const [t, m] of [...rows].sort((a, b) => a[0] - b[0])) csv.push([new Date(t).toISOString().slice(0, 10), ...names.map((n) => (m.has(n) ? String(m.get(n)) : ''))].join(','));
    writeFileSync(join(dir, 'wide.csv'), csv.join('\n') + '\n');
    const wide = bt('wide.csv', '--prices', '--json', '--periods-per-year', '12', '--benchmark', 'SPX');
    expect(wide.code, wide.stderr).toBe(0);
    expect(long.stdout).toBe(wide.stdout);
    expect((doc.columns['GOOG'] as { n: number }).n).toBeLessThan((doc.columns['AAPL'] as { n: number }).n);
    // --columns picks symbols.
    const two = JSON.parse(bt(join(repo, 'datasets/data/real-stocks/prices.arrow'), '--prices', '--json', '--periods-per-year', '12', '--columns', 'SPX,IBM').stdout) as { columns: object };
    expect(Object.keys(two.columns)).toEqual(['SPX', 'IBM']); // in the order asked, as for a wide file
  });

  it('reads a long CSV and names the row of a repeated (date, symbol), a date going back and extra value columns', () => {
    writeFileSync(join(dir, 'long.csv'), 'date,symbol,close\n2024-01-31,B,50\n2024-01-31,A,100\n2024-02-29,A,110\n2024-03-31,A,99\n2024-03-31,B,55\n');
    const ok = bt('long.csv', '--prices', '--json', '--periods-per-year', '12');
    expect(ok.code, ok.stderr).toBe(0);
    const cols = (JSON.parse(ok.stdout) as { columns: Record<string, { n: number; worst: number; total_return: number }> }).columns;
    expect(Object.keys(cols)).toEqual(['A', 'B']);
    expect(cols['A']?.n).toBe(2);
    expect(cols['A']?.worst).toBe(99 / 110 - 1);
    expect(cols['B']?.n).toBe(1);
    expect(cols['B']?.total_return).toBe(55 / 50 - 1);
    const refusals: [string, string, string][] = [
      ['dup.csv', 'date,symbol,close\n2024-01-31,A,100\n2024-02-29,A,110\n2024-02-29,A,111\n', 'bt: dup.csv:4: symbol: expected one row per date and symbol, found A again at 2024-02-29 (first at line 3)\n'],
      ['back.csv', 'date,symbol,close\n2024-02-29,A,100\n2024-01-31,B,110\n', 'bt: back.csv:3: date: expected dates that do not go back (a long table sorted by date), found 2024-01-31 after 2024-02-29\n'],
      ['two.csv', 'date,symbol,close,volume\n2024-01-31,A,100,5\n', 'bt: two.csv: expected one value column besides date and symbol (a long table: date, symbol, value), found close, volume. Keep one of them in the file: --columns names symbols in a long file, not its columns\n'],
      ['zero.csv', 'date,symbol,close\n2024-01-31,A,100\n2024-01-31,B,0\n', 'bt: zero.csv:3: B: expected a price > 0 (with --prices), found 0\n'],
    ];
    for (const [file, text, stderr] of refusals) {
      writeFileSync(join(dir, file), text);
      const r = bt(file, '--prices');
      expect(r.code, file).toBe(2);
      expect(r.stderr).toBe(stderr);
    }
  });

  it('renames the VaR keys for another level and offers the empyrical conventions', () => {
    copyFileSync(join(repo, 'test/fixtures/data/edhec.csv'), join(dir, 'edhec.csv'));
    const r = bt('edhec.csv', '--json', '--level', '0.99', '--tail', 'empyrical', '--drawdown-sign', 'negative', '--columns', 'CTA Global');
    expect(r.code).toBe(0);
    const col = (JSON.parse(r.stdout) as { columns: Record<string, Record<string, number>> }).columns['CTA Global'] ?? {};
    expect(Object.keys(col)).toContain('var_99');
    expect(Object.keys(col)).toContain('cvar_99');
    expect(col['max_drawdown']).toBeLessThan(0);
  });

  it('exits 2 on a bad option value or an uninferable period', () => {
    writeFileSync(join(dir, 'one.csv'), 'date,a\n2024-01-31,0.01\n');
    expect(bt('one.csv', '--tail', 'r').stderr).toBe('bt: --tail: expected one of pa, empyrical, found "r"\n');
    const r = bt('one.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bt: one.csv: cannot infer periods per year from column 'date': needs at least 2 dates, found 1. Pass --periods-per-year N\n");
  });

  it('measures every column against a --benchmark column as R PerformanceAnalytics does', () => {
    // Inputs and expected figures: the monthly-open-drawdown case of test/reference/tearsheet_reference.R.
    const c = loadTearsheetReference().synthetic.find((x) => x.name === 'monthly-open-drawdown');
    if (c === undefined) throw new Error('reference case missing');
    const lines = c.ts_ms.map((t, i) => `${new Date(t).toISOString().slice(0, 10)},${c.returns[i]},${c.benchmark[i] ?? ''}`);
    writeFileSync(join(dir, 'fund.csv'), `date,fund,spx\n${lines.join('\n')}\n`);
    const r = bt('fund.csv', '--benchmark', 'spx', '--columns', 'fund', '--periods-per-year', '12', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { benchmark: string; columns: Record<string, Record<string, unknown>> };
    expect(doc.benchmark).toBe('spx');
    expect(Object.keys(doc.columns)).toEqual(['fund']);
    const fund = doc.columns['fund'] as Record<string, unknown>;
    expect(fund['benchmark_n']).toBe(c.expected.benchmark_n);
    expect(tearsheetMismatches(fund, c.expected)).toEqual([]);
  });

  it('exits 2 naming the columns when --benchmark is not one of them', () => {
    writeFileSync(join(dir, 'two.csv'), 'date,a,b\n2024-01-31,0.01,0.02\n2024-02-29,0.02,0.01\n');
    const r = bt('two.csv', '--benchmark', 'spx', '--periods-per-year', '12');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bt: two.csv: --benchmark: expected a column of the file (a, b), found 'spx'\n");
  });
});
