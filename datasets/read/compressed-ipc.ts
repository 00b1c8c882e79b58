/**
 * An Arrow IPC file whose buffers are compressed (LZ4_FRAME or ZSTD: pyarrow's
 * feather.write_feather compresses with LZ4 by default) is refused as what it is: apache-arrow
 * ships no codec, and its "compressed but codec not found" read as a damaged file ("write it
 * again") to anyone who had just written it.
 */
import { BtInputError } from '../../engine/core/errors.js';

const CODEC_NOT_FOUND = /is compressed but codec not found/;

/** Returns the refusal of `file` when `err` is apache-arrow's failure on compressed buffers, else null. */
export function compressedIpcError(file: string, err: unknown): BtInputError | null {
  if (!(err instanceof Error) || !CODEC_NOT_FOUND.test(err.message)) return null;
  return new BtInputError({
    file,
    expected: 'an Arrow IPC file with uncompressed buffers (bt reads no LZ4 or ZSTD compression)',
    found: 'compressed buffers',
    hint: "Write it uncompressed: pyarrow feather.write_feather(table, path, compression='uncompressed') or ipc.new_file(path, schema, options=ipc.IpcWriteOptions(compression=None)); polars df.write_ipc(path, compression='uncompressed')",
  });
}
