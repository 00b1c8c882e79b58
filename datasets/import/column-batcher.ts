/**
 * Accumulates normalized rows into fixed-size typed buffers and writes one Arrow record
 * batch per `batchRows` rows. Dictionaries grow (each flush appends only new strings as a
 * delta chunk); rows never accumulate beyond one batch.
 */
import { Vector, type Data, type Dictionary, type Schema, type TimestampMillisecond, type Utf8 } from 'apache-arrow';
import type { FieldSpec } from '../schemas/field-spec.js';
import type { ArrowFileSink } from '../write/arrow-file-sink.js';
import { boolData, dictData, dictionaryVector, float64Data, int8Data, timestampData, utf8Data } from '../write/arrow-data.js';
import { makeRecordBatch } from '../write/write-columns.js';
import type { Cell } from './normalize-row.js';

interface GrowingDict {
  readonly index: Map<string, number>;
  readonly values: string[];
  readonly chunks: Data<Utf8>[];
  flushed: number;
}

type Buffer =
  | { readonly kind: 'f64'; readonly arr: Float64Array }
  | { readonly kind: 'i8'; readonly arr: Int8Array }
  | { readonly kind: 'u8'; readonly arr: Uint8Array }
  | { readonly kind: 'str'; readonly arr: string[] }
  | { readonly kind: 'dict'; readonly arr: Int32Array; readonly dict: GrowingDict };

/** Appends rows and writes batches; `flush` writes the partial last batch. */
export interface ColumnBatcher {
  add(row: readonly Cell[]): void;
  flush(): void;
  readonly rowsWritten: () => number;
}

/** Returns a batcher writing `schema` to `sink`; `cellIndex[j]` is the row cell of schema field j. */
export function newColumnBatcher(schema: Schema, specs: readonly FieldSpec[], cellIndex: readonly number[], sink: ArrowFileSink, batchRows: number): ColumnBatcher {
  const buffers: Buffer[] = specs.map((s): Buffer => {
    switch (s.type) {
      case 'timestamp':
      case 'float64':
        return { kind: 'f64', arr: new Float64Array(batchRows) };
      case 'int8':
        return { kind: 'i8', arr: new Int8Array(batchRows) };
      case 'bool':
        return { kind: 'u8', arr: new Uint8Array(batchRows) };
      case 'utf8':
        return { kind: 'str', arr: [] };
      case 'dict8':
      case 'dict32':
        return { kind: 'dict', arr: new Int32Array(batchRows), dict: { index: new Map(), values: [], chunks: [], flushed: 0 } };
    }
  });
  let n = 0;
  let written = 0;
  const flush = (): void => {
    if (n === 0) return;
    const children = buffers.map((b, j): Data => {
      const spec = specs[j] as FieldSpec;
      const type = schema.fields[j]?.type;
      switch (b.kind) {
        case 'f64':
          return spec.type === 'timestamp' ? timestampData(type as TimestampMillisecond, b.arr.subarray(0, n)) : float64Data(b.arr.subarray(0, n), spec.nullable);
        case 'i8':
          return int8Data(b.arr.subarray(0, n));
        case 'u8':
          return boolData(b.arr.subarray(0, n));
        case 'str':
          return utf8Data(b.arr.splice(0, n));
        case 'dict': {
          const d = b.dict;
          if (d.chunks.length === 0 || d.values.length > d.flushed) {
            const chunk = dictionaryVector(d.values.slice(d.flushed)).data[0];
            if (chunk !== undefined) d.chunks.push(chunk);
            d.flushed = d.values.length;
          }
          return dictData(type as Dictionary<Utf8>, b.arr.subarray(0, n), new Vector(d.chunks));
        }
      }
    });
    sink.write(makeRecordBatch(schema, children, n));
    written += n;
    n = 0;
  };
  // Column writers grouped by buffer kind, resolved once: the row loop below stays monomorphic.
  const nums: { readonly at: number; readonly arr: Float64Array; readonly blank: number }[] = [];
  const ints: { readonly at: number; readonly arr: Int8Array | Uint8Array }[] = [];
  const strs: { readonly at: number; readonly arr: string[] }[] = [];
  const dicts: { readonly at: number; readonly arr: Int32Array; readonly dict: GrowingDict }[] = [];
  buffers.forEach((b, j) => {
    const at = cellIndex[j] ?? -1;
    if (b.kind === 'f64') nums.push({ at, arr: b.arr, blank: Number.NaN });
    else if (b.kind === 'i8' || b.kind === 'u8') ints.push({ at, arr: b.arr });
    else if (b.kind === 'str') strs.push({ at, arr: b.arr });
    else dicts.push({ at, arr: b.arr, dict: b.dict });
  });
  return {
    add(row: readonly Cell[]): void {
      for (const c of nums) {
        const x = row[c.at];
        c.arr[n] = typeof x === 'number' ? x : c.blank;
      }
      for (const c of ints) {
        const x = row[c.at];
        c.arr[n] = typeof x === 'number' ? x : 0;
      }
      for (const c of strs) {
        const x = row[c.at];
        c.arr.push(typeof x === 'string' ? x : '');
      }
      for (const c of dicts) {
        const x = row[c.at];
        if (typeof x !== 'string') {
          c.arr[n] = -1;
          continue;
        }
        let code = c.dict.index.get(x);
        if (code === undefined) {
          code = c.dict.values.length;
          c.dict.values.push(x);
          c.dict.index.set(x, code);
        }
        c.arr[n] = code;
      }
      n++;
      if (n === batchRows) flush();
    },
    flush,
    rowsWritten: () => written,
  };
}
