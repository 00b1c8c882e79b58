/**
 * Input records of an Arrow IPC file (file or stream format), for `bt data import`: each column
 * read as the JSON importer reads its cells (numbers, strings, booleans, null), times as ISO 8601
 * UTC strings, so a file another tool wrote (pyarrow, polars, DuckDB) goes through the same
 * column matching, checks and `--sort` as a CSV: the way to put findings sorted by ts alone into
 * the one order a run reads. Rows are read one by one (`Vector.get`): slow next to the typed
 * columns the run readers use, but import is a one-off pass, not a replay.
 */
import { DataType, RecordBatchReader, type RecordBatch, type Vector } from 'apache-arrow';
import { BtInputError } from '../../engine/core/errors.js';
import { readFileBytes } from '../read/open-arrow-file.js';
import { isoFromMs } from '../read/batch-chunks.js';
import { fromBatches, type InputRecord, type RecordSource } from './record-source.js';

/** Opens an Arrow IPC file; its columns are the schema's field names. */
export function openArrow(file: string): RecordSource {
  const bytes = readFileBytes(file);
  let reader: RecordBatchReader;
  try {
    reader = RecordBatchReader.from(bytes);
    reader.open();
  } catch (err) {
    throw new BtInputError({ file, expected: 'an Arrow IPC file', found: `unreadable bytes (${err instanceof Error ? err.message : String(err)})` });
  }
  const fields = reader.schema.fields;
  return fromBatches(
    fields.map((f) => f.name),
    async function* () {
      let base = 0;
      for (const batch of reader) {
        yield recordsOf(batch, base);
        base += batch.numRows;
      }
    },
  );
}

function recordsOf(batch: RecordBatch, base: number): InputRecord[] {
  const columns = batch.schema.fields.map((f, k) => cellReader(batch.getChildAt(k) as Vector, f.type));
  const out: InputRecord[] = new Array<InputRecord>(batch.numRows);
  for (let i = 0; i < batch.numRows; i++) out[i] = { row: base + i + 1, cells: columns.map((cell) => cell(i)) };
  return out;
}

/** Returns row i's cell of `v` as the JSON importer would hold it. */
function cellReader(v: Vector, type: DataType): (i: number) => unknown {
  const plain = (x: unknown): unknown => (typeof x === 'bigint' ? Number(x) : x ?? null);
  // apache-arrow gives a timestamp or date of any unit as epoch milliseconds (sub-ms digits
  // truncated, as the CSV importer truncates them)
  if (DataType.isTimestamp(type) || DataType.isDate(type)) {
    return (i) => {
      const x = v.get(i) as number | bigint | Date | null;
      return x === null ? null : isoFromMs(Math.trunc(x instanceof Date ? x.getTime() : Number(x)));
    };
  }
  return (i) => plain(v.get(i));
}
