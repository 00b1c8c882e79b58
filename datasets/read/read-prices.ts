/** Reads prices.arrow into the columns of columns.ts, whole or batch by batch, validating every row. */
import type { Data, DataType, RecordBatch, Schema, Vector } from 'apache-arrow';
import { ViolationCollector } from '../../engine/core/errors.js';
import { compareCodeUnits } from '../../engine/core/stable-json.js';
import type { PricesColumns } from '../schemas/columns.js';
import { MAX_CLOSE, OPTIONAL_PRICE_RANGES, type OptionalPriceColumn } from '../schemas/prices-schema.js';
import { openArrowFile } from './open-arrow-file.js';
import { ScratchColumns } from './scratch-columns.js';
import { batchChunks, isoFromMs } from './batch-chunks.js';
import { edgeTimes } from './edge-times.js';
import { decodeDict, decodeFloat64, decodeTimestampMs, newDictMerger, remapFor, type BadValueReport, type DictMerger, type StreamOptions } from './decode-columns.js';
import { pricesRunDecoder, type PricesRunBatch } from './prices-run-batch.js';

const OPTIONAL = Object.keys(OPTIONAL_PRICE_RANGES) as OptionalPriceColumn[];

/** Whether `x` is a value optional column `k` accepts (NaN, a null, is checked apart; a non-finite value is decodeFloat64's to report). */
function optionalValueOk(k: OptionalPriceColumn, x: number): boolean {
  const r = OPTIONAL_PRICE_RANGES[k];
  return x >= r.min && x <= r.max;
}

interface PricesReadState {
  readonly file: string;
  readonly schema: Schema;
  readonly symbols: DictMerger;
  /** Rows were validated on an earlier pass: decode without checking. */
  readonly checked: boolean;
  /** Reused output arrays (StreamOptions.scratch), or null: fresh arrays per batch. */
  readonly scratch: ScratchColumns | null;
  rowOffset: number;
  prevTsMs: number;
  prevSymbol: string;
}

/** Returns the whole prices file as columns; throws BtInputError listing schema or value violations. */
export function readPricesArrow(path: string): PricesColumns {
  const f = openArrowFile(path, 'prices');
  return decodePrices([...f.batches()], newState(path, f.schema, {}));
}

/** Yields the prices file one record batch at a time; symbol codes index one file-wide dictionary. */
export function* streamPricesArrow(path: string, opts: StreamOptions = {}): Iterable<PricesColumns> {
  const f = openArrowFile(path, 'prices');
  const state = newState(path, f.schema, opts);
  // each batch is decoded (copied out of its body buffer, which the next reuses) before the next is read
  for (const b of f.batches(true)) yield decodePrices([b], state);
}

/**
 * Yields the prices file one record batch at a time as a run replays it: times, order, run ids
 * and values decoded and checked in one pass per column (prices-run-batch.ts); a batch that
 * pass cannot take is decoded as streamPricesArrow decodes it (its errors thrown) and handed to
 * `decoded`, which maps it. Always StreamOptions.scratch: each batch is valid until the next.
 */
export function* streamPricesForRun(path: string, opts: StreamOptions, symbolIdOf: ReadonlyMap<string, number>, decoded: (cols: PricesColumns) => PricesRunBatch): Iterable<PricesRunBatch> {
  const f = openArrowFile(path, 'prices');
  const state = newState(path, f.schema, { ...opts, scratch: true });
  const fast = pricesRunDecoder(symbolIdOf);
  for (const b of f.batches(true)) {
    const run = fast(b, { tsMs: state.prevTsMs, symbol: state.prevSymbol });
    if (run === null) {
      yield decoded(decodePrices([b], state));
      continue;
    }
    // what decodePrices leaves after a batch without violations; the file-wide dictionary learns
    // this batch's names, as decodePrices's would (a later fully decoded batch ranks the last symbol among them)
    remapFor(state.symbols, run.dictionary);
    const n = run.batch.n;
    state.rowOffset += n;
    if (n > 0) {
      state.prevTsMs = run.batch.tsMs[n - 1] as number;
      state.prevSymbol = run.lastSymbol;
    }
    yield run.batch;
  }
}

function newState(file: string, schema: Schema, opts: StreamOptions): PricesReadState {
  return { file, schema, symbols: newDictMerger(), checked: opts.checked === true, scratch: opts.scratch === true ? new ScratchColumns() : null, rowOffset: 0, prevTsMs: Number.NEGATIVE_INFINITY, prevSymbol: '' };
}

