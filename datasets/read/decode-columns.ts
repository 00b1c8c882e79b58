/**
 * Decoders from Arrow column chunks to the typed arrays of columns.ts: whole buffers at a
 * time, no row objects. Nulls become NaN (floats, timestamps), -1 (dictionary codes) or the
 * caller's default (Int8). Valid non-finite floats are reported, not hidden as nulls.
 * Each decoder writes every value of `out` (default: a fresh array of the chunks' length).
 */
import type { Data, DataType, Vector } from 'apache-arrow';
import type { DictColumn } from '../schemas/columns.js';
import { msOfInt64 } from '../../engine/core/int64-ms.js';

/** Options of the batch-by-batch readers (streamFindingsArrow, streamPricesArrow). */
export interface StreamOptions {
  /**
   * An earlier pass over this file validated every row (and would have thrown): decode only,
   * skip the checks (a run's replay, after openRunStream's first pass).
   */
  readonly checked?: boolean;
  /**
   * False: the caller does not read findings' strategy column (an agents file names the
   * classes, or the replay's pass): it is not decoded and its codes are all null (-1).
   */
  readonly strategy?: boolean;
  /**
   * The caller is done with each batch before it reads the next: decoded columns are views of
   * buffers reused batch after batch (see ScratchColumns), overwritten by the next batch.
   */
  readonly scratch?: boolean;
}

/** Called with the 0-based row (within the decoded range) and the offending value as text. */
export type BadValueReport = (row: number, found: string) => void;

/** Returns true when row i of a chunk is valid (not null). */
export function isValidRow(d: Data, i: number): boolean {
  const bm = d.nullBitmap;
  if (d.nullCount === 0 || bm === undefined || bm.length === 0) return true;
  const bit = d.offset + i;
  return ((bm[bit >> 3] ?? 0) >> (bit & 7)) & 1 ? true : false;
}

/**
 * Bit i of a chunk's validity bitmap: isValidRow for a chunk that has nulls, with the bitmap
 * and offset read once per chunk (Data's nullCount and nullBitmap are getters).
 */
export function bitAt(bm: Uint8Array, offset: number, i: number): boolean {
  const bit = offset + i;
  return ((bm[bit >> 3] ?? 0) >> (bit & 7)) & 1 ? true : false;
}

/** True when every row of a chunk is valid (the per-row check can be skipped). */
export function allValid(d: Data): boolean {
  const bm = d.nullBitmap;
  return d.nullCount === 0 || bm === undefined || bm.length === 0;
}

function totalLength(chunks: readonly Data[]): number {
  let n = 0;
  for (const c of chunks) n += c.length;
  return n;
}

/** Returns epoch ms from Timestamp(ms) chunks (NaN = null), reading int64 as int32 pairs (msOfInt64). */
export function decodeTimestampMs(chunks: readonly Data[], out: Float64Array = new Float64Array(totalLength(chunks))): Float64Array {
  let k = 0;
  for (const c of chunks) {
    const v = c.values as ArrayBufferView;
    const pairs = new Int32Array(v.buffer, v.byteOffset, c.length * 2);
    if (allValid(c)) {
      for (let i = 0; i < c.length; i++, k++) out[k] = msOfInt64(pairs[2 * i] as number, pairs[2 * i + 1] as number);
      continue;
    }
    const bm = c.nullBitmap as Uint8Array;
    const offset = c.offset;
    for (let i = 0; i < c.length; i++, k++) {
      out[k] = bitAt(bm, offset, i) ? msOfInt64(pairs[2 * i] ?? 0, pairs[2 * i + 1] ?? 0) : Number.NaN;
    }
  }
  return out;
}

/** Returns row `row` (0-based, across the chunks) of Timestamp(ms) chunks as decodeTimestampMs decodes it; NaN for a null or a row past the end. */
export function timestampAt(chunks: readonly Data[], row: number): number {
  let i = row;
  for (const c of chunks) {
    if (i < 0) break;
    if (i >= c.length) {
      i -= c.length;
      continue;
    }
    if (!isValidRow(c, i)) return Number.NaN;
    const v = c.values as ArrayBufferView;
    const pair = new Int32Array(v.buffer, v.byteOffset + 8 * i, 2);
    return msOfInt64(pair[0] as number, pair[1] as number);
  }
  return Number.NaN;
}

/**
 * Returns Float64 values (NaN = null); valid NaN/Infinity, and nulls unless `nullable`, go to
 * `onBad`. `onBad` null: the values were checked on an earlier pass over the same file (a bulk copy).
 */
