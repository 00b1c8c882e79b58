/**
 * The record batches of an Arrow IPC file that hold given values of a dictionary column, found
 * by reading that column's index buffer alone (from each batch's message header: where the
 * buffer lies in the body) and the whole batch only when it matches. A reader of a rare kind
 * of row in a large file reads a few bytes a row instead of every batch: an L run's
 * events.arrow is 2.8 GB for ~400 multiplier rows.
 */
import { readSync } from 'node:fs';
import { DataType, Message, type Field, type RecordBatch, type RecordBatchFileReader, type Vector } from 'apache-arrow';

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

function readFully(fd: number, into: Uint8Array, position: number): void {
  for (let done = 0; done < into.length; ) {
    const got = readSync(fd, into, done, into.length - done, position + done);
    if (got === 0) throw new Error(`unexpected end of file at byte ${position + done}`);
    done += got;
  }
}

/**
 * Yields the record batches of `reader` (over `fd`) whose dictionary column `column` holds one
 * of `values`, in file order. A batch is read whole, without its index buffer being checked,
 * when the column has nulls there, the body is compressed, or the column is not a dictionary
 * column with integer indices: the caller still filters rows, so the rule only saves reads.
 */
export function* recordBatchesHolding(fd: number, reader: RecordBatchFileReader, column: string, values: readonly string[]): Generator<{ readonly batch: RecordBatch; readonly firstRow: number }> {
  const fields = reader.schema.fields;
  const c = fields.findIndex((f) => f.name === column);
  const type = fields[c]?.type;
  const bufferAt = c >= 0 ? indexBufferOf(fields, c) : null;
  const dictionary: Vector | undefined = type !== undefined && DataType.isDictionary(type) ? reader.dictionaries.get(type.id) : undefined;
  const footer = reader.footer;
  let firstRow = 0;
  const whole = function* (): Generator<{ readonly batch: RecordBatch; readonly firstRow: number }> {
    for (let i = 0; i < reader.numRecordBatches; i++) {
      const b = reader.readRecordBatch(i);
      if (b === null) continue;
      yield { batch: b, firstRow };
      firstRow += b.numRows;
    }
  };
  if (bufferAt === null || dictionary === undefined || footer === null || type === undefined || !DataType.isDictionary(type)) {
    yield* whole();
    return;
  }
  const wanted = new Uint8Array(dictionary.length);
  for (let j = 0; j < dictionary.length; j++) wanted[j] = values.includes(dictionary.get(j) as string) ? 1 : 0;
  const { bitWidth, isSigned } = type.indices;
  const blocks = [...footer.recordBatches()];
  let scratch = new Uint8Array(0);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as (typeof blocks)[number];
    const meta = new Uint8Array(block.metaDataLength);
    readFully(fd, meta, block.offset);
    const view = new DataView(meta.buffer, meta.byteOffset, meta.byteLength);
    // a message starts with the continuation marker (-1) and its length, or (before format 0.15) the length alone
    const message = Message.decode(meta.subarray(view.getInt32(0, true) === -1 ? 8 : 4));
    const header = message.isRecordBatch() ? message.header() : null;
    const node = header?.nodes[c];
    const buffer = header?.buffers[bufferAt];
    let read = header === null || header.compression != null || node === undefined || buffer === undefined || node.nullCount > 0;
    if (!read && header !== null && buffer !== undefined) {
      const bytes = header.length * (bitWidth / 8);
      if (scratch.length < bytes) scratch = new Uint8Array(Math.max(bytes, scratch.length * 2));
      const at = scratch.subarray(0, bytes);
      readFully(fd, at, block.offset + block.metaDataLength + buffer.offset);
      const codes = bitWidth === 32 ? new Int32Array(at.buffer, 0, header.length) : bitWidth === 16 ? (isSigned ? new Int16Array(at.buffer, 0, header.length) : new Uint16Array(at.buffer, 0, header.length)) : bitWidth === 8 ? (isSigned ? new Int8Array(at.buffer, 0, header.length) : at) : null;
      if (codes === null) read = true;
      else {
        for (let r = 0; r < header.length; r++) {
          const k = codes[r] as number;
          if (k >= 0 && k < wanted.length && wanted[k] === 1) {
            read = true;
            break;
          }
        }
      }
    }
    if (!read) {
      firstRow += header?.length ?? 0;
      continue;
    }
    const b = reader.readRecordBatch(i);
    if (b === null) continue;
    yield { batch: b, firstRow };
    firstRow += b.numRows;
  }
}