function decodePrices(batches: readonly RecordBatch[], st: PricesReadState): PricesColumns {
  const { file, schema } = st;
  const v = new ViolationCollector();
  const at = (i: number): number => st.rowOffset + i + 1;
  const bad = (field: string, what: string): BadValueReport | null => (st.checked ? null : (i: number, found: string) => v.add({ file, row: at(i), field, expected: what, found }));
  const sc = st.scratch;
  const rows = sc === null ? 0 : batches.reduce((sum, b) => sum + b.numRows, 0);
  // undefined (no scratch): the decoder allocates a fresh array of the chunks' length
  const f64 = (name: string): Float64Array | undefined => sc?.f64(name, rows);
  const tsMs = decodeTimestampMs(batchChunks(schema, batches, 'ts') ?? [], f64('ts'));
  const n = tsMs.length;
  const symbol = decodeDict(batchChunks(schema, batches, 'symbol') ?? [], st.symbols, sc?.i32('symbol', rows));
  const close = decodeFloat64(batchChunks(schema, batches, 'close') ?? [], bad('close', 'a finite number > 0'), false, f64('close'));
  const optional: Partial<Record<OptionalPriceColumn, Float64Array>> = {};
  for (const k of OPTIONAL) {
    const chunks = batchChunks(schema, batches, k);
    if (chunks !== undefined) optional[k] = decodeFloat64(chunks, bad(k, OPTIONAL_PRICE_RANGES[k].expected), true, f64(k));
  }
  if (st.checked || (v.count === 0 && rowsAreValid(st, tsMs, symbol.codes, symbol.dictionary, close, optional))) {
    st.rowOffset += n;
    if (n > 0) {
      st.prevTsMs = tsMs[n - 1] as number;
      st.prevSymbol = symbol.dictionary[symbol.codes[n - 1] as number] as string;
    }
    const { spread_bps: spreadBps, ...bars } = optional;
    return { length: n, tsMs, symbol, close, ...bars, ...(spreadBps === undefined ? {} : { spreadBps }) };
  }
  let prevTs = st.prevTsMs;
  let prevSym = st.prevSymbol;
  for (let i = 0; i < n; i++) {
    const t = tsMs[i] ?? Number.NaN;
    const code = symbol.codes[i] ?? -1;
    const sym = code < 0 ? undefined : symbol.dictionary[code];
    if (Number.isNaN(t)) v.add({ file, row: at(i), field: 'ts', expected: 'a timestamp', found: 'null' });
    if (sym === undefined) v.add({ file, row: at(i), field: 'symbol', expected: 'a symbol', found: 'null' });
    if (!Number.isNaN(t) && sym !== undefined) {
      const order = t !== prevTs ? t - prevTs : compareCodeUnits(sym, prevSym);
      if (order < 0) {
        v.add({ file, row: at(i), field: 'ts, symbol', expected: `rows sorted by ts then symbol (after ${isoFromMs(prevTs)} ${prevSym})`, found: `${isoFromMs(t)} ${sym}` });
      } else if (order === 0) {
        v.add({ file, row: at(i), field: 'ts, symbol', expected: 'one row per (ts, symbol)', found: `a duplicate of ${isoFromMs(t)} ${sym}` });
      }
      prevTs = t;
      prevSym = sym;
    }
    const c = close[i] ?? Number.NaN;
    // NaN and +-Infinity were named by the decoder; name each value once
    if (!Number.isFinite(c)) {
      // named above
    } else if (c <= 0) v.add({ file, row: at(i), field: 'close', expected: 'a finite number > 0', found: String(c) });
    else if (c > MAX_CLOSE) v.add({ file, row: at(i), field: 'close', expected: `a price <= ${MAX_CLOSE} (larger ones overflow the pnl in bps)`, found: String(c) });
    for (const k of OPTIONAL) {
      const x = optional[k]?.[i] ?? Number.NaN;
      if (Number.isFinite(x) && !optionalValueOk(k, x)) v.add({ file, row: at(i), field: k, expected: OPTIONAL_PRICE_RANGES[k].expected, found: String(x) });
    }
  }
  v.throwIfAny();
  st.rowOffset += n;
  st.prevTsMs = prevTs;
  st.prevSymbol = prevSym;
  const { spread_bps: spreadBps, ...bars } = optional;
  return { length: n, tsMs, symbol, close, ...bars, ...(spreadBps === undefined ? {} : { spreadBps }) };
}

/**
 * The row checks of decodePrices on numbers only (symbols compared by their rank in code-unit
 * order, as compareCodeUnits orders them): true when no row breaks one, so the loop that words
 * each violation runs only on a batch that has some.
 */
function rowsAreValid(st: PricesReadState, tsMs: Float64Array, codes: Int32Array, dictionary: readonly string[], close: Float64Array, optional: Partial<Record<OptionalPriceColumn, Float64Array>>): boolean {
  const byName = dictionary.map((_, i) => i).sort((a, b) => compareCodeUnits(dictionary[a] as string, dictionary[b] as string));
  const rank = new Int32Array(dictionary.length);
  byName.forEach((code, r) => (rank[code] = r));
  const prevCode = st.symbols.index.get(st.prevSymbol);
  return rowsInOrder(st.prevTsMs, prevCode === undefined ? -1 : (rank[prevCode] as number), tsMs, codes, rank, close) && optionalAreValid(optional);
}

