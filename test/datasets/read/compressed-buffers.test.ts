import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAgentsArrow } from '../../../datasets/read/read-agents.js';
import { readFindingsArrow } from '../../../datasets/read/read-findings.js';
import { readPricesArrow } from '../../../datasets/read/read-prices.js';
import { inputErrorMessage } from '../../helpers/input-error.js';

// Written by pyarrow (test/fixtures/arrow/README.md, test/reference/compressed_arrow_fixtures.py)
const CODECS = 'test/fixtures/arrow/codecs';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'bt-codecs-'));

/** A copy of `file` in a new folder with `edit` applied to the bytes of its first compressed buffer (`magic` starts it; the 8 bytes before are its length prefix). */
function withFirstBufferEdited(file: string, magic: number[], edit: (bytes: Buffer, at: number) => void): string {
  const bytes = Buffer.from(readFileSync(file));
  const at = bytes.indexOf(Buffer.from(magic));
  expect(at).toBeGreaterThan(8);
  edit(bytes, at);
  const out = join(tmp(), 'edited.arrow');
  writeFileSync(out, bytes);
  return out;
}
const LZ4_FRAME_MAGIC = [0x04, 0x22, 0x4d, 0x18];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

describe('Arrow IPC files with compressed buffers', () => {
  it('reads LZ4-compressed prices (pyarrow feather\'s default) as the rows pyarrow wrote', () => {
    // A 100 and B 50 on 2024-03-01, A 101 on 2024-03-02 (test/fixtures/arrow/README.md)
    const p = readPricesArrow('test/fixtures/arrow/prices-lz4.arrow');
    expect([...p.tsMs]).toEqual([Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 2)]);
    expect([...p.symbol.codes].map((c) => p.symbol.dictionary[c])).toEqual(['A', 'B', 'A']);
    expect([...p.close]).toEqual([100, 50, 101]);
  });

  it.each(['lz4', 'zstd'])('reads %s-compressed findings, prices and agents (several batches, compressed dictionaries) as the uncompressed files', (codec) => {
    const f = (kind: string, c: string): string => `${CODECS}/${kind}-${c}.arrow`;
    expect(readFindingsArrow(f('findings', codec))).toEqual(readFindingsArrow(f('findings', 'uncompressed')));
    expect(readPricesArrow(f('prices', codec))).toEqual(readPricesArrow(f('prices', 'uncompressed')));
    expect(readAgentsArrow(f('agents', codec))).toEqual(readAgentsArrow(f('agents', 'uncompressed')));
    expect(readFindingsArrow(f('findings', codec)).length).toBe(216);
  });

  it('refuses an LZ4 buffer that is not an LZ4 frame as a compressed buffer that could not be decoded, naming the file', () => {
    const file = withFirstBufferEdited(`${CODECS}/prices-lz4.arrow`, LZ4_FRAME_MAGIC, (b, at) => b.fill(0, at, at + 4));
    const msg = inputErrorMessage(() => readPricesArrow(file));
    expect(msg).toMatch(/^\S*edited\.arrow: a compressed buffer could not be decoded \(LZ4 frame: invalid magic number\)\. The file is truncated or corrupt/);
  });

  it('refuses a ZSTD buffer that decodes to another length than its prefix gives (a corrupt file), naming the file', () => {
    const file = withFirstBufferEdited(`${CODECS}/findings-zstd.arrow`, ZSTD_MAGIC, (b, at) => b.writeBigInt64LE(b.readBigInt64LE(at - 8) + 8n, at - 8));
    const msg = inputErrorMessage(() => readFindingsArrow(file));
    expect(msg).toMatch(/^\S*edited\.arrow: a compressed buffer could not be decoded \(ZSTD data decoded to (\d+) bytes, its length prefix says (\d+)\)/);
    const [, got, said] = /decoded to (\d+) bytes, its length prefix says (\d+)/.exec(msg) ?? [];
    expect(Number(said) - Number(got)).toBe(8);
  });

  it('refuses at once an LZ4 frame whose block size is corrupt, naming the file (lz4js alone spun for seconds on it)', () => {
    // the frame's first block size word, halved: a block far longer than the buffer
    const file = withFirstBufferEdited(`${CODECS}/findings-lz4.arrow`, LZ4_FRAME_MAGIC, (b, at) => b.writeUInt32LE(b.readUInt32LE(at + 7) >>> 1, at + 7));
    const t0 = performance.now();
    expect(inputErrorMessage(() => readFindingsArrow(file))).toMatch(/^\S*edited\.arrow: a compressed buffer could not be decoded \(LZ4 frame: block \d+ of \d+ bytes runs past the buffer's \d+ bytes\)/);
    // ~8 s without the frame walk, a few ms with it: a bound that a loaded machine meets
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
