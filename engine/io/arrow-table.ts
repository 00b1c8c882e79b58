import {
  type Vector,
  Bool,
  Dictionary,
  Field,
  Float64,
  Int8,
  Int32,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  Uint32,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
  type Data,
  type DataType,
} from 'apache-arrow';
import { int64High, int64Low } from '../core/int64-ms.js';
import { KIND_METADATA_KEY } from '../../datasets/schemas/dataset-kind.js';

/**
 * One output column. Nulls: NaN for float/timestamp columns, -1 codes for dictionary
 * columns, null entries for utf8 columns; ints and bools are never null.
 */
export type OutColumn =
  | { readonly name: string; readonly type: 'timestamp-ms'; readonly values: Float64Array }
  | { readonly name: string; readonly type: 'float64'; readonly values: Float64Array; readonly nullable?: boolean }
  | { readonly name: string; readonly type: 'int32'; readonly values: Int32Array }
  | { readonly name: string; readonly type: 'uint32'; readonly values: Uint32Array }
  /** Uint32 counting up: row i's value is from + i (the event log's seq, no array of its own). */
  | { readonly name: string; readonly type: 'uint32-count'; readonly from: number }
  | { readonly name: string; readonly type: 'int8'; readonly values: Int8Array }
  | { readonly name: string; readonly type: 'bool'; readonly values: Uint8Array }
  | { readonly name: string; readonly type: 'utf8'; readonly values: readonly (string | null)[] }
  /** Utf8 by index: row i's text is texts[ids[i]], null where ids[i] < 0 (the event log's texts, not a string per row). */
  | { readonly name: string; readonly type: 'utf8-indexed'; readonly ids: Int32Array; readonly texts: readonly string[] }
  | { readonly name: string; readonly type: 'dict'; readonly codes: Int32Array; readonly dictionary: readonly string[] }
  /** A dictionary column (as 'dict': int32 codes, a nullable field) whose codes are bytes, never null (the event log's kinds). */
  | { readonly name: string; readonly type: 'dict-u8'; readonly codes: Uint8Array; readonly dictionary: readonly string[] };

/** Default rows per record batch: fixed, so equal tables give equal bytes. */
export const BATCH_ROWS = 65_536;

/**
 * Buffers a column's slices are built in, sized once for a batch and reused by every batch
 * (the IPC writer copies each batch out before the next is built): spilling the event log
 * allocates nothing per batch. One per column index; absent (columnsToIpc), fresh buffers.
 */
export interface BatchScratch {
  readonly rows: number;
  readonly columns: readonly ColumnScratch[];
}

interface ColumnScratch {
  readonly bitmap: Uint8Array;
  readonly int64: BigInt64Array | null;
  /** A dictionary column's codes (nulls as 0), or a 'uint32-count' column's values (as int32 bits). */
  readonly codes: Int32Array | null;
  readonly offsets: Int32Array | null;
  /** utf8 bytes: grown by doubling when a batch's text needs more. */
  bytes: Uint8Array;
}

/** Returns the scratch for batches of up to `rows` rows of `columns` (their types only are read). */
export function newBatchScratch(columns: readonly OutColumn[], rows: number): BatchScratch {
  return {
    rows,
    columns: columns.map((c) => ({
      // whole 64-byte blocks: a utf8 column's bitmap is written that long (utf8Data)
      bitmap: new Uint8Array(Math.max(64, (((rows + 7) >> 3) + 63) & ~63)),
      int64: c.type === 'timestamp-ms' ? new BigInt64Array(rows) : null,
      codes: c.type === 'dict' || c.type === 'dict-u8' || c.type === 'uint32-count' ? new Int32Array(rows) : null,
      offsets: c.type === 'utf8' || c.type === 'utf8-indexed' ? new Int32Array(rows + 1) : null,
      bytes: new Uint8Array(0),
    })),
  };
}

/**
 * Where the IPC writer will write a batch's body: `place(at, bytes)` is the view of body bytes
 * [at, at + bytes) in the writer's output memory, or null. A buffer built there is written
 * without a copy (ipc-file-stream.ts); one built elsewhere (null) is copied as before.
 */
