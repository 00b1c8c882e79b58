/**
 * A prices record batch decoded as a run replays it, in one pass per column: times decoded and
 * checked sorted by ts then symbol (symbols compared by their rank in code-unit order, one
 * table per dictionary) together, run ids straight from the symbol keys, closes and the
 * optional columns read in place and checked, as decodePrices checks them. Null when a row or
 * column needs the full decoding (a null, a value it rejects, rows out of order, a chunked
 * column): that decoding words the error, or decodes what it accepts (a null volume), so every
 * value and every error is that decoding's.
 */
import type { RecordBatch, Vector } from 'apache-arrow';
import { compareCodeUnits } from '../../engine/core/stable-json.js';
import { ScratchColumns } from './scratch-columns.js';
import { msOfInt64 } from '../../engine/core/int64-ms.js';
import { MAX_CLOSE, OPTIONAL_PRICE_RANGES } from '../schemas/prices-schema.js';
import { dictionaryOf, idTable, keysToIds, PerDictionary, timePairs, validChunk, valuesWithin, type Keys } from './run-batch-loops.js';

/**
 * Prices as a run replays them (RunData's prices, whole or a batch): run ids, closes and the
 * cost columns (a streamed batch's arrays are reused by the next batch).
 */
export interface PricesRunBatch {
  readonly n: number;
  readonly tsMs: Float64Array;
  readonly symbolId: Int32Array;
  readonly close: Float64Array;
  /** Traded volume per bar (NaN = null), when the prices file has the column: the impact term's ADV. */
  readonly volume?: Float64Array;
  /** Quoted spread per bar in bps (NaN = null), when the prices file has `spread_bps`. */
  readonly spreadBps?: Float64Array;
}

/** The last row of the batch before: its time and symbol ('' before the first batch, as decodePrices starts). */
export interface PricesRunPrev {
  readonly tsMs: number;
  readonly symbol: string;
}

/** A decoded batch, its symbol dictionary and its last row's symbol (what the next batch's first row follows). */
export interface PricesRunDecoded {
  readonly batch: PricesRunBatch;
  readonly dictionary: Vector;
  readonly lastSymbol: string;
}

/** A dictionary's entries in code-unit order: each key's rank (-1: not a string) and the sorted distinct names. */
interface SymbolOrder {
  readonly rank: Int32Array;
  readonly sorted: readonly string[];
}

function symbolOrder(entries: readonly unknown[]): SymbolOrder {
  const sorted = [...new Set(entries.filter((s): s is string => typeof s === 'string'))].sort(compareCodeUnits);
  const rankOf = new Map(sorted.map((s, r) => [s, r]));
  return { rank: Int32Array.from(entries, (s) => (typeof s === 'string' ? (rankOf.get(s) as number) : -1)), sorted };
}

/**
 * The rank a symbol compares as among `sorted`: its own when listed, else half-way between its
 * neighbours (a row at the same time is after it exactly when its rank is larger).
 */
function rankAmong(sorted: readonly string[], symbol: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareCodeUnits(sorted[mid] as string, symbol) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === symbol ? lo : lo - 0.5;
}

/**
 * Writes the n epoch-ms times (msOfInt64, as decodeTimestampMs) into `out`; false at a row not
 * after the one before it by (ts, symbol rank), or whose key has no rank.
 */
function rowsInOrder(pairs: Int32Array, keys: Keys, n: number, prevTs: number, prevRank: number, rank: Int32Array, out: Float64Array): boolean {
  let lastTs = prevTs;
  let lastRank = prevRank;
  const r = rank.length;
  for (let i = 0; i < n; i++) {
    const t = msOfInt64(pairs[2 * i] as number, pairs[2 * i + 1] as number);
    out[i] = t;
    const k = keys[i] as number;
    const kr = k >= 0 && k < r ? (rank[k] as number) : -1;
    if (kr < 0 || t < lastTs || (t === lastTs && kr <= lastRank)) return false;
    lastTs = t;
    lastRank = kr;
  }
  return true;
}

/** Optional columns and the values decodePrices accepts in them (null, and a non-finite value, are the full decoding's to report). */
const OPTIONAL = Object.entries(OPTIONAL_PRICE_RANGES).map(([name, r]) => [name, r.min, Math.min(r.max, Number.MAX_VALUE)] as const);

/** Returns the decoder of a prices file's batches. */
export function pricesRunDecoder(symbolIdOf: ReadonlyMap<string, number>): (batch: RecordBatch, prev: PricesRunPrev) => PricesRunDecoded | null {
  const ids = new PerDictionary(idTable(symbolIdOf));
  const orders = new PerDictionary(symbolOrder);
  const out = new ScratchColumns();
  return (batch, prev) => {
    const n = batch.numRows;
    const ts = validChunk(batch, 'ts');
    const symbol = validChunk(batch, 'symbol');
    const closeChunk = validChunk(batch, 'close');
    if (ts === null || symbol === null || closeChunk === null) return null;
    const dict = dictionaryOf(symbol);
    if (dict === undefined) return null;
    const order = orders.of(dict);
    const tsMs = out.f64('ts', n);
    const keys = symbol.values as Keys;
    if (!rowsInOrder(timePairs(ts, n), keys, n, prev.tsMs, rankAmong(order.sorted, prev.symbol), order.rank, tsMs)) return null;
    const symbolId = out.i32('symbol', n);
    if (!keysToIds(keys, n, ids.of(dict), symbolId)) return null;
    const close = (closeChunk.values as Float64Array).subarray(0, n);
    if (!valuesWithin(close, n, Number.MIN_VALUE, MAX_CLOSE)) return null;
    const cost: { volume?: Float64Array; spreadBps?: Float64Array } = {};
    const fields = batch.schema.fields;
    for (const [name, lo, hi] of OPTIONAL) {
      if (!fields.some((f) => f.name === name)) continue;
      const c = validChunk(batch, name);
      if (c === null) return null;
      const x = (c.values as Float64Array).subarray(0, n);
      if (!valuesWithin(x, n, lo, hi)) return null;
      if (name === 'volume') cost.volume = x;
      if (name === 'spread_bps') cost.spreadBps = x;
    }
    const lastSymbol = n > 0 ? (dict.get(keys[n - 1] as number) as string) : prev.symbol;
    return { batch: { n, tsMs, symbolId, close, ...cost }, dictionary: dict, lastSymbol };
  };
}
