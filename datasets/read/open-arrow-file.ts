/**
 * Opens an Arrow IPC file for one dataset kind: checks that it is a complete Arrow file,
 * that its `bt.kind` metadata (when present) matches, and that its columns have the
 * names, Arrow types and presence of the kind's schema. Every problem is a BtInputError.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { DataType, Precision, TimeUnit, type Field, type RecordBatch, type RecordBatchFileReader, type Schema, type Vector } from 'apache-arrow';
import { BtInputError, ViolationCollector, type InputErrorDetail } from '../../engine/core/errors.js';
import { compressedIpcError } from './compressed-ipc.js';
import { KIND_METADATA_KEY, type DatasetKind } from '../schemas/dataset-kind.js';
import { describeFieldType, type FieldSpec } from '../schemas/field-spec.js';
import { KIND_FIELDS } from '../schemas/kind-fields.js';
import { didYouMean } from '../schemas/closest-name.js';
import { checkFooterBlocks, openFdFileReader, recordBatchRows, recordBatchRowsEstimate } from './fd-random-access-file.js';
import { recordBatchesHolding } from './batches-holding.js';

const MAGIC = 'ARROW1';

/** An opened, schema-checked Arrow file. */
export interface OpenedArrowFile {
  readonly file: string;
  readonly schema: Schema;
  /**
   * Record batches in file order (decoded lazily, one at a time). With `reuse`, a batch's
   * buffers are overwritten by the next one: for callers that copy each batch out first.
   */
  readonly batches: (reuse?: boolean) => Iterable<RecordBatch>;
  /**
   * The first and the last record batch that have rows (one when they are the same, none when
   * no batch has rows), read at their offsets without reading the batches between.
   */
  readonly edgeBatches: () => RecordBatch[];
  /**
   * The record batches whose dictionary column `column` holds one of `values` (each with its
   * first row in the file), the others skipped after reading that column's indices alone
   * (batches-holding.ts). With `reuse` as in `batches`.
   */
  readonly batchesHolding: (column: string, values: readonly string[], reuse?: boolean) => Iterable<{ readonly batch: RecordBatch; readonly firstRow: number }>;
  /** The dictionaries of the file's dictionary columns, by column name (the footer's dictionary batches; no record batch is read). */
  readonly dictionaries: () => ReadonlyMap<string, Vector>;
  /** The rows of all record batches, from the batches' headers (no body is read). */
  readonly rowCount: () => number;
  /** About rowCount, from the footer and one batch's header (recordBatchRowsEstimate): for sizing hints. */
  readonly rowEstimate: () => number;
}

/** Returns the bytes of `file`, or a BtInputError when it cannot be read. */
export function readFileBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    throw unreadable(file, err);
  }
}

