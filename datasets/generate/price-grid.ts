import type { PricesColumns } from '../schemas/columns.js';
import { assert } from '../../engine/core/errors.js';
import { compareCodeUnits } from '../../engine/core/stable-json.js';

/**
 * A dense bar x symbol matrix of closes: the generator's view of prices.
 * `close[bar * symbols.length + s]` is the close of symbol s at `tsMs[bar]`, NaN where the
 * symbol has no bar (never invented). Symbols are sorted by code unit; tsMs strictly rises.
 */
export interface PriceGrid {
  /** Bar times, epoch ms UTC, strictly increasing. */
  readonly tsMs: Float64Array;
  /** Symbol names, sorted (their index is the symbol id). */
  readonly symbols: readonly string[];
  /** Closes, row-major by bar, > 0 or NaN. */
  readonly close: Float64Array;
}

/** Returns the grid of a prices table (any symbol order): one row per distinct ts. */
export function gridFromPrices(cols: PricesColumns): PriceGrid {
  const dict = cols.symbol.dictionary;
  const used = new Uint8Array(dict.length);
  for (let i = 0; i < cols.length; i++) {
    const c = cols.symbol.codes[i] ?? -1;
    if (c >= 0) used[c] = 1;
  }
  const symbols = dict.filter((_, c) => used[c] === 1).slice().sort(compareCodeUnits);
  const idOf = new Map<string, number>();
  symbols.forEach((s, id) => idOf.set(s, id));
  const codeToId = new Int32Array(dict.length).fill(-1);
  dict.forEach((s, c) => {
    if (used[c] === 1) codeToId[c] = idOf.get(s) ?? -1;
  });

  const distinct: number[] = [];
  let prev = Number.NaN;
  for (let i = 0; i < cols.length; i++) {
    const t = cols.tsMs[i] ?? Number.NaN;
    assert(!(t < prev), 'prices are sorted by ts');
    if (t !== prev) distinct.push(t);
    prev = t;
  }
  const tsMs = Float64Array.from(distinct);
  const nSym = symbols.length;
  const close = new Float64Array(tsMs.length * nSym).fill(Number.NaN);
  let bar = -1;
  prev = Number.NaN;
  for (let i = 0; i < cols.length; i++) {
    const t = cols.tsMs[i] ?? Number.NaN;
    if (t !== prev) bar += 1;
    prev = t;
    const id = codeToId[cols.symbol.codes[i] ?? -1] ?? -1;
    if (id >= 0) close[bar * nSym + id] = cols.close[i] ?? Number.NaN;
  }
  return { tsMs, symbols, close };
}

/** Returns the long prices table of a grid: sorted by ts then symbol id, NaN cells left out. */
export function pricesFromGrid(grid: PriceGrid): PricesColumns {
  const nSym = grid.symbols.length;
  let n = 0;
  for (let k = 0; k < grid.close.length; k++) if (!Number.isNaN(grid.close[k] ?? Number.NaN)) n++;
  const tsMs = new Float64Array(n);
  const codes = new Int32Array(n);
  const close = new Float64Array(n);
  let row = 0;
  for (let bar = 0; bar < grid.tsMs.length; bar++) {
    const t = grid.tsMs[bar] ?? Number.NaN;
    for (let s = 0; s < nSym; s++) {
      const c = grid.close[bar * nSym + s] ?? Number.NaN;
      if (Number.isNaN(c)) continue;
      tsMs[row] = t;
      codes[row] = s;
      close[row] = c;
      row++;
    }
  }
  return { length: n, tsMs, symbol: { dictionary: grid.symbols, codes }, close };
}
