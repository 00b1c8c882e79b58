import { existsSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// acquireOutputLock, as another bt process's cleanup would leave it: the folder just made is
// removed before the lock is written (ENOENT), a given number of times, then the real lock
const removals = { left: 0 };
vi.mock('../../../engine/io/output-lock.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../engine/io/output-lock.js')>();
  return {
    ...real,
    acquireOutputLock: (target: string): (() => void) => {
      if (removals.left > 0) {
        removals.left--;
        const parent = join(target, '..');
        rmdirSync(parent);
        const err: NodeJS.ErrnoException = new Error(`ENOENT: no such file or directory, open '${parent}/.bt-tmp-lock'`);
        err.code = 'ENOENT';
        throw err;
      }
      return real.acquireOutputLock(target);
    },
  };
});

const { lockOutputIn } = await import('../../../engine/io/output-parent.js');

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bt-parent-race-'));
});
afterEach(() => {
  removals.left = 0;
  rmSync(root, { recursive: true, force: true });
});

describe('the folder of an output removed by another bt between its mkdir and its lock', () => {
  it('is made again and the lock taken, the folders listed once', () => {
    removals.left = 2;
    const target = join(root, 'a', 'b', 'run');
    const { made, release } = lockOutputIn(target);
    expect(made).toEqual([join(root, 'a'), join(root, 'a', 'b')]);
    expect(existsSync(join(root, 'a', 'b', '.bt-lock-run'))).toBe(true);
    release();
  });

  it('gives up after four tries with the error, leaving none of the folders it made', () => {
    removals.left = 10;
    expect(() => lockOutputIn(join(root, 'c', 'run'))).toThrow(/ENOENT/);
    expect(existsSync(join(root, 'c'))).toBe(false);
  });
});
