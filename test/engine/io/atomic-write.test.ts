import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDirAtomic, writeFileAtomic } from '../../../engine/io/atomic-write.js';
import { BtEnvError } from '../../../engine/io/env-error.js';
import { NO_FAULTS, parseFaultPlan, setFaultPlan } from '../../../engine/io/output-fs.js';
import { OUTPUT_MARKER, outputMarkerText } from '../../../engine/io/output-kind.js';
import { BtInputError } from '../../../engine/core/errors.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bt-atomic-'));
});
afterEach(() => {
  setFaultPlan(NO_FAULTS);
  rmSync(root, { recursive: true, force: true });
});

/** A bt run folder holding a.txt = text. */
function oldRun(dir: string, text: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.txt'), text);
  writeFileSync(join(dir, OUTPUT_MARKER), outputMarkerText('run'));
}

/** A pid no process has: a child that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('writeDirAtomic', () => {
  it('builds in a temp sibling while the old folder stays whole, then swaps the new one in', async () => {
    const out = join(root, 'run');
    oldRun(out, 'old');
    await writeDirAtomic(out, { kind: 'run' }, (tmp) => {
      expect(tmp).not.toBe(out);
      writeFileSync(join(tmp, 'a.txt'), 'new');
      expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('old');
    });
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('new');
    expect(readdirSync(root)).toEqual(['run']);
    expect(JSON.parse(readFileSync(join(out, OUTPUT_MARKER), 'utf8'))).toEqual({ bt_version: '0.1.0', format: 2, kind: 'run', files: ['a.txt'] });
  });

  it('keeps the old folder and removes the temp folder when the build fails', async () => {
    const out = join(root, 'run');
    oldRun(out, 'old');
    const build = (tmp: string): void => {
      writeFileSync(join(tmp, 'a.txt'), 'half');
      throw new Error('build failed');
    };
    await expect(writeDirAtomic(out, { kind: 'run' }, build)).rejects.toThrow('build failed');
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('leaves nothing when a build of a new folder fails', async () => {
    await expect(writeDirAtomic(join(root, 'run'), { kind: 'run' }, () => { throw new Error('no'); })).rejects.toThrow('no');
    expect(readdirSync(root)).toEqual([]);
  });

  it('reports an injected ENOSPC as one environment error naming the output, and leaves the old folder and no temp', async () => {
    const out = join(root, 'run');
    oldRun(out, 'old');
    // write ops: mkdir parent (1), lock temp (2), mkdir temp (3), mkdir in writeFileAtomic (4), b.txt (5)
    setFaultPlan(parseFaultPlan('ENOSPC@5', undefined));
    const err: unknown = await writeDirAtomic(out, { kind: 'run' }, (tmp) => writeFileAtomic(join(tmp, 'b.txt'), 'x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BtEnvError);
    expect((err as BtEnvError).message).toBe(`${out}/b.txt: cannot write: no space left on the device (ENOSPC)`);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('puts the old folder back when renaming the new one in fails', async () => {
    const out = join(root, 'run');
    oldRun(out, 'old');
    // write ops: mkdir parent, lock temp, mkdir temp, marker, rename old aside (5), rename new in (6)
    setFaultPlan(parseFaultPlan('EACCES@6', undefined));
    await expect(writeDirAtomic(out, { kind: 'run' }, (tmp) => writeFileSync(join(tmp, 'a.txt'), 'new'))).rejects.toThrow(/permission denied/);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('refuses a non-empty folder bt did not write, naming it, and leaves it untouched', async () => {
    const out = join(root, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const err: unknown = await writeDirAtomic(out, { kind: 'run' }, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BtInputError);
    expect((err as Error).message).toBe(`${out}: expected an empty folder or a bt run folder to replace, found a folder bt did not write (1 entry: notes.txt). bt never deletes what it did not write: choose another --out, or pass --force to replace it`);
    expect(readdirSync(out)).toEqual(['notes.txt']);
    expect(readdirSync(root)).toEqual(['mine']);
  });

  it('refuses a bt output of another kind', async () => {
    const out = join(root, 'u');
    mkdirSync(out);
    writeFileSync(join(out, OUTPUT_MARKER), outputMarkerText('universe'));
    await expect(writeDirAtomic(out, { kind: 'run' }, () => undefined)).rejects.toThrow('found a bt universe folder');
  });

  it('replaces a folder bt did not write when forced', async () => {
    const out = join(root, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await writeDirAtomic(out, { kind: 'run', force: true }, (tmp) => writeFileSync(join(tmp, 'a.txt'), 'new'));
    expect(readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'a.txt']);
  });

  it('writes into an existing empty folder', async () => {
    const out = join(root, 'empty');
    mkdirSync(out);
    await writeDirAtomic(out, { kind: 'report' }, (tmp) => writeFileSync(join(tmp, 'index.html'), 'x'));
    expect(readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'index.html']);
  });

  it('refuses an output whose lock a live process holds', async () => {
    writeFileSync(join(root, '.bt-lock-run'), `${process.ppid}\n`);
    await expect(writeDirAtomic(join(root, 'run'), { kind: 'run' }, () => undefined)).rejects.toThrow(`found bt process ${process.ppid} writing it (lock .bt-lock-run)`);
    expect(readdirSync(root)).toEqual(['.bt-lock-run']);
  });

  it('refuses a second writer of the same output in this process while the first holds it, and takes a leftover lock with our own pid', async () => {
    const out = join(root, 'run');
    const calls: Promise<unknown>[] = [];
    await writeDirAtomic(out, { kind: 'run' }, (tmp) => {
      // a concurrent library call (two runScenario({ out }) under Promise.all): same pid, same temp folder name
      calls.push(writeDirAtomic(out, { kind: 'run' }, () => undefined).catch((err: unknown) => err));
      writeFileSync(join(tmp, 'a.txt'), 'first');
    });
    const refused = await calls[0];
    expect(refused).toBeInstanceOf(BtInputError);
    expect(String(refused)).toContain('found another call of this process writing it');
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('first');
    // a lock with our pid that no call of ours holds is a dead process's (pid reuse): taken over, as before
    writeFileSync(join(root, '.bt-lock-run'), `${process.pid}\n`);
    await writeDirAtomic(out, { kind: 'run' }, () => undefined);
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('takes over the lock of a dead process and releases it after', async () => {
    writeFileSync(join(root, '.bt-lock-run'), `${deadPid()}\n`);
    await writeDirAtomic(join(root, 'run'), { kind: 'run' }, () => undefined);
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('removes the temp folders of dead processes beside the output and keeps those of live ones', async () => {
    const dead = deadPid();
    mkdirSync(join(root, `.bt-tmp-${dead}-run`));
    writeFileSync(join(root, `.bt-tmp-${dead}-other.arrow`), 'x');
    mkdirSync(join(root, `.bt-tmp-${process.ppid}-run`));
    await writeDirAtomic(join(root, 'run'), { kind: 'run' }, () => undefined);
    expect(readdirSync(root).sort()).toEqual([`.bt-tmp-${process.ppid}-run`, 'run']);
  });

  it('restores an old folder a dead process left aside, then replaces it', async () => {
    const dead = deadPid();
    oldRun(join(root, `.bt-old-${dead}-run`), 'old');
    await writeDirAtomic(join(root, 'run'), { kind: 'run' }, (tmp) => {
      expect(readFileSync(join(root, 'run', 'a.txt'), 'utf8')).toBe('old');
      writeFileSync(join(tmp, 'a.txt'), 'new');
    });
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('removes an aside a dead process left after its new folder was in', async () => {
    const dead = deadPid();
    oldRun(join(root, `.bt-old-${dead}-run`), 'old');
    oldRun(join(root, 'run'), 'new');
    await writeDirAtomic(join(root, 'other'), { kind: 'run' }, () => undefined);
    expect(readdirSync(root).sort()).toEqual(['other', 'run']);
    expect(readFileSync(join(root, 'run', 'a.txt'), 'utf8')).toBe('new');
  });
});

describe('writeFileAtomic', () => {
  it('leaves neither the file nor a temp when the write fails', () => {
    setFaultPlan(parseFaultPlan('ENOSPC@2', undefined)); // mkdir parent (1), write temp (2)
    expect(() => writeFileAtomic(join(root, 'f.json'), '{}')).toThrow(`${join(root, 'f.json')}: cannot write: no space left on the device (ENOSPC)`);
    expect(readdirSync(root)).toEqual([]);
  });

  it('replaces the file whole', () => {
    writeFileAtomic(join(root, 'f.json'), 'a');
    writeFileAtomic(join(root, 'f.json'), 'b');
    expect(readFileSync(join(root, 'f.json'), 'utf8')).toBe('b');
    expect(existsSync(join(root, `.bt-tmp-${process.pid}-f.json`))).toBe(false);
  });
});
