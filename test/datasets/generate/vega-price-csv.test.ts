import { describe, expect, it } from 'vitest';
import { monthEndCloses, gridFromRows, parseSp500Csv, parseStocksCsv } from '../../../datasets/generate/vega-price-csv.js';

describe('parseStocksCsv', () => {
  it('reads "Mon D YYYY" dates as 00:00 UTC', () => {
    expect(parseStocksCsv('symbol,date,price\nMSFT,Jan 1 2000,39.81\nGOOG,Aug 1 2004,102.37\n')).toEqual([
      { symbol: 'MSFT', tsMs: Date.UTC(2000, 0, 1), close: 39.81 },
      { symbol: 'GOOG', tsMs: Date.UTC(2004, 7, 1), close: 102.37 },
    ]);
  });
});

describe('monthEndCloses', () => {
  it("keeps the last trading day of each month, stamped at the 1st (stocks.csv's convention)", () => {
    const daily = parseSp500Csv(
      'date,open,high,low,close,adjclose,volume\n' +
        '2000-01-03,1,1,1,1455.219971,1,1\n2000-01-04,1,1,1,1399.42,1,1\n2000-02-01,1,1,1,1409.28,1,1\n',
    );
    expect(monthEndCloses(daily)).toEqual([
      { symbol: 'SPX', tsMs: Date.UTC(2000, 0, 1), close: 1399.42 },
      { symbol: 'SPX', tsMs: Date.UTC(2000, 1, 1), close: 1409.28 },
    ]);
  });
});

describe('gridFromRows', () => {
  it('leaves a symbol NaN before its first row', () => {
    const g = gridFromRows([
      { symbol: 'B', tsMs: 2, close: 5 },
      { symbol: 'A', tsMs: 1, close: 3 },
      { symbol: 'A', tsMs: 2, close: 4 },
    ]);
    expect(g.symbols).toEqual(['A', 'B']);
    expect([...g.close]).toEqual([3, Number.NaN, 4, 5]);
  });
});