export type PlaceBody = (at: number, bytes: number) => Uint8Array | null;

/** A batch's body laid out buffer by buffer in the order apache-arrow writes them (VectorAssembler: per column validity, then offsets, then data; each padded to 8 bytes). */
interface BodyCursor {
  at: number;
  readonly place: PlaceBody;
}

const pad8 = (bytes: number): number => (bytes + 7) & ~7;

/** Moves the cursor past the next body buffer, `bytes` long, built elsewhere (a zero-length one: an absent validity). */
function skipBuffer(body: BodyCursor | null, bytes: number): void {
  if (body !== null) body.at += pad8(bytes);
}

/** The place of the next body buffer, `bytes` long (with its padding: a bitmap may be written in whole words there), or null; the cursor moves past it. */
function placeBuffer(body: BodyCursor | null, bytes: number): Uint8Array | null {
  if (body === null) return null;
  const view = bytes > 0 ? body.place(body.at, pad8(bytes)) : null;
  body.at += pad8(bytes);
  return view !== null && view.byteOffset % 8 === 0 ? view : null;
}

/** A zeroed bitmap of `bytes` bytes (default: just enough for `n` rows): the scratch's, or a fresh one. */
function bitmapFor(n: number, scratch: ColumnScratch | null, bytes = (n + 7) >> 3, placed: Uint8Array | null = null): Uint8Array {
  if (scratch === null && placed === null) return new Uint8Array(bytes);
  const b = (placed ?? (scratch as ColumnScratch).bitmap).subarray(0, bytes);
  b.fill(0);
  return b;
}

function validityOf(n: number, isNull: (i: number) => boolean, scratch: ColumnScratch | null = null, bytes = (n + 7) >> 3): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = bitmapFor(n, scratch, bytes);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (isNull(i)) nullCount += 1;
    else bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
  }
  return { bitmap, nullCount };
}

/**
 * validityOf for a float column (NaN = null), without a callback per row. A batch without nulls
 * (one read-only scan finds that) has no bitmap; else it is built 32 rows (one little-endian
 * word, the bitmap's byte order) at a time, without a branch per row.
 */
function floatValidity(v: Float64Array, scratch: ColumnScratch | null, body: BodyCursor | null = null): { bitmap: Uint8Array; nullCount: number } {
  const n = v.length;
  if (firstNaN(v) === n) return { bitmap: NO_BITMAP, nullCount: 0 };
  const bitmap = bitmapFor(n, scratch, wordBytes(n), placeBuffer(body, (n + 7) >> 3));
  const valid = floatBitsInto(v, new Uint32Array(bitmap.buffer, bitmap.byteOffset, bitmap.length >> 2));
  return { bitmap: bitmap.subarray(0, (n + 7) >> 3), nullCount: n - valid };
}

/*
 * The loops below are functions of their own that return a number: V8 compiles each loop on
 * stack replacement, and code after a loop in the same function (building the result) had no
 * type feedback there, so that code left the optimized loop at every batch (a deoptimization
 * per batch and column on M, ~190 a run).
 */

/** n int32s: placed, or the scratch's codes, or fresh. */
function int32Buffer(placed: Uint8Array | null, scratch: ColumnScratch | null, n: number): Int32Array {
  if (placed !== null) return new Int32Array(placed.buffer, placed.byteOffset, n);
  return scratch?.codes?.subarray(0, n) ?? new Int32Array(n);
}

/** Writes start, start + 1, ... into `out` (a loop of its own: V8 optimizes it once for every batch). */
function countInto(out: Int32Array, start: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] = start + i;
}

/** The index of the first NaN in `v` (its length when none). */
function firstNaN(v: Float64Array): number {
  let i = 0;
  while (i < v.length && (v[i] as number) === (v[i] as number)) i++;
  return i;
}

/** The index of the first negative code (its length when none). */
function firstNegative(codes: Int32Array): number {
  let i = 0;
  while (i < codes.length && (codes[i] as number) >= 0) i++;
  return i;
}

