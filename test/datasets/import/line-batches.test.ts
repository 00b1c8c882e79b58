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
});