/**
 * The per-row loop of rowsAreValid, a function of its own: with the optional columns' loop
 * after it in one function, V8's on-stack-replaced code for this loop left the function at
 * that loop every batch (a deoptimization per batch on M, 134 of them), and each batch ran
 * partly unoptimized.
 */
function rowsInOrder(prevTsMs: number, prevRankIn: number, tsMs: Float64Array, codes: Int32Array, rank: Int32Array, close: Float64Array): boolean {
  let prevTs = prevTsMs;
  let prevRank = prevRankIn;
  for (let i = 0; i < tsMs.length; i++) {
    const t = tsMs[i] as number;
    const code = codes[i] as number;
    const c = close[i] as number;
    if (Number.isNaN(t) || code < 0 || code >= rank.length || !((c > 0 && c <= MAX_CLOSE) || Number.isNaN(c))) return false;
    const r = rank[code] as number;
    if (t < prevTs || (t === prevTs && r <= prevRank)) return false;
    prevTs = t;
    prevRank = r;
  }
  return true;
}

function optionalAreValid(optional: Partial<Record<OptionalPriceColumn, Float64Array>>): boolean {
  for (const k of OPTIONAL) {
    const x = optional[k];
    if (x === undefined) continue;
    for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i] as number) && !optionalValueOk(k, x[i] as number)) return false;
  }
  return true;
}

/** What a run needs to know of a prices file before its replay (openRunStream): its symbols and time range. */
export interface PricesOutline {
  /** The symbols some row names (a dictionary entry no row uses is not one). */
  readonly symbols: ReadonlySet<string>;
  readonly first: number;
  readonly last: number;
}

/**
 * The outline of a prices file read without decoding closes or checking rows: the time range
 * from the first and last record batches with rows (what a pass over every row finds when rows
 * are sorted by ts, as a valid file's are: a reader that checks rows as it goes finds out when
 * they are not), the symbols from the symbol column's keys. The file reader loads every
 * dictionary batch when it opens the file, so each record batch's symbol dictionary is the whole
 * file's: once the first batch names every entry, no later batch can name another, and the
 * batches between are not read (else their keys are, and nothing else). Null when either edge
 * row's ts is null. Schema and file errors are thrown as streamPricesArrow throws them.
 */
export function pricesOutline(path: string): PricesOutline | null {
  const f = openArrowFile(path, 'prices');
  const edges = edgeTimes(f);
  if (edges === null) return null;
  const { first, last, head } = edges;
  if (head === null) return { symbols: new Set(), first, last };
  const used = new UsedKeys();
  used.add(batchChunks(f.schema, [head], 'symbol') ?? []);
  // each batch's keys are read before the next batch overwrites its body
  if (!used.namesEveryEntry()) for (const b of f.batches(true)) used.add(batchChunks(f.schema, [b], 'symbol') ?? []);
  return { symbols: used.names(), first, last };
}

/** The dictionary entries that rows name, per dictionary (Arrow vector), from the keys alone. */
class UsedKeys {
  private readonly byDict = new Map<Vector, Uint8Array>();

  add(chunks: readonly Data[]): void {
    for (const c of chunks) {
      const dict = (c as Data<DataType> & { dictionary?: Vector }).dictionary;
      if (dict === undefined) continue;
      let used = this.byDict.get(dict);
      if (used === undefined) this.byDict.set(dict, (used = new Uint8Array(dict.length)));
      markKeys(c.values as Int32Array | Int16Array | Int8Array, c.length, c.nullCount === 0 ? null : (c.nullBitmap ?? null), c.offset, used);
    }
  }

  /** True when every string entry of every dictionary seen is named by some row. */
  namesEveryEntry(): boolean {
    for (const [dict, used] of this.byDict) for (let k = 0; k < used.length; k++) if (used[k] === 0 && typeof dict.get(k) === 'string') return false;
    return true;
  }

  names(): Set<string> {
    const out = new Set<string>();
    for (const [dict, used] of this.byDict) {
      for (let k = 0; k < used.length; k++) {
        const s: unknown = used[k] === 1 ? dict.get(k) : null;
        if (typeof s === 'string') out.add(s);
      }
    }
    return out;
  }
}

/** Sets used[key] for each valid row's key within the dictionary (a null row or a key out of range names nothing). */
function markKeys(keys: Int32Array | Int16Array | Int8Array, n: number, bm: Uint8Array | null, offset: number, used: Uint8Array): void {
  const r = used.length;
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number;
    if (key < 0 || key >= r) continue;
    if (bm !== null && bm.length > 0) {
      const bit = offset + i;
      if ((((bm[bit >> 3] ?? 0) >> (bit & 7)) & 1) === 0) continue;
    }
    used[key] = 1;
  }
}