/** Writes v's validity bits (NaN = 0) into `words`, 32 rows a word; returns how many are valid. */
function floatBitsInto(v: Float64Array, words: Uint32Array): number {
  const n = v.length;
  let valid = 0;
  for (let w = 0, i = 0; i < n; w++) {
    let bits = 0;
    for (let k = 0; k < 32 && i < n; k++, i++) {
      const x = v[i] as number;
      const bit = Number(x === x); // 0 for NaN
      bits |= bit << k;
      valid += bit;
    }
    words[w] = bits;
  }
  return valid;
}

/** Writes the codes' validity bits (-1 = 0) into `words` and each code or 0 for a null into `safe`; returns how many are valid. */
function codeBitsInto(codes: Int32Array, words: Uint32Array, safe: Int32Array): number {
  const n = codes.length;
  let valid = 0;
  for (let w = 0, i = 0; i < n; w++) {
    let bits = 0;
    for (let k = 0; k < 32 && i < n; k++, i++) {
      const c = codes[i] as number;
      const bit = ~c >>> 31; // 1 for a code >= 0
      bits |= bit << k;
      valid += bit;
      safe[i] = c & ~(c >> 31); // max(0, c)
    }
    words[w] = bits;
  }
  return valid;
}

/** Bytes of a bitmap written in whole 32-bit words for n rows (a batch's scratch bitmap is whole 64-byte blocks). */
function wordBytes(n: number): number {
  return ((n + 31) >> 5) << 2;
}

/**
 * validityOf for dictionary codes (-1 = null), without a callback per row; with nulls, also the
 * codes to write (`safe`: each null's code 0, as Arrow readers ignore it) in the same pass.
 * Most batches of a column have no null (one read-only scan finds that: no bitmap, the codes
 * are written as they are); the event log's agent, symbol and strategy columns have some in
 * most batches, hence the one pass and no branch per row.
 */
function codeValidity(codes: Int32Array, scratch: ColumnScratch | null, body: BodyCursor | null = null): { bitmap: Uint8Array; nullCount: number; safe: Int32Array } {
  const n = codes.length;
  if (firstNegative(codes) === n) {
    skipBuffer(body, n * 4); // the codes as they are (no validity buffer)
    return { bitmap: NO_BITMAP, nullCount: 0, safe: codes };
  }
  const bitmap = bitmapFor(n, scratch, wordBytes(n), placeBuffer(body, (n + 7) >> 3));
  const placed = placeBuffer(body, n * 4);
  const safe = placed !== null ? new Int32Array(placed.buffer, placed.byteOffset, n) : (scratch?.codes?.subarray(0, n) ?? new Int32Array(n));
  const valid = codeBitsInto(codes, new Uint32Array(bitmap.buffer, bitmap.byteOffset, bitmap.length >> 2), safe);
  return { bitmap: bitmap.subarray(0, (n + 7) >> 3), nullCount: n - valid, safe };
}

/** The bitmap of a column without nulls: never written (nullBitmap is null when nullCount is 0). */
const NO_BITMAP = new Uint8Array(0);

/** A timestamp column's int64 values (int64HalvesInto) and whether any row is null. */
function epochMsToInt64(values: Float64Array, scratch: ColumnScratch | null, placed: Uint8Array | null = null): { data: BigInt64Array; hasNull: boolean } {
  const out = placed !== null ? new BigInt64Array(placed.buffer, placed.byteOffset, values.length) : (scratch?.int64?.subarray(0, values.length) ?? new BigInt64Array(values.length));
  const hasNull = int64HalvesInto(values, new Int32Array(out.buffer, out.byteOffset, 2 * values.length));
  return { data: out, hasNull };
}

/**
 * Writes each integer ms as two int32 halves, low first (no BigInt per row; a null as 0), and
 * says whether any row is null, in one pass. Rows of a block share their time: the halves of a
 * time equal to the row before's are that row's.
 */
function int64HalvesInto(values: Float64Array, halves: Int32Array): boolean {
  let hasNull = false;
  let prev = Number.NaN;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== prev) {
      const x = v === v ? v : 0;
      hasNull ||= v !== v;
      hi = int64High(x);
      lo = int64Low(x, hi);
      prev = v;
    }
    halves[2 * i] = lo;
    halves[2 * i + 1] = hi;
  }
  return hasNull;
}

