import { makeData, RecordBatch, Struct, type Data, type Schema } from 'apache-arrow';
import { assert } from '../../engine/core/errors.js';
import { openArrowSink } from './arrow-file-sink.js';

/** Rows per record batch when the caller does not choose (fixed, so bytes are reproducible). */
export const DEFAULT_BATCH_ROWS = 65_536;

/** Builds the Data of one column for rows [start, end). */
export type ColumnSlicer = (start: number, end: number) => Data;

/** Returns a record batch of `schema` from one Data per field (schema order). */
export function makeRecordBatch(schema: Schema, children: readonly Data[], length: number): RecordBatch {
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children: [...children] });
  return new RecordBatch(schema, data);
}

/** Writes `length` rows to an Arrow IPC file atomically, `batchRows` rows per batch; slicers keyed by field name. */
export function writeColumnsArrow(
  path: string,
  schema: Schema,
  length: number,
  slicers: Readonly<Record<string, ColumnSlicer>>,
  batchRows: number = DEFAULT_BATCH_ROWS,
): void {
  assert(Number.isInteger(batchRows) && batchRows > 0, `batchRows must be a positive integer, found ${batchRows}`);
  const sink = openArrowSink(path, schema);
  try {
    for (let start = 0; start < length; start += batchRows) {
      const end = Math.min(length, start + batchRows);
      const children = schema.fields.map((f) => {
        const slice = slicers[f.name];
        assert(slice !== undefined, `no column builder for field ${f.name}`);
        return slice(start, end);
      });
      sink.write(makeRecordBatch(schema, children, end - start));
    }
    sink.commit();
  } catch (err) {
    sink.abort();
    throw err;
  }
}
