/**
 * Input records of an Arrow IPC file (file or stream format), for `bt data import`: each column
 * read as the JSON importer reads its cells (numbers, strings, booleans, null), times as ISO 8601
 * UTC strings, so a file another tool wrote (pyarrow, polars, DuckDB) goes through the same
 * column matching, checks and `--sort` as a CSV: the way to put findings sorted by ts alone into
 * the one order a run reads. Rows are read one by one (`Vector.get`): slow next to the typed
 * columns the run readers use, but import is a one-off pass, not a replay.
 */
import { DataType, RecordBatchReader, TimeUnit, type RecordBatch, type Vector } from 'apache-arrow';
import { BtInputError } from '../../engine/core/errors.js';
import { registerArrowCodecs } from '../read/arrow-codecs.js';
import { compressedIpcError } from '../read/compressed-ipc.js';
import { readFileBytes } from '../read/open-arrow-file.js';
import { isoFromMs } from '../read/batch-chunks.js';
import { fromBatches, type InputRecord, type RecordSource } from './record-source.js';

/** Opens an Arrow IPC file; its columns are the schema's field names. */
export function openArrow(file: string): RecordSource {
  const bytes = readFileBytes(file);
  let reader: RecordBatchReader;
  registerArrowCodecs();
  try {
    reader = RecordBatchReader.from(bytes);
    reader.open();
  } catch (err) {
    throw compressedIpcError(file, err) ?? new BtInputError({ file, expected: 'an Arrow IPC file', found: `unreadable bytes (${err instanceof Error ? err.message : String(err)})` });
  }
  const fields = reader.schema.fields;
  return fromBatches(
    fields.map((f) => f.name),
    async function* () {
      let base = 0;
      try {
        for (const batch of reader) {
          yield recordsOf(batch, base);
          base += batch.numRows;
        }
      } catch (err) {
        throw compressedIpcError(file, err) ?? err;
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

/** Divisor from a timestamp unit to ms; 0n: seconds, multiplied by 1000. */
const MS_PER_UNIT: Readonly<Record<TimeUnit, bigint>> = { [TimeUnit.SECOND]: 0n, [TimeUnit.MILLISECOND]: 1n, [TimeUnit.MICROSECOND]: 1_000n, [TimeUnit.NANOSECOND]: 1_000_000n };

/** Returns floor(x / d) (BigInt division truncates toward 0). */
function floorDiv(x: bigint, d: bigint): bigint {
  const q = x / d;
  return x % d < 0n ? q - 1n : q;
}

/** Returns row i's stored timestamp integer, in the column's unit. */
function timestampValue(v: Vector, i: number): bigint {
  const data = v.data[0];
  if (data === undefined || v.data.length !== 1) throw new Error('a record batch column holds one data chunk');
  return BigInt((data.values as BigInt64Array | Int32Array)[data.offset + i] as bigint | number);
}

/** Returns row i's cell of `v` as the JSON importer would hold it. */
function cellReader(v: Vector, type: DataType): (i: number) => unknown {
  const plain = (x: unknown): unknown => (typeof x === 'bigint' ? Number(x) : x ?? null);
  // A timestamp's integer, floored to ms here: apache-arrow's own getter adds the sub-ms part as a
  // float (1710054000000.999999 ms rounds up to the next ms) and truncates before 1970 toward
  // it, where the CSV importer drops the sub-ms digits (floor). With a time zone in its type the
  // value is a UTC instant (the zone only says how to show it); without one it is a wall time in
  // an unnamed zone (the Arrow spec), handed over without 'Z' so that --tz reads it as a CSV's.
  if (DataType.isTimestamp(type)) {
    const per = MS_PER_UNIT[type.unit];
    const naive = type.timezone === null || type.timezone === '';
    return (i) => {
      const x = v.get(i) === null ? null : timestampValue(v, i);
      if (x === null) return null;
      const iso = isoFromMs(per === 0n ? Number(x * 1000n) : Number(floorDiv(x, per)));
      return naive ? iso.slice(0, -1) : iso;
    };
  }
  // date32 (days) and date64 (ms) are whole milliseconds: exact as apache-arrow gives them
  if (DataType.isDate(type)) {
    return (i) => {
      const x = v.get(i) as number | Date | null;
      return x === null ? null : isoFromMs(x instanceof Date ? x.getTime() : x);
    };
  }
  // A dictionary's index read here: apache-arrow's getter passes a 64-bit index (Int64, Uint64:
  // what some writers use) as a BigInt to the dictionary's getter, which throws a TypeError
  if (DataType.isDictionary(type)) {
    return (i) => {
      if (!v.isValid(i)) return null;
      const data = v.data[0];
      if (data === undefined || v.data.length !== 1 || data.dictionary === undefined) throw new Error('a record batch column holds one data chunk with its dictionary');
      const index = (data.values as ArrayLike<number | bigint>)[data.offset + i] as number | bigint;
      return plain(data.dictionary.get(Number(index)));
    };
  }
  return (i) => plain(v.get(i));
}