const UTF8 = new TextEncoder();

/** A Utf8 column's offsets, bytes and validity written directly (apache-arrow's builder validates value by value). */
function utf8Data(type: DataType, values: readonly (string | null)[], a: number, b: number, scratch: ColumnScratch | null, body: BodyCursor | null): Data {
  const n = b - a;
  const offsets = scratch?.offsets?.subarray(0, n + 1) ?? new Int32Array(n + 1);
  offsets[0] = 0;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const s = values[a + i];
    if (s !== null && s !== undefined) bytes += Buffer.byteLength(s, 'utf8');
    offsets[i + 1] = bytes;
  }
  let data: Uint8Array;
  if (scratch === null) data = new Uint8Array(bytes);
  else {
    if (scratch.bytes.length < bytes) scratch.bytes = new Uint8Array(Math.max(bytes, 2 * scratch.bytes.length));
    data = scratch.bytes.subarray(0, bytes);
  }
  // The builder's bitmap is whole 64-byte blocks, and the IPC writer writes it whole: same bytes as before.
  const { bitmap, nullCount } = validityOf(n, (i) => values[a + i] === null || values[a + i] === undefined, scratch, Math.max(64, (((n + 7) >> 3) + 63) & ~63));
  for (let i = 0; i < n; i++) {
    const s = values[a + i];
    if (s !== null && s !== undefined && s.length > 0) UTF8.encodeInto(s, data.subarray(offsets[i] as number, offsets[i + 1] as number));
  }
  skipBuffer(body, nullCount > 0 ? bitmap.byteLength : 0);
  skipBuffer(body, offsets.byteLength);
  skipBuffer(body, bytes);
  return makeData({ type, length: n, nullCount, nullBitmap: nullCount > 0 ? bitmap : null, valueOffsets: offsets, data } as never);
}

/**
 * utf8Data for texts by index (OutColumn 'utf8-indexed'): the same offsets, bytes and bitmap,
 * from the rows' indices alone (no string read per row). A batch of the event log has a few
 * texts among 65,536 rows: the rows with one are found by a read-only scan, the offsets
 * between them written by fill, and each text's bytes are written once.
 */
function indexedUtf8Data(type: DataType, ids: Int32Array, texts: readonly string[], a: number, b: number, scratch: ColumnScratch | null, body: BodyCursor | null): Data {
  const n = b - a;
  // The builder's bitmap is whole 64-byte blocks, and the IPC writer writes it whole: same bytes as utf8Data's.
  const bitmapBytes = Math.max(64, (((n + 7) >> 3) + 63) & ~63);
  // In the body the bitmap, written only when a row is null, comes before the offsets.
  const placedBitmap = body === null ? null : nextIndexedNull(ids, a, b) < b ? placeBuffer(body, bitmapBytes) : null;
  const placedOffsets = placeBuffer(body, (n + 1) * 4);
  const offsets = placedOffsets !== null ? new Int32Array(placedOffsets.buffer, placedOffsets.byteOffset, n + 1) : (scratch?.offsets?.subarray(0, n + 1) ?? new Int32Array(n + 1));
  const bitmap = bitmapFor(n, scratch, bitmapBytes, placedBitmap);
  const bytesOf = texts.map((t) => Buffer.byteLength(t, 'utf8'));
  let bytes = 0;
  let valid = 0;
  offsets[0] = 0;
  for (let row = 0; row < n; ) {
    const r = nextIndexed(ids, a + row, b) - a;
    offsets.fill(bytes, row + 1, r + 1); // rows [row, r) are null
    if (r === n) break;
    bytes += bytesOf[ids[a + r] as number] as number;
    offsets[r + 1] = bytes;
    bitmap[r >> 3] = (bitmap[r >> 3] as number) | (1 << (r & 7));
    valid += 1;
    row = r + 1;
  }
  const placedData = placeBuffer(body, bytes);
  let data: Uint8Array;
  if (placedData !== null) data = placedData.subarray(0, bytes);
  else if (scratch === null) data = new Uint8Array(bytes);
  else {
    if (scratch.bytes.length < bytes) scratch.bytes = new Uint8Array(Math.max(bytes, 2 * scratch.bytes.length));
    data = scratch.bytes.subarray(0, bytes);
  }
  for (let r = valid > 0 ? nextIndexed(ids, a, b) - a : n; r < n; r = nextIndexed(ids, a + r + 1, b) - a) {
    const id = ids[a + r] as number;
    if ((bytesOf[id] as number) > 0) UTF8.encodeInto(texts[id] as string, data.subarray(offsets[r] as number, offsets[r + 1] as number));
  }
  const nullCount = n - valid;
  return makeData({ type, length: n, nullCount, nullBitmap: nullCount > 0 ? bitmap : null, valueOffsets: offsets, data } as never);
}

