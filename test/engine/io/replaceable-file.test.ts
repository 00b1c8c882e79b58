import { afterAll, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BtInputError } from '../../../engine/core/errors.js';
import { isArrowFile as isArrow } from '../../../engine/io/output-file.js';
import { checkReplaceableFile } from '../../../engine/io/output-kind.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-replaceable-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sparse file of `bytes` bytes beginning with `head` (no disk space used for the rest). */
function sparseFile(name: string, head: string, bytes: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
  return path;
}

const THREE_GIB = 3 * 1024 ** 3; // beyond what readFileSync can return (2 GiB)

describe('checkReplaceableFile', () => {
  it('reads only the head of a file larger than 2 GiB: refuses one that is not ours with the usual message', () => {
    const path = sparseFile('theirs.bin', 'not ours', THREE_GIB);
    let err: unknown;
    try {
      checkReplaceableFile(path, 'an Arrow file', isArrow, false);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BtInputError);
    expect((err as Error).message).toMatch(/expected no file, or an Arrow file to replace, found another file/);
  });

  it('accepts a file larger than 2 GiB whose head says it is ours', () => {
    const path = sparseFile('ours.arrow', 'ARROW1\0\0', THREE_GIB);
    expect(() => checkReplaceableFile(path, 'an Arrow file', isArrow, false)).not.toThrow();
  });

  it('reads the head of a file shorter than the head it asks for', () => {
    const path = sparseFile('short.arrow', 'ARROW1', 6);
    expect(() => checkReplaceableFile(path, 'an Arrow file', isArrow, false)).not.toThrow();
    expect(() => checkReplaceableFile(sparseFile('empty.bin', '', 0), 'an Arrow file', isArrow, false)).toThrow(BtInputError);
  });
});
