/**
 * The record batches of an Arrow IPC file that hold given values of a dictionary column, found
 * by reading that column's index buffer alone (from each batch's message header: where the
 * buffer lies in the body) and the whole batch only when it matches. A reader of a rare kind
 * of row in a large file reads a few bytes a row instead of every batch: an L run's
 * events.arrow is 2.8 GB for ~400 multiplier rows.
 */
import { DataType, type Field, type RecordBatch, type RecordBatchFileReader, type Vector } from 'apache-arrow';
import { readFullyAt, recordBatchHeaderAt, type BatchBlock } from './fd-random-access-file.js';

/** Buffers a field of this type has in a record batch body, or null for a type this reader does not lay out (nested, views). */
function bufferCount(type: DataType): number | null {
  if (DataType.isUtf8(type) || DataType.isBinary(type) || DataType.isLargeUtf8(type) || DataType.isLargeBinary(type)) return 3;
  if (DataType.isNull(type)) return 0;
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isTimestamp(type) || DataType.isDate(type) || DataType.isTime(type) || DataType.isBool(type) || DataType.isDecimal(type) || DataType.isDictionary(type) || DataType.isFixedSizeBinary(type) || DataType.isInterval(type) || DataType.isDuration(type)) return 2;
  return null;
}

/** Where `column`'s index buffer is among a batch's buffers, or null when the schema is not one this reader lays out. */
function indexBufferOf(fields: readonly Field[], column: number): number | null {
  let at = 0;
  for (let f = 0; f < column; f++) {
    const n = bufferCount((fields[f] as Field).type);
    if (n === null) return null;
    at += n;
  }
  return at + 1; // after the validity bitmap
}

/** Batches in file order, each with its first row in the file. */
export function* withFirstRows(batches: Iterable<RecordBatch>): Generator<{ readonly batch: RecordBatch; readonly firstRow: number }> {
  let firstRow = 0;
  for (const batch of batches) {
    yield { batch, firstRow };
    firstRow += batch.numRows;
  }
}

function* everyBatch(reader: RecordBatchFileReader): Generator<RecordBatch> {
  for (let i = 0; i < reader.numRecordBatches; i++) {
    const b = reader.readRecordBatch(i);
    if (b !== null) yield b;
  }
}

/** The `n` dictionary indices in `bytes` as numbers, or null for a width this reader does not take (64-bit). */
function indicesOf(bytes: Uint8Array, bitWidth: number, isSigned: boolean, n: number): ArrayLike<number> | null {
  if (bitWidth === 32) return new Int32Array(bytes.buffer, bytes.byteOffset, n);
  if (bitWidth === 16) return isSigned ? new Int16Array(bytes.buffer, bytes.byteOffset, n) : new Uint16Array(bytes.buffer, bytes.byteOffset, n);
  if (bitWidth === 8) return isSigned ? new Int8Array(bytes.buffer, bytes.byteOffset, n) : bytes;
  return null;
}

/**
 * Yields the record batches of `reader` (over `fd`) whose dictionary column `column` holds one
 * of `values`, in file order, each with its first row in the file. A batch is read whole,
 * without its index buffer being checked, when the column has nulls there, the body is
 * compressed, or the column is not a dictionary column with 8 to 32-bit indices: the caller
 * still filters rows, so the rule only saves reads.
 */
export function* recordBatchesHolding(fd: number, reader: RecordBatchFileReader, column: string, values: readonly string[]): Generator<{ readonly batch: RecordBatch; readonly firstRow: number }> {
  const fields = reader.schema.fields;
  const c = fields.findIndex((f) => f.name === column);
  const type = fields[c]?.type;
  const bufferAt = c >= 0 ? indexBufferOf(fields, c) : null;
  const footer = reader.footer;
  if (bufferAt === null || footer === null || type === undefined || !DataType.isDictionary(type) || reader.dictionaries.get(type.id) === undefined) {
    yield* withFirstRows(everyBatch(reader));
    return;
  }
  const dictionary = reader.dictionaries.get(type.id) as Vector;
  const wanted = Uint8Array.from({ length: dictionary.length }, (_, j) => (values.includes(dictionary.get(j) as string) ? 1 : 0));
  const holdsWanted = (indices: ArrayLike<number>): boolean => {
    for (let r = 0; r < indices.length; r++) if (wanted[indices[r] as number] === 1) return true;
    return false;
  };
  const { bitWidth, isSigned } = type.indices;
  let scratch = new Uint8Array(0);
  let firstRow = 0;
  const blocks = [...footer.recordBatches()];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as BatchBlock;
    const header = recordBatchHeaderAt(fd, block);
    const node = header.nodes[c];
    const buffer = header.buffers[bufferAt];
    let read = header.compression != null || node === undefined || buffer === undefined || node.nullCount > 0;
    if (!read && buffer !== undefined) {
      const bytes = header.length * (bitWidth / 8);
      if (scratch.length < bytes) scratch = new Uint8Array(Math.max(bytes, scratch.length * 2));
      const at = scratch.subarray(0, bytes);
      readFullyAt(fd, at, block.offset + block.metaDataLength + buffer.offset);
      const indices = indicesOf(at, bitWidth, isSigned, header.length);
      read = indices === null || holdsWanted(indices);
    }
    if (!read) {
      firstRow += header.length;
      continue;
    }
    const b = reader.readRecordBatch(i);
    if (b === null) continue;
    yield { batch: b, firstRow };
    firstRow += b.numRows;
  }
}
