/**
 * The refusal of an Arrow IPC file whose compressed buffers bt cannot read: one that does not
 * decode (corrupt or truncated data), or one in a codec bt has no decoder for (the format has
 * LZ4_FRAME and ZSTD, both read: datasets/read/arrow-codecs.ts). apache-arrow's own words
 * ("compressed but codec not found", or a decoder's message) read as a damaged file to anyone
 * who had just written it, or named no file.
 */
import { BtInputError } from '../../engine/core/errors.js';
import { CompressedBufferError } from './arrow-codecs.js';

const CODEC_NOT_FOUND = /is compressed but codec not found/;

/** Returns the refusal of `file` when `err` is a failure on its compressed buffers, else null. */
export function compressedIpcError(file: string, err: unknown): BtInputError | null {
  if (err instanceof CompressedBufferError) {
    return new BtInputError({
      file,
      message: `a compressed buffer could not be decoded (${err.message})`,
      hint: 'The file is truncated or corrupt; write it again',
    });
  }
  if (!(err instanceof Error) || !CODEC_NOT_FOUND.test(err.message)) return null;
  return new BtInputError({
    file,
    expected: 'an Arrow IPC file with uncompressed, LZ4- or ZSTD-compressed buffers',
    found: 'buffers compressed with another codec',
    hint: "Write it uncompressed or with LZ4 or ZSTD: pyarrow feather.write_feather(table, path, compression='lz4'); polars df.write_ipc(path, compression='lz4')",
  });
}
