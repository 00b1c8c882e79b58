import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLineBatches, splitLines } from '../../../datasets/import/line-batches.js';

describe('splitLines', () => {
  it('splits on \\n, \\r\\n and a lone \\r, keeping empty lines between breaks', () => {
    expect(splitLines('a\r\nb\n\nc\rd', true)).toEqual({ lines: ['a', 'b', '', 'c', 'd'], rest: '' });
  });
  it('keeps an unfinished line and a chunk-final \\r for the next chunk', () => {
    expect(splitLines('a\nb', false)).toEqual({ lines: ['a'], rest: 'b' });
    expect(splitLines('a\r', false)).toEqual({ lines: [], rest: 'a\r' });
    expect(splitLines('a\r\nb\n', true)).toEqual({ lines: ['a', 'b'], rest: '' });
  });
});

describe('readLineBatches', () => {
  it('returns the lines of readline (crlfDelay Infinity) across 64 KiB chunk boundaries', async () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-lines-'));
    // 30 000 lines of 'é' plus digits with CRLF breaks: many chunk edges fall inside a
    // two-byte character or between \r and \n.
    const want = Array.from({ length: 30_000 }, (_, i) => `é${i}`);
    writeFileSync(join(d, 'x.txt'), `${want.join('\r\n')}\r\n`);
    const got: string[] = [];
    for await (const batch of readLineBatches(join(d, 'x.txt'))) got.push(...batch);
    expect(got).toEqual(want);
  });

  it('reads lines that span many chunks without a break, a lone \\r before them included, in one pass', async () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-lines-'));
    // the first chunk ends in a lone \r; the next three chunks hold no break at all
    const want = ['a'.repeat(64 * 1024 - 1), 'b'.repeat(200_000), 'c'];
    writeFileSync(join(d, 'x.txt'), `${want[0]}\r${want[1]}\n${want[2]}`);
    const got: string[] = [];
    for await (const batch of readLineBatches(join(d, 'x.txt'))) got.push(...batch);
    expect(got).toEqual(want);
  });

  it('refuses a line past the longest it reads, naming its number, instead of growing one string without end', async () => {
    const d = mkdtempSync(join(tmpdir(), 'bt-lines-'));
    writeFileSync(join(d, 'x.txt'), `head\nshort\n${'x'.repeat(300_000)}\n`);
    const read = async (): Promise<void> => {
      for await (const _ of readLineBatches(join(d, 'x.txt'), 100_000)) void _;
    };
    await expect(read()).rejects.toThrow(`${join(d, 'x.txt')}:3: expected a line of at most 100000 characters, found a longer one (no line break). Is this a CSV or JSONL file?`);
  });
});