export function decodeFloat64(chunks: readonly Data[], onBad: BadValueReport | null, nullable: boolean, out: Float64Array = new Float64Array(totalLength(chunks))): Float64Array {
  let k = 0;
  for (const c of chunks) {
    const v = c.values as Float64Array;
    out.set(v.subarray(0, c.length), k);
    if (allValid(c)) {
      if (onBad !== null) {
        for (let i = 0; i < c.length; i++) {
          const x = out[k + i] as number;
          if (x - x !== 0) onBad(k + i, String(x)); // NaN or +-Infinity
        }
      }
      k += c.length;
      continue;
    }
    const bm = c.nullBitmap as Uint8Array;
    const offset = c.offset;
    for (let i = 0; i < c.length; i++) {
      const x = out[k + i] ?? 0;
      if (!bitAt(bm, offset, i)) {
        out[k + i] = Number.NaN;
        if (!nullable) onBad?.(k + i, 'null');
      } else if (!Number.isFinite(x)) onBad?.(k + i, String(x));
    }
    k += c.length;
  }
  return out;
}

/** Returns Int8 values with nulls replaced by `nullValue` (a chunk without nulls is one bulk copy). */
export function decodeInt8(chunks: readonly Data[], nullValue: number, out: Int8Array = new Int8Array(totalLength(chunks))): Int8Array {
  let k = 0;
  for (const c of chunks) {
    const v = c.values as Int8Array;
    if (allValid(c)) {
      out.set(v.subarray(0, c.length), k);
      k += c.length;
      continue;
    }
    const bm = c.nullBitmap as Uint8Array;
    const offset = c.offset;
    for (let i = 0; i < c.length; i++, k++) out[k] = bitAt(bm, offset, i) ? (v[i] ?? 0) : nullValue;
  }
  return out;
}

/** Returns the values of integer chunks of at most 32 bits as doubles (NaN = null), the numbers Vector.get gives. */
export function decodeIntAsFloat64(chunks: readonly Data[], out: Float64Array = new Float64Array(totalLength(chunks))): Float64Array {
  let k = 0;
  for (const c of chunks) {
    const v = c.values as Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
    const valid = allValid(c);
    const bm = c.nullBitmap as Uint8Array;
    for (let i = 0; i < c.length; i++, k++) out[k] = valid || bitAt(bm, c.offset, i) ? (v[i] as number) : Number.NaN;
  }
  return out;
}

/** Returns the values of Utf8 or Bool chunks as JS values (null = null); for small tables only. */
export function decodeSmall<T>(chunks: readonly Data[], get: (d: Data, i: number) => T): (T | null)[] {
  const out: (T | null)[] = [];
  for (const c of chunks) for (let i = 0; i < c.length; i++) out.push(isValidRow(c, i) ? get(c, i) : null);
  return out;
}

/**
 * One file-wide dictionary for a column: chunk dictionaries are merged by value, so codes
 * from every batch index the same `values` (which only grows; earlier codes stay valid).
 */
export interface DictMerger {
  readonly values: string[];
  readonly index: Map<string, number>;
  readonly remaps: Map<Vector, Int32Array>;
}

/** Returns an empty merger. */
export function newDictMerger(): DictMerger {
  return { values: [], index: new Map(), remaps: new Map() };
}

/** Returns the code of `s` in the merged dictionary `m`, adding it at the end when it is new. */
export function internName(m: DictMerger, s: string): number {
  let id = m.index.get(s);
  if (id === undefined) {
    id = m.values.length;
    m.values.push(s);
    m.index.set(s, id);
  }
  return id;
}

/** Merges `dict` into `m` (once per dictionary vector) and returns each of its keys' code in the merged dictionary (-1: a null entry). */
export function remapFor(m: DictMerger, dict: Vector): Int32Array {
  const cached = m.remaps.get(dict);
  if (cached !== undefined) return cached;
  const remap = new Int32Array(dict.length);
  for (let j = 0; j < dict.length; j++) {
    const s: unknown = dict.get(j);
    if (typeof s !== 'string') {
      remap[j] = -1;
      continue;
    }
    remap[j] = internName(m, s);
  }
  m.remaps.set(dict, remap);
  return remap;
}

/** Returns the dictionary column of `chunks` with codes into the merger's file-wide dictionary (-1 = null). */
export function decodeDict(chunks: readonly Data[], m: DictMerger, codes: Int32Array = new Int32Array(totalLength(chunks))): DictColumn {
  let k = 0;
  for (const c of chunks) {
    const dict = (c as Data<DataType> & { dictionary?: Vector }).dictionary;
    const keys = c.values as Int32Array | Int16Array | Int8Array;
    const remap = dict === undefined ? new Int32Array(0) : remapFor(m, dict);
    if (allValid(c)) {
      const r = remap.length;
      for (let i = 0; i < c.length; i++, k++) {
        const key = keys[i] as number;
        codes[k] = key >= 0 && key < r ? (remap[key] as number) : -1;
      }
      continue;
    }
    const bm = c.nullBitmap as Uint8Array;
    const offset = c.offset;
    for (let i = 0; i < c.length; i++, k++) {
      const key = keys[i] ?? -1;
      codes[k] = bitAt(bm, offset, i) && key >= 0 && key < remap.length ? (remap[key] ?? -1) : -1;
    }
  }
  return { dictionary: m.values, codes };
}