/** The error for an Arrow input that cannot be read: a folder (EISDIR) is bad input like a missing file, not an environment failure. */
function unreadable(file: string, err: unknown): BtInputError {
  const code = (err as { code?: string }).code;
  if (code === 'EISDIR') return folderGiven(file);
  return new BtInputError({ file, message: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})` });
}

function folderGiven(file: string): BtInputError {
  return new BtInputError({ file, expected: 'an Arrow IPC file', found: 'a folder' });
}

/** Returns the `bt.kind` metadata of an Arrow file's schema, or undefined. */
export function kindOfSchema(schema: Schema): string | undefined {
  return schema.metadata.get(KIND_METADATA_KEY);
}

function openFd(file: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw unreadable(file, err);
  }
  // a folder opens for reading on Linux; its first read then fails with EISDIR
  const stat = fstatSync(fd);
  if (stat.isDirectory()) {
    closeSync(fd);
    throw folderGiven(file);
  }
  return { fd, size: stat.size };
}

function bytesAt(fd: number, position: number, n: number): string {
  const buf = Buffer.alloc(Math.max(0, n));
  const got = n > 0 ? readSync(fd, buf, 0, n, position) : 0;
  return buf.subarray(0, got).toString('latin1');
}

/**
 * Opens an Arrow IPC file (any kind) after checking its magic bytes; throws BtInputError on a
 * damaged file. Read through a file handle: the schema now, record batches one at a time
 * when iterated (each pass opens the file again and closes it when done).
 */
export function openAnyArrowFile(file: string): OpenedArrowFile {
  const { fd, size } = openFd(file);
  const damaged = (err: unknown): BtInputError =>
    compressedIpcError(file, err) ??
    new BtInputError({ file, expected: 'a readable Arrow IPC file', found: `damaged content (${err instanceof Error ? err.message : String(err)})`, hint: 'The file is truncated or corrupt; write it again' });
  try {
    if (bytesAt(fd, 0, Math.min(6, size)) !== MAGIC) {
      throw new BtInputError({ file, expected: `an Arrow IPC file (starting with "${MAGIC}")`, found: size === 0 ? 'an empty file' : 'other bytes', hint: 'Convert CSV/JSON input with `bt data import`' });
    }
    if (size < 12 || bytesAt(fd, size - 6, 6) !== MAGIC) {
      throw new BtInputError({ file, expected: `a complete Arrow IPC file (ending with "${MAGIC}")`, found: `${size} bytes without the closing footer`, hint: 'The file is truncated; write it again' });
    }
    let schema: Schema;
    try {
      const reader = openFdFileReader(fd, size);
      checkFooterBlocks(fd, size, reader);
      schema = reader.schema;
    } catch (err) {
      throw damaged(err);
    }
    // A read that fails past the header: its own BtInputError as it is, anything else as damage.
    const rethrow = (err: unknown): never => {
      if (err instanceof BtInputError) throw err;
      throw damaged(err);
    };
    /** Counts the file's rows with `count` over a handle of its own. */
    const rowsBy = (count: (fd: number, size: number) => number): number => {
      const again = openFd(file);
      try {
        return count(again.fd, again.size);
      } catch (err) {
        return rethrow(err);
      } finally {
        closeSync(again.fd);
      }
    };
    return {
      file,
      schema,
      edgeBatches: () => {
        const again = openFd(file);
        try {
          return edgeRecordBatches(openFdFileReader(again.fd, again.size));
        } catch (err) {
          return rethrow(err);
        } finally {
          closeSync(again.fd);
        }
      },
      rowCount: () => rowsBy(recordBatchRows),
      rowEstimate: () => rowsBy(recordBatchRowsEstimate),
      batchesHolding: function* (column, values, reuse = false) {
        const again = openFd(file);
        try {
          yield* recordBatchesHolding(again.fd, openFdFileReader(again.fd, again.size, reuse), column, values);
        } catch (err) {
          rethrow(err);
        } finally {
          closeSync(again.fd);
        }
      },
      dictionaries: () => {
        const again = openFd(file);
        try {
          const reader = openFdFileReader(again.fd, again.size);
          const out = new Map<string, Vector>();
          for (const f of reader.schema.fields) {
            const d = DataType.isDictionary(f.type) ? reader.dictionaries.get(f.type.id) : undefined;
            if (d !== undefined) out.set(f.name, d);
          }
          return out;
        } catch (err) {
          return rethrow(err);
        } finally {
          closeSync(again.fd);
        }
      },
      batches: function* (reuse = false) {
        const again = openFd(file);
        try {
          for (const b of openFdFileReader(again.fd, again.size, reuse)) yield b;
        } catch (err) {
          rethrow(err);
        } finally {
          closeSync(again.fd);
        }
      },
    };
  } finally {
    closeSync(fd);
  }
}

/** The first and the last record batch of `reader` with rows (OpenedArrowFile.edgeBatches), each read once, none between. */
function edgeRecordBatches(reader: RecordBatchFileReader): RecordBatch[] {
  const n = reader.numRecordBatches;
  const at = (i: number): RecordBatch => {
    const b = reader.readRecordBatch(i);
    if (b === null) throw new Error(`record batch ${i} of ${n} cannot be read`);
    return b;
  };
  for (let lo = 0; lo < n; lo++) {
    const first = at(lo);
    if (first.numRows === 0) continue;
    for (let hi = n - 1; hi > lo; hi--) {
      const last = at(hi);
      if (last.numRows > 0) return [first, last];
    }
    return [first];
  }
  return [];
}

/** Opens `file` as `kind` and checks its schema against the kind's column specs. */
export function openArrowFile(file: string, kind: DatasetKind): OpenedArrowFile {
  const opened = openAnyArrowFile(file);
  checkSchema(file, opened.schema, kind);
  return opened;
}

/** Throws a BtInputError listing every schema mismatch: kind metadata, unknown, missing or mistyped columns. */
export function checkSchema(file: string, schema: Schema, kind: DatasetKind): void {
  const v = new ViolationCollector();
  for (const d of schemaViolations(file, schema, kind)) v.add(d);
  v.throwIfAny();
}

/** Every schema mismatch of `schema` as `kind` (kind metadata, unknown, missing or mistyped columns), [] when a run reads it. */
export function schemaViolations(file: string, schema: Schema, kind: DatasetKind): InputErrorDetail[] {
  const v: InputErrorDetail[] = [];
  const found = kindOfSchema(schema);
  if (found !== undefined && found !== kind) {
    v.push({ file, field: `schema metadata ${KIND_METADATA_KEY}`, expected: `'${kind}'`, found: `'${found}'`, hint: `This is a ${found} file` });
  }
  const specs = KIND_FIELDS[kind];
  const names = specs.map((s) => s.name);
  for (const f of schema.fields) {
    const spec = specs.find((s) => s.name === f.name);
    if (spec === undefined) {
      v.push({ file, field: `column '${f.name}'`, expected: `one of ${names.join(', ')}`, found: 'an unknown column', hint: didYouMean(f.name, names) });
    } else if (!typeMatches(spec, f)) {
      const hint = retypeHint(spec, f, kind, file);
      v.push({ file, field: `column '${f.name}'`, expected: describeFieldType(spec.type), found: String(f.type), ...(hint !== undefined ? { hint } : {}) });
    }
  }
  for (const s of specs) {
    if (s.required && !schema.fields.some((f) => f.name === s.name)) {
      v.push({ file, field: `column '${s.name}'`, expected: `a ${describeFieldType(s.type)} column`, found: 'no such column' });
    }
  }
  return v;
}

/**
 * How to write a column another tool typed otherwise but that means what bt reads: times in
 * another unit or without the UTC zone, names as plain strings. bt does not convert them itself:
 * a unit or zone it guessed would move every time, and the run's decoders read one layout.
 */
function retypeHint(spec: FieldSpec, f: Field, kind: DatasetKind, file: string): string | undefined {
  const t: DataType = f.type;
  // bt data import reads this very file (any time unit, plain names) and writes the schema a run reads: say so, not only "a CSV"
  const convert = `bt data import ${kind} ${file} --out NEW.arrow`;
  if (spec.type === 'timestamp' && DataType.isTimestamp(t)) {
    return `bt reads times as epoch milliseconds, UTC: convert the file with ${convert} (times without a zone are read as UTC unless --tz names theirs), or cast the column (pyarrow: pc.cast(col, pa.timestamp('ms', tz='UTC')))`;
  }
  if (spec.type === 'timestamp' && (DataType.isInt(t) || DataType.isDate(t) || DataType.isFloat(t))) {
    return `bt reads times as epoch milliseconds, UTC: convert the file with ${convert} and --time-format (epoch-ms, epoch-s, date) once you know what the values mean, or cast the column (pyarrow: pc.cast(col, pa.timestamp('ms', tz='UTC')))`;
  }
  if ((spec.type === 'dict8' || spec.type === 'dict32') && (DataType.isUtf8(t) || DataType.isLargeUtf8(t))) {
    return `bt reads names dictionary-encoded: convert the file with ${convert}, or encode the column (pyarrow: col.dictionary_encode())`;
  }
  return undefined;
}

/** True when the file's field type can be read as the spec's type (dictionaries: any signed Int8/16/32 keys). */
function typeMatches(spec: FieldSpec, f: Field): boolean {
  const t: DataType = f.type;
  switch (spec.type) {
    case 'timestamp':
      return DataType.isTimestamp(t) && t.unit === TimeUnit.MILLISECOND && t.timezone === 'UTC';
    case 'dict8':
    case 'dict32':
      return DataType.isDictionary(t) && DataType.isUtf8(t.dictionary) && t.indices.isSigned && t.indices.bitWidth <= 32;
    case 'float64':
      return DataType.isFloat(t) && t.precision === Precision.DOUBLE;
    case 'int8':
      return DataType.isInt(t) && t.isSigned && t.bitWidth === 8;
    case 'utf8':
      return DataType.isUtf8(t);
    case 'bool':
      return DataType.isBool(t);
  }
}