/** The first index in [from, to) whose id is < 0 (a row without text), or `to`. */
function nextIndexedNull(ids: Int32Array, from: number, to: number): number {
  let i = from;
  while (i < to && (ids[i] as number) >= 0) i++;
  return i;
}

/** The first index in [from, to) whose id is >= 0 (a row with a text), or `to`. */
function nextIndexed(ids: Int32Array, from: number, to: number): number {
  let i = from;
  while (i < to && (ids[i] as number) < 0) i++;
  return i;
}

/** `i` is the column's index: a dictionary's id (apache-arrow's default is a process-wide counter, so bytes would depend on what was encoded before). */
function columnType(c: OutColumn, i: number): DataType {
  switch (c.type) {
    case 'timestamp-ms':
      return new TimestampMillisecond('UTC');
    case 'float64':
      return new Float64();
    case 'int32':
      return new Int32();
    case 'uint32':
      return new Uint32();
    case 'int8':
      return new Int8();
    case 'bool':
      return new Bool();
    case 'utf8':
    case 'utf8-indexed':
      return new Utf8();
    case 'uint32-count':
      return new Uint32();
    case 'dict':
    case 'dict-u8':
      return new Dictionary(new Utf8(), new Int32(), i);
  }
}

function isNullable(c: OutColumn): boolean {
  return c.type === 'timestamp-ms' || c.type === 'float64' || c.type === 'utf8' || c.type === 'utf8-indexed' || c.type === 'dict' || c.type === 'dict-u8';
}

function sliceData(c: OutColumn, type: DataType, a: number, b: number, dictVector: Vector<Utf8> | null, scratch: ColumnScratch | null, body: BodyCursor | null): Data {
  const n = b - a;
  switch (c.type) {
    case 'timestamp-ms': {
      const v = c.values.subarray(a, b);
      if (body !== null) {
        // in the body the validity comes first: whether there is a null, before the values are placed
        const { bitmap, nullCount } = floatValidity(v, scratch, body);
        const { data } = epochMsToInt64(v, scratch, placeBuffer(body, n * 8));
        return makeData({ type, length: n, nullCount, nullBitmap: nullCount > 0 ? bitmap : null, data } as never);
      }
      const { data, hasNull } = epochMsToInt64(v, scratch);
      // nulls are rare in a time column: their bitmap in a second pass
      const { bitmap, nullCount } = hasNull ? floatValidity(v, scratch) : { bitmap: NO_BITMAP, nullCount: 0 };
      return makeData({ type, length: n, nullCount, nullBitmap: nullCount > 0 ? bitmap : null, data } as never);
    }
    case 'float64': {
      const v = c.values.subarray(a, b);
      const { bitmap, nullCount } = floatValidity(v, scratch, body);
      skipBuffer(body, v.byteLength); // the values as they are
      return makeData({ type, length: n, nullCount, nullBitmap: nullCount > 0 ? bitmap : null, data: v } as never);
    }
    case 'int32':
    case 'uint32':
    case 'int8': {
      const values = c.values.subarray(a, b);
      skipBuffer(body, values.byteLength);
      return makeData({ type, length: n, nullCount: 0, data: values } as never);
    }
    case 'uint32-count': {
      const values = int32Buffer(placeBuffer(body, n * 4), scratch, n);
      countInto(values, c.from + a, n);
      return makeData({ type, length: n, nullCount: 0, data: new Uint32Array(values.buffer, values.byteOffset, n) } as never);
    }
    case 'bool': {
      const { bitmap } = validityOf(n, (i) => (c.values[a + i] as number) === 0, scratch);
      skipBuffer(body, bitmap.byteLength);
      return makeData({ type, length: n, nullCount: 0, data: bitmap } as never);
    }
    case 'utf8':
      return utf8Data(type, c.values, a, b, scratch, body);
    case 'utf8-indexed':
      return indexedUtf8Data(type, c.ids, c.texts, a, b, scratch, body);
    case 'dict': {
      // Null rows' codes become 0; without nulls the codes are written as they are.
      const { bitmap, nullCount, safe } = codeValidity(c.codes.subarray(a, b), scratch, body);
      return makeData({ type, length: n, nullCount, nullBitmap: nullCount > 0 ? bitmap : null, data: safe, dictionary: dictVector } as never);
    }
    case 'dict-u8': {
      const codes = int32Buffer(placeBuffer(body, n * 4), scratch, n);
      codes.set(c.codes.subarray(a, b)); // widened to the dictionary's int32 keys
      return makeData({ type, length: n, nullCount: 0, data: codes, dictionary: dictVector } as never);
    }
  }
}

