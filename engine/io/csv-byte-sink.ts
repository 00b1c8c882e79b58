/**
 * The bytes of a CSV file as its cells come, in one buffer reused for the whole file and handed
 * to `flush` whenever it fills: what `bt run --csv` writes events.csv with. Building each line
 * as a string (a template, an array joined) and encoding each batch's text made most of that
 * file's cost garbage collection (S: 176 MB of CSV, ~40 strings a row).
 */

/** Bytes of the buffer a sink fills before handing them to `flush` (large writes: few write ops). */
export const CSV_SINK_BYTES = 1 << 20;

/** An open sink: `buf[0..pos)` is what is not yet flushed. */
export interface CsvByteSink {
  buf: Uint8Array;
  pos: number;
  /** Takes bytes it must have read (or copied) before it returns: the buffer is then reused. */
  readonly flush: (bytes: Uint8Array) => void;
}

const encoder = new TextEncoder();
const COMMA = 44;
const NEWLINE = 10;
const MINUS = 45;
const ZERO = 48;

/** Returns a new sink handing its bytes to `flush`. */
export function openCsvByteSink(flush: (bytes: Uint8Array) => void, bytes = CSV_SINK_BYTES): CsvByteSink {
  return { buf: new Uint8Array(bytes), pos: 0, flush };
}

/** Hands what is gathered to `flush`. */
export function flushCsvSink(s: CsvByteSink): void {
  if (s.pos > 0) s.flush(s.buf.subarray(0, s.pos));
  s.pos = 0;
}

/** Makes room for `n` more bytes (flushing, and growing the buffer for a cell longer than it). */
function room(s: CsvByteSink, n: number): void {
  if (s.pos + n <= s.buf.length) return;
  flushCsvSink(s);
  if (n > s.buf.length) s.buf = new Uint8Array(n);
}

/** Ends a cell: ',' after it, or '\n' after the last of its line. */
export function putSeparator(s: CsvByteSink, endOfLine: boolean): void {
  room(s, 1);
  s.buf[s.pos++] = endOfLine ? NEWLINE : COMMA;
}

/** Appends bytes (an encoded cell: a dictionary entry, a time). */
export function putBytes(s: CsvByteSink, bytes: Uint8Array): void {
  room(s, bytes.length);
  const buf = s.buf;
  let p = s.pos;
  // cells are a few to a few dozen bytes: a loop beats TypedArray.set's call at that size
  for (let k = 0; k < bytes.length; k++) buf[p++] = bytes[k] as number;
  s.pos = p;
}

/** Appends text known to be ASCII (String(x) of a number). */
function putAscii(s: CsvByteSink, text: string): void {
  room(s, text.length);
  const buf = s.buf;
  let p = s.pos;
  for (let k = 0; k < text.length; k++) buf[p++] = text.charCodeAt(k);
  s.pos = p;
}

/** Appends text as UTF-8. */
export function putText(s: CsvByteSink, text: string): void {
  room(s, 3 * text.length); // UTF-8 takes at most 3 bytes per UTF-16 unit
  s.pos += encoder.encodeInto(text, s.buf.subarray(s.pos)).written;
}

/** Appends an integer in int32 range as String(n) writes it (-0 as '0'), digit by digit: no string. */
function putInt32(s: CsvByteSink, n: number): void {
  room(s, 11);
  const buf = s.buf;
  let v = n;
  if (v < 0) {
    buf[s.pos++] = MINUS;
    v = -v;
  }
  let digits = 1;
  for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
  let p = s.pos + digits;
  s.pos = p;
  do {
    const q = (v / 10) | 0;
    buf[--p] = ZERO + v - 10 * q;
    v = q;
  } while (v > 0);
}

/**
 * Appends a number as csvNumber gives it (core/csv-cell.ts): shortest round-trip form, nothing
 * for NaN (null) or ±Infinity. Integers in int32 range (seq, counts, whole-number values) are
 * written digit by digit, the exact digits String(x) gives; other values through String(x).
 */
export function putNumber(s: CsvByteSink, x: number): void {
  if ((x | 0) === x) putInt32(s, x);
  else if (x - x === 0) putAscii(s, String(x)); // finite
}

/** Returns text's UTF-8 bytes (a cell encoded once, then copied per row). */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}
