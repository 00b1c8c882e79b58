import { describe, expect, it } from 'vitest';
import { gridFromPrices, pricesFromGrid } from '../../../datasets/generate/price-grid.js';
import type { PricesColumns } from '../../../datasets/schemas/columns.js';

// two bars; dictionary in file order (ZZZ first), ZZZ missing at the second bar
const prices: PricesColumns = {
  length: 3,
  tsMs: Float64Array.from([10, 10, 20]),
  symbol: { dictionary: ['ZZZ', 'AAA', 'UNUSED'], codes: Int32Array.from([0, 1, 1]) },
  close: Float64Array.from([5, 7, 8]),
};

describe('gridFromPrices', () => {
  it('sorts symbols, drops unused dictionary entries and marks missing bars NaN', () => {
    const g = gridFromPrices(prices);
    expect(g.symbols).toEqual(['AAA', 'ZZZ']);
    expect([...g.tsMs]).toEqual([10, 20]);
    expect([...g.close]).toEqual([7, 5, 8, Number.NaN]);
  });
});

describe('pricesFromGrid', () => {
  it('writes rows sorted by ts then symbol and leaves missing closes out', () => {
    const p = pricesFromGrid(gridFromPrices(prices));
    expect(p.length).toBe(3);
    expect([...p.tsMs]).toEqual([10, 10, 20]);
    expect([...p.symbol.codes].map((c) => p.symbol.dictionary[c])).toEqual(['AAA', 'ZZZ', 'AAA']);
    expect([...p.close]).toEqual([7, 5, 8]);
  });
});