/** The schema, Arrow types and dictionaries of a table's columns: built once, shared by its batches. */
export interface IpcLayout {
  readonly schema: Schema;
  readonly fields: readonly Field[];
  readonly types: readonly DataType[];
  readonly dicts: readonly (Vector<Utf8> | null)[];
}

/** Returns the layout of `columns` (their names, types and dictionaries; not their values). */
export function ipcLayout(columns: readonly OutColumn[], metadata?: ReadonlyMap<string, string>): IpcLayout {
  const types = columns.map(columnType);
  const fields = columns.map((c, i) => new Field(c.name, types[i] as DataType, isNullable(c)));
  const schema = new Schema(fields, metadata ? new Map(metadata) : undefined);
  const dicts = columns.map((c) => (c.type === 'dict' || c.type === 'dict-u8' ? vectorFromArray([...c.dictionary], new Utf8()) : null));
  return { schema, fields, types, dicts };
}

/**
 * Returns rows [a, b) of `columns` as one record batch of `layout`; with `scratch` (at least
 * b - a rows), built in its buffers: valid until the next batch built in them. With `place`,
 * the buffers it builds go where the IPC writer will write the batch's body where they can
 * (PlaceBody); its values are the same either way.
 */
export function recordBatchOf(layout: IpcLayout, columns: readonly OutColumn[], a: number, b: number, scratch: BatchScratch | null = null, place: PlaceBody | null = null): RecordBatch {
  if (scratch !== null && b - a > scratch.rows) throw new Error(`bt: internal: a batch of ${b - a} rows in scratch for ${scratch.rows}`);
  const body: BodyCursor | null = place === null ? null : { at: 0, place };
  const children = columns.map((c, i) => sliceData(c, layout.types[i] as DataType, a, b, layout.dicts[i] ?? null, scratch?.columns[i] ?? null, body));
  const structData = makeData({ type: new Struct(layout.fields as Field[]), length: b - a, nullCount: 0, children });
  return new RecordBatch(layout.schema, structData);
}

/** The schema metadata of an Arrow file bt writes: its kind (`bt.kind`), by which readers and `bt inspect` tell the file. */
export function btKindMetadata(kind: string): ReadonlyMap<string, string> {
  return new Map([[KIND_METADATA_KEY, kind]]);
}

/** Returns the Arrow IPC file bytes of the columns (all of one length), in fixed-size batches. */
export function columnsToIpc(columns: readonly OutColumn[], length: number, metadata?: ReadonlyMap<string, string>, batchRows = BATCH_ROWS): Uint8Array {
  const layout = ipcLayout(columns, metadata);
  const batches: RecordBatch[] = [];
  const chunk = Math.max(1, batchRows);
  for (let a = 0; a < length || (a === 0 && batches.length === 0); a += chunk) {
    batches.push(recordBatchOf(layout, columns, a, Math.min(length, a + chunk)));
    if (length === 0) break;
  }
  return tableToIPC(new Table(layout.schema, batches), 'file');
}
