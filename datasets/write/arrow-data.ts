/**
 * Builders of Arrow column Data from the typed arrays of columns.ts, one slice at a time.
 * Nulls: NaN (floats, timestamps) and code -1 (dictionaries) become unset validity bits;
 * the slot under a null holds 0 so no NaN reaches a file (STYLE, Determinism 7).
 */
import { Bool, Float64, Int8, makeData, Utf8, vectorFromArray, type Data, type Dictionary, type TimestampMillisecond, type Vector } from 'apache-arrow';
import { assert } from '../../engine/core/errors.js';
import { int64High, int64Low } from '../../engine/core/int64-ms.js';

/** Returns a validity bitmap (bit i set = valid) and the null count, or undefined bitmap when no nulls. */
function validity(n: number, isNull: (i: number) => boolean): { bitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    if (isNull(i)) nullCount++;
    else bitmap[i >> 3] = (bitmap[i >> 3] ?? 0) | (1 << (i & 7));
  }
  return { bitmap: nullCount > 0 ? bitmap : undefined, nullCount };
}

/** Returns Timestamp(ms, UTC) data from epoch ms (integers; NaN = null), written as int32 pairs without BigInt. */
export function timestampData(type: TimestampMillisecond, tsMs: Float64Array): Data<TimestampMillisecond> {
  const n = tsMs.length;
  const pairs = new Int32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const t = tsMs[i] ?? Number.NaN;
    if (Number.isNaN(t)) continue;
    // Message built only on failure: a template per row cost ~9% of an import.
    if (!Number.isSafeInteger(t)) assert(false, `timestamp ${t} is not an integer number of ms`);
    const hi = int64High(t);
    pairs[2 * i] = int64Low(t, hi); // little-endian: low word first
    pairs[2 * i + 1] = hi;
  }
  const { bitmap, nullCount } = validity(n, (i) => Number.isNaN(tsMs[i] ?? Number.NaN));
  return makeData({ type, length: n, nullCount, nullBitmap: bitmap, data: new BigInt64Array(pairs.buffer) });
}

/** Returns Float64 data; NaN becomes null when `nullable`, else must not occur. */
export function float64Data(values: Float64Array, nullable: boolean): Data<Float64> {
  const n = values.length;
  const { bitmap, nullCount } = validity(n, (i) => Number.isNaN(values[i] ?? Number.NaN));
  assert(nullable || nullCount === 0, 'NaN in a non-nullable Float64 column');
  let data = values;
  if (nullCount > 0) {
    data = new Float64Array(values);
    for (let i = 0; i < n; i++) if (Number.isNaN(data[i] ?? 0)) data[i] = 0;
  }
  return makeData({ type: new Float64(), length: n, nullCount, nullBitmap: bitmap, data });
}

/** Returns Int8 data (no nulls). */
export function int8Data(values: Int8Array): Data<Int8> {
  return makeData({ type: new Int8(), length: values.length, nullCount: 0, data: values });
}

/** Returns Bool data from 0/1 bytes (no nulls). */
export function boolData(values: Uint8Array): Data<Bool> {
  const bits = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i]) bits[i >> 3] = (bits[i >> 3] ?? 0) | (1 << (i & 7));
  return makeData({ type: new Bool(), length: values.length, nullCount: 0, data: bits });
}

/** Returns Utf8 data of `strings` (no nulls). */
export function utf8Data(strings: readonly string[]): Data<Utf8> {
  const d = vectorFromArray([...strings], new Utf8()).data[0];
  assert(d !== undefined, 'vectorFromArray returned no chunk');
  return d;
}

/** Returns dictionary data: `codes` (-1 = null) indexing `dictionary`, a Utf8 vector shared by all batches. */
export function dictData<T extends Dictionary<Utf8>>(type: T, codes: Int32Array, dictionary: Vector<Utf8>): Data<T> {
  const n = codes.length;
  const { bitmap, nullCount } = validity(n, (i) => (codes[i] ?? -1) < 0);
  const wide = type.indices.bitWidth === 32;
  const keys = wide ? new Int32Array(n) : new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i] ?? -1;
    if (!(c < dictionary.length)) assert(false, `dictionary code ${c} outside a dictionary of ${dictionary.length}`);
    keys[i] = c < 0 ? 0 : c;
  }
  return makeData({ type, length: n, nullCount, nullBitmap: bitmap, data: keys, dictionary });
}

/** Returns a Utf8 vector of dictionary values. */
export function dictionaryVector(values: readonly string[]): Vector<Utf8> {
  return vectorFromArray([...values], new Utf8());
}
