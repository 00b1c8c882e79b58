/**
 * Epoch ms as Arrow's int64 Timestamp(ms), written and read as two int32 words (little-endian:
 * low word first), without a BigInt per row: the split and the join, defined once for every
 * writer (datasets/write, events.arrow) and reader (datasets/read, read-events). Each is one
 * expression that V8 inlines into the per-row loops calling it. 2^32 is written as a literal
 * in each: a module constant read by an inlined function from another module is loaded (and
 * checked) on every row, which made the decoders' time loops 1.5-2.5x slower (dist modules).
 */

/** The high word of integer ms `t` as int64 (two's complement): floor(t / 2^32). */
export function int64High(t: number): number {
  return Math.floor(t / 4294967296);
}

/** The low word of integer ms `t` whose high word is `hi`, as a signed int32 (the bits an Int32Array stores). */
export function int64Low(t: number, hi: number): number {
  return (t - hi * 4294967296) | 0;
}

/** Epoch ms from an int64's words (`lo` as an Int32Array holds it): hi * 2^32 + (lo >>> 0). */
export function msOfInt64(lo: number, hi: number): number {
  return hi * 4294967296 + (lo >>> 0);
}
