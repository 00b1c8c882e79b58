/**
 * An append-only column kept as fixed-size chunks: it never copies what it holds and leaves no
 * garbage behind as it grows, where a doubling column (growable.ts) holds up to twice its rows and
 * drops each old copy for the collector, and a trimmed copy at the end doubles it once more.
 * For columns of millions of rows read once in order (the governance log's weights_set rows).
 */

/** Rows of one chunk (256 KB of doubles). */
export const COLUMN_CHUNK_ROWS = 1 << 15;
const SHIFT = 15;
const MASK = COLUMN_CHUNK_ROWS - 1;

/** Doubles in chunks of COLUMN_CHUNK_ROWS. A class, so its field types hold from run to run. */
export class ChunkedF64 {
  readonly chunks: Float64Array[];
  length: number;

  constructor() {
    this.chunks = [];
    this.length = 0;
  }
}

/** 32-bit integers in chunks of COLUMN_CHUNK_ROWS. */
export class ChunkedI32 {
  readonly chunks: Int32Array[];
  length: number;

  constructor() {
    this.chunks = [];
    this.length = 0;
  }
}

/** Appends v. */
export function pushChunkedF64(c: ChunkedF64, v: number): void {
  const at = c.length & MASK;
  if (at === 0) c.chunks.push(new Float64Array(COLUMN_CHUNK_ROWS));
  (c.chunks[c.chunks.length - 1] as Float64Array)[at] = v;
  c.length += 1;
}

/** Appends v (an integer in the Int32 range). */
export function pushChunkedI32(c: ChunkedI32, v: number): void {
  const at = c.length & MASK;
  if (at === 0) c.chunks.push(new Int32Array(COLUMN_CHUNK_ROWS));
  (c.chunks[c.chunks.length - 1] as Int32Array)[at] = v;
  c.length += 1;
}

/** The value at row k (0 <= k < length). */
export function chunkedF64At(c: ChunkedF64, k: number): number {
  return (c.chunks[k >>> SHIFT] as Float64Array)[k & MASK] as number;
}

/** The value at row k (0 <= k < length). */
export function chunkedI32At(c: ChunkedI32, k: number): number {
  return (c.chunks[k >>> SHIFT] as Int32Array)[k & MASK] as number;
}
