/**
 * Decoders of the compressed buffers an Arrow IPC file may hold (LZ4_FRAME, ZSTD: pyarrow's
 * feather.write_feather and pandas' to_feather compress with LZ4 by default). apache-arrow reads
 * them through codecs registered in its compressionRegistry and ships none; lz4js and fzstd
 * decode. Their modules load on the first compressed buffer met, not with bt (start-up time):
 * through require, since apache-arrow calls decode synchronously.
 */
import { constants } from 'node:buffer';
import { createRequire } from 'node:module';
import { compressionRegistry, CompressionType } from 'apache-arrow';

/** A compressed buffer that did not decode to the length its prefix gives: corrupt or truncated data. */
export class CompressedBufferError extends Error {
  override readonly name = 'CompressedBufferError';
}

/** lz4js's frame decoder: fills `dst` and returns how many bytes it decoded (those past `dst` are counted, not written). */
interface Lz4js {
  decompressFrame(src: Uint8Array, dst: Uint8Array): number;
}
interface Fzstd {
  decompress(src: Uint8Array): Uint8Array;
}

const requireHere = createRequire(import.meta.url);
let lz4: Lz4js | null = null;
let zstd: Fzstd | null = null;

/**
 * The length the buffer decodes to, from the 8 bytes before it: apache-arrow hands decode the
 * body after the buffer's little-endian int64 length prefix (a view into the same bytes), and the
 * codec is not told the length. Checking it is what catches most corrupt buffers: lz4js reads
 * any bytes as a frame, and pyarrow writes no checksum for either decoder to check.
 */
function prefixedLength(bytes: Uint8Array): number {
  if (bytes.byteOffset < 8) throw new CompressedBufferError('no length prefix before the compressed buffer');
  const prefix = new DataView(bytes.buffer, bytes.byteOffset - 8, 8);
  const n = prefix.getUint32(0, true) + prefix.getUint32(4, true) * 2 ** 32;
  if (n > constants.MAX_LENGTH) throw new CompressedBufferError(`its length prefix says ${n} bytes`);
  return n;
}

/** Runs a decoder, turning what it throws and a length other than the prefix's into a CompressedBufferError. */
function decodedLength(codec: string, expected: number, run: () => number): void {
  let n: number;
  try {
    n = run();
  } catch (err) {
    throw new CompressedBufferError(`${codec}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (n !== expected) throw new CompressedBufferError(`${codec} data decoded to ${n} bytes, its length prefix says ${expected}`);
}

/**
 * Throws unless every block of the LZ4 frame in `src` lies inside it. lz4js reads past the end
 * as zeros and trusts a block's size: a corrupt size made it spin for seconds on nothing.
 * Inside the frame its work is bounded by the bytes it has.
 */
function checkLz4FrameBlocks(src: Uint8Array): void {
  const u32 = (at: number): number => ((src[at] as number) | ((src[at + 1] as number) << 8) | ((src[at + 2] as number) << 16) | ((src[at + 3] as number) << 24)) >>> 0;
  if (src.length < 7) throw new Error(`${src.length} bytes, shorter than a frame header`);
  const flags = src[4] as number;
  // lz4js skips the content size but not a dictionary id (flag bit 0); pyarrow writes none
  if ((flags & 0x01) !== 0) throw new Error('a frame with a dictionary id');
  const blockChecksum = (flags & 0x10) !== 0 ? 4 : 0;
  let at = 4 + 1 + 1 + ((flags & 0x08) !== 0 ? 8 : 0) + 1;
  for (let block = 1; ; block++) {
    if (at + 4 > src.length) throw new Error(`block ${block} starts past the buffer's ${src.length} bytes`);
    const size = u32(at) & 0x7fffffff;
    if (size === 0) return;
    at += 4 + size + blockChecksum;
    if (at > src.length) throw new Error(`block ${block} of ${size} bytes runs past the buffer's ${src.length} bytes`);
  }
}

function decodeLz4Frame(bytes: Uint8Array): Uint8Array {
  const n = prefixedLength(bytes);
  lz4 ??= requireHere('lz4js') as Lz4js;
  const decoder = lz4;
  const out = new Uint8Array(n);
  // lz4js drops writes past `out` but counts them, so a longer decode shows in the count
  decodedLength('LZ4 frame', n, () => {
    checkLz4FrameBlocks(bytes);
    return decoder.decompressFrame(bytes, out);
  });
  return out;
}

function decodeZstd(bytes: Uint8Array): Uint8Array {
  const n = prefixedLength(bytes);
  zstd ??= requireHere('fzstd') as Fzstd;
  const decoder = zstd;
  let out: Uint8Array = new Uint8Array(0);
  decodedLength('ZSTD', n, () => (out = decoder.decompress(bytes)).length);
  // fzstd returns a view at byte 12 of its buffer; apache-arrow lays typed arrays (Float64Array) on it, which need 8-byte alignment
  return out.byteOffset % 8 === 0 ? out : out.slice();
}

let registered = false;

/** Lets apache-arrow read LZ4- and ZSTD-compressed buffers (decode only: bt writes uncompressed). Call before reading Arrow input; registers once. */
export function registerArrowCodecs(): void {
  if (registered) return;
  registered = true;
  compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: decodeLz4Frame });
  compressionRegistry.set(CompressionType.ZSTD, { decode: decodeZstd });
}
