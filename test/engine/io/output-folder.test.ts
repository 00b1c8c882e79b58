import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BtInputError } from '../../../engine/core/errors.js';
import { openOutputFolder } from '../../../engine/io/output-folder.js';
import { OUTPUT_MARKER, outputMarkerText } from '../../../engine/io/output-kind.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bt-folder-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The error `fn` throws, or null. */
function thrown(fn: () => void): unknown {
  try {
    fn();
    return null;
  } catch (err) {
    return err;
  }
}

describe('openOutputFolder with --resume (append)', () => {
  it('refuses, even with --force, a folder bt did not write: resuming never removes it', () => {
    const dir = join(root, 'mine');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const err = thrown(() => openOutputFolder(dir, 'sweep', true, 'append'));
    expect(err).toBeInstanceOf(BtInputError);
    expect(String((err as Error).message)).toMatch(/--resume.*a bt sweep folder to continue.*a folder bt did not write/s);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(root).sort()).toEqual(['mine']); // no lock, temp or aside left beside it
  });

  it('refuses, even with --force, a bt output of another kind, naming it', () => {
    const dir = join(root, 'run');
    mkdirSync(dir);
    writeFileSync(join(dir, 'equity.arrow'), 'x');
    writeFileSync(join(dir, OUTPUT_MARKER), outputMarkerText('run'));
    const err = thrown(() => openOutputFolder(dir, 'sweep', true, 'append'));
    expect(String((err as Error).message)).toMatch(/found a bt run folder/);
    expect(existsSync(join(dir, 'equity.arrow'))).toBe(true);
  });

  it('continues a sweep folder in place, and --force still replaces a foreign folder when not resuming', () => {
    const sweep = join(root, 'sweep');
    mkdirSync(sweep);
    writeFileSync(join(sweep, 'journal.jsonl'), '');
    writeFileSync(join(sweep, OUTPUT_MARKER), outputMarkerText('sweep'));
    const resumed = openOutputFolder(sweep, 'sweep', true, 'append');
    expect(resumed.workDir).toBe(sweep);
    resumed.release();

    const mine = join(root, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'replace me');
    const fresh = openOutputFolder(mine, 'sweep', true, 'fresh');
    expect(fresh.workDir).not.toBe(mine); // built beside, swapped in on commit
    fresh.commit();
    fresh.release();
    expect(existsSync(join(mine, 'notes.txt'))).toBe(false);
  });
});
