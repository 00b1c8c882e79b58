import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDirAtomic, writeFileAtomic } from '../../../engine/io/atomic-write.js';
import { openOutputFolder } from '../../../engine/io/output-folder.js';
import { withOutputFile } from '../../../engine/io/output-file.js';
import { NO_FAULTS, parseFaultPlan, setFaultPlan } from '../../../engine/io/output-fs.js';
import { makeFolders, removeFoldersMade } from '../../../engine/io/output-parent.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bt-parent-'));
});
afterEach(() => {
  setFaultPlan(NO_FAULTS);
  rmSync(root, { recursive: true, force: true });
});

const anyFile = { what: 'a file', isOurs: () => true, force: false };

describe('folders made for an output', () => {
  it('lists the folders it created, outermost first, and none for a folder that exists', () => {
    mkdirSync(join(root, 'a'));
    expect(makeFolders(join(root, 'a', 'b', 'c'))).toEqual([join(root, 'a', 'b'), join(root, 'a', 'b', 'c')]);
    expect(makeFolders(join(root, 'a', 'b', 'c'))).toEqual([]);
  });

  it('removes only the empty ones, innermost first, and stops at one that holds something', () => {
    const made = makeFolders(join(root, 'a', 'b', 'c'));
    writeFileSync(join(root, 'a', 'other-process.txt'), 'x');
    removeFoldersMade(made);
    expect(readdirSync(join(root, 'a'))).toEqual(['other-process.txt']);
  });

  it('a failed folder output leaves none of the folders it made, and keeps the one that was there', async () => {
    const out = join(root, 'a', 'b', 'run');
    await expect(writeDirAtomic(out, { kind: 'run' }, () => { throw new Error('bad input'); })).rejects.toThrow('bad input');
    expect(readdirSync(root)).toEqual([]);
  });

  it('a failed folder output keeps a made folder another output wrote into meanwhile', async () => {
    const out = join(root, 'a', 'run');
    const build = (): void => {
      writeFileSync(join(root, 'a', 'users-notes.txt'), 'kept');
      throw new Error('bad input');
    };
    await expect(writeDirAtomic(out, { kind: 'run' }, build)).rejects.toThrow('bad input');
    expect(readdirSync(join(root, 'a'))).toEqual(['users-notes.txt']);
  });

  it('a failed single-file output leaves none of the folders it made', async () => {
    await expect(withOutputFile(join(root, 'd', 'e', 'f.arrow'), anyFile, () => { throw new Error('input missing'); })).rejects.toThrow('input missing');
    expect(readdirSync(root)).toEqual([]);
  });

  it('a single file whose write fails leaves none of the folders it made', () => {
    setFaultPlan(parseFaultPlan('ENOSPC@2', undefined)); // mkdir (1), write temp (2)
    expect(() => writeFileAtomic(join(root, 'x', 'y', 'f.json'), '{}')).toThrow('no space left on the device');
    expect(readdirSync(root)).toEqual([]);
  });

  it('an output folder refused when opened leaves none of the folders it made', () => {
    setFaultPlan(parseFaultPlan('ENOSPC@3', undefined)); // mkdir parent (1), lock temp (2), marker or folder (3)
    expect(() => openOutputFolder(join(root, 'p', 'q', 'sweep'), 'sweep', false, 'fresh')).toThrow('no space left on the device');
    expect(readdirSync(root)).toEqual([]);
  });

  it('a successful output keeps the folders it made', async () => {
    await writeDirAtomic(join(root, 'a', 'b', 'run'), { kind: 'run' }, (tmp) => writeFileSync(join(tmp, 'x.txt'), 'x'));
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['run']);
  });
});
