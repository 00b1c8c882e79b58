/**
 * One-pass loops of the run batch decoders (findings-run-batch.ts, prices-run-batch.ts): each
 * reads an Arrow column's buffer in place, writes what the replay reads and checks the rows
 * together, and says false at the first row that needs the full decoding. Plain loops over
 * typed arrays, one function each, so V8 optimizes each once for every batch.
 */
import type { Data, DataType, Vector } from 'apache-arrow';
import { msOfInt64 } from '../../engine/core/int64-ms.js';

/** Dictionary keys as Arrow stores them (signed, up to 32 bits: checkSchema). */
export type Keys = Int32Array | Int16Array | Int8Array;

/** The sole chunk of column `name`, of the batch's length and without nulls, or null (absent, several chunks, a null in it). */
export function validChunk(batch: { readonly numRows: number; getChild(name: string): Vector | null }, name: string): Data | null {
  const col = batch.getChild(name);
  if (col === null || col.data.length !== 1) return null;
  const d = col.data[0] as Data;
  return d.nullCount === 0 && d.length === batch.numRows ? d : null;
}

/** The dictionary of a dictionary chunk (apache-arrow keeps it on the Data). */
export function dictionaryOf(d: Data): Vector | undefined {
  return (d as Data<DataType> & { dictionary?: Vector }).dictionary;
}

/** The n Timestamp(ms) int64 values of a ts chunk as int32 (lo, hi) pairs, a view of its buffer (no copy). */
export function timePairs(ts: Data, n: number): Int32Array {
  const v = ts.values as Int32Array;
  return new Int32Array(v.buffer, v.byteOffset, 2 * n);
}

/**
 * Writes the n epoch-ms times of Timestamp(ms) int64 values (as int32 pairs, msOfInt64:
 * what decodeTimestampMs computes) into `out`; false when a time is before the one before it
 * (`prev` for the first).
 */
export function timesInOrder(pairs: Int32Array, n: number, prev: number, out: Float64Array): boolean {
  let last = prev;
  for (let i = 0; i < n; i++) {
    const t = msOfInt64(pairs[2 * i] as number, pairs[2 * i + 1] as number);
    out[i] = t;
    if (t < last) return false;
    last = t;
  }
  return true;
}

/** Writes lut[key] for each of the n keys into `out`; false at a key out of the table or whose entry is negative (no id). */
export function keysToIds(keys: Keys, n: number, lut: Int32Array, out: Int32Array): boolean {
  const r = lut.length;
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    const id = k >= 0 && k < r ? (lut[k] as number) : -1;
    out[i] = id;
    if (id < 0) return false;
  }
  return true;
}

/** Writes lut[key] for each of the n keys into `out`; false at a key out of the table or whose entry is NaN (no value). */
export function keysToValues(keys: Keys, n: number, lut: Float64Array, out: Float64Array): boolean {
  const r = lut.length;
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    const x = k >= 0 && k < r ? (lut[k] as number) : Number.NaN;
    out[i] = x;
    if (!(x === x)) return false;
  }
  return true;
}

/** True when each of the first n values is in [lo, hi] (NaN is not; Number.MIN_VALUE as lo: > 0, Number.MAX_VALUE as hi: finite). */
export function valuesWithin(x: Float64Array, n: number, lo: number, hi: number): boolean {
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    if (!(v >= lo && v <= hi)) return false;
  }
  return true;
}

/** True when each of the first n values is +1 or -1 (d * d === 1: one branch the CPU predicts, where d !== 1 && d !== -1 on random signs is mispredicted half the time). */
export function allSigns(x: Int8Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const d = x[i] as number;
    if (d * d !== 1) return false;
  }
  return true;
}

/**
 * Per dictionary (Arrow vector), a table built once from its entries: the reader loads every
 * dictionary when it opens the file, so batch after batch names the same vector.
 */
export class PerDictionary<T> {
  private readonly tables = new Map<Vector, T>();

  constructor(private readonly build: (entries: readonly unknown[]) => T) {}

  of(dict: Vector): T {
    let t = this.tables.get(dict);
    if (t === undefined) {
      const entries: unknown[] = [];
      for (let j = 0; j < dict.length; j++) entries.push(dict.get(j));
      t = this.build(entries);
      this.tables.set(dict, t);
    }
    return t;
  }
}

/** A table of each entry's id in `idOf` (-1: not a string, or no id). */
export function idTable(idOf: ReadonlyMap<string, number>): (entries: readonly unknown[]) => Int32Array {
  return (entries) => Int32Array.from(entries, (s) => (typeof s === 'string' ? (idOf.get(s) ?? -1) : -1));
}
