import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { btLeftovers, btSync, makeTinyWorkspace, TINY_GENERATE, treeHashes } from '../helpers/tiny-workspace.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  makeTinyWorkspace(dir);
  const r = btSync(dir, ['run', 'tiny.yaml', '--out', 'base-run', '--quiet']);
  if (r.code !== 0) throw new Error(r.stderr);
});

/** A fresh folder under dir holding a user's file. */
function userFolder(name: string): string {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'notes.txt'), 'mine');
  return name;
}

/** A user's project folder under dir: the tiny scenario, its sweep and data, and a note of theirs. */
function projectFolder(name: string): string {
  const project = join(dir, name);
  mkdirSync(project);
  for (const f of ['tiny.yaml', 'tiny-sweep.yaml']) cpSync(join(dir, f), join(project, f));
  cpSync(join(dir, 'u'), join(project, 'u'), { recursive: true });
  writeFileSync(join(project, 'notes.txt'), 'mine');
  return project;
}

const REFUSED = (path: string, kind: string, found: string): string =>
  `bt: ${path}: expected an empty folder or a bt ${kind} folder to replace, found ${found}. bt never deletes what it did not write: choose another --out, or pass --force to replace it\n`;

/** One line, exit 4, naming `path` and the cause. */
function expectEnvFault(r: { code: number | null; stderr: string }, path: string, cause: string): void {
  expect(r.code, r.stderr).toBe(4);
  expect(r.stderr).toMatch(new RegExp(`^bt: ${path.replaceAll('/', '\\/').replaceAll('.', '\\.')}(\\/[^ ]+)?: cannot [a-z ]+: ${cause}\\n$`));
}

describe('bt run --out', () => {
  it('refuses a folder holding user files, naming it, and leaves them untouched (exit 2)', () => {
    const out = userFolder('mine-run');
    const r = btSync(dir, ['run', 'tiny.yaml', '--out', out, '--quiet', '--no-report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(REFUSED(out, 'run', 'a folder bt did not write (1 entry: notes.txt)'));
    expect(readdirSync(join(dir, out))).toEqual(['notes.txt']);
  });

  it('refuses a results folder holding earlier runs and empties nothing', () => {
    mkdirSync(join(dir, 'results'));
    cpSync(join(dir, 'base-run'), join(dir, 'results', 'earlier'), { recursive: true });
    const before = treeHashes(join(dir, 'results'));
    const r = btSync(dir, ['run', 'tiny.yaml', '--out', 'results', '--quiet', '--no-report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(REFUSED('results', 'run', 'a folder bt did not write (1 entry: earlier)'));
    expect(treeHashes(join(dir, 'results'))).toEqual(before);
  });

  it('replaces a user folder with --force', () => {
    const out = userFolder('forced-run');
    const r = btSync(dir, ['run', 'tiny.yaml', '--out', out, '--quiet', '--no-report', '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, out, 'notes.txt'))).toBe(false);
    expect(btSync(dir, ['replay', out]).code).toBe(0);
  });

  it('refuses the working directory (or one holding it) as --out before any work: the swap would rename it away', () => {
    const before = treeHashes(dir);
    for (const out of ['.', '..']) {
      const r = btSync(dir, ['run', 'tiny.yaml', '--out', out, '--quiet', '--no-report']);
      expect(r.code, out).toBe(2);
      expect(r.stderr, out).toMatch(/--out: expected a folder other than the working directory or one holding it \(bt swaps its output folder in whole\), found (the working directory|a folder holding the working directory)\. Choose a folder below it, such as results\/NAME\n$/);
    }
    expect(treeHashes(dir)).toEqual(before);
    const c = btSync(dir, ['compare', 'base-run', 'base-run', '--out', 'tiny.yaml']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/^bt: \S*tiny\.yaml: --out: expected a folder for the compare report, found a file\. Choose another --out\n$/);
  });

  it('replaces its own earlier run and leaves the files beside it alone', () => {
    mkdirSync(join(dir, 'side'));
    cpSync(join(dir, 'base-run'), join(dir, 'side', 'run'), { recursive: true });
    writeFileSync(join(dir, 'side', 'keep.txt'), 'mine');
    const r = btSync(dir, ['run', 'tiny.yaml', '--out', 'side/run', '--quiet', '--no-report']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'side')).sort()).toEqual(['keep.txt', 'run']);
  });

  it('refuses to replace its own earlier run once the user has put files into it (kept as they were), and replaces it with --force', () => {
    mkdirSync(join(dir, 'added'));
    cpSync(join(dir, 'base-run'), join(dir, 'added', 'run'), { recursive: true });
    mkdirSync(join(dir, 'added', 'run', 'notebook'));
    writeFileSync(join(dir, 'added', 'run', 'NOTES.md'), 'my notes');
    // what bt itself adds later is bt's: bt report's report/ and bt governance's notifications.jsonl
    expect(btSync(dir, ['report', 'added/run', '--quiet']).code).toBe(0);
    const r = btSync(dir, ['run', 'tiny.yaml', '--out', 'added/run', '--quiet', '--no-report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: added/run: expected a bt run folder holding only what bt wrote, to replace, found entries bt did not write (NOTES.md, notebook). bt never deletes what it did not write: move them out of the folder, choose another --out, or pass --force to replace the folder with them\n');
    expect(readFileSync(join(dir, 'added', 'run', 'NOTES.md'), 'utf8')).toBe('my notes');
    rmSync(join(dir, 'added', 'run', 'NOTES.md'));
    rmSync(join(dir, 'added', 'run', 'notebook'), { recursive: true });
    expect(btSync(dir, ['run', 'tiny.yaml', '--out', 'added/run', '--quiet', '--no-report']).code).toBe(0);
    writeFileSync(join(dir, 'added', 'run', 'NOTES.md'), 'my notes');
    expect(btSync(dir, ['run', 'tiny.yaml', '--out', 'added/run', '--quiet', '--no-report', '--force']).code).toBe(0);
    expect(existsSync(join(dir, 'added', 'run', 'NOTES.md'))).toBe(false);
  });

  it('refuses to replace its own earlier run once the user has put files into a folder bt wrote inside it (report/, governance/, a governance output\'s agents/), keeping them', () => {
    mkdirSync(join(dir, 'inner'));
    expect(btSync(dir, ['run', 'tiny.yaml', '--out', 'inner/run', '--quiet', '--governance']).code).toBe(0);
    expect(btSync(dir, ['governance', 'inner/run', '--out', 'inner/gov']).code).toBe(0);
    const cases: [string, string[], string][] = [
      ['inner/run/report/notes.md', ['run', 'tiny.yaml', '--out', 'inner/run', '--quiet', '--governance'], 'bt: inner/run: expected a bt run folder holding only what bt wrote, to replace, found entries bt did not write (report/notes.md)'],
      ['inner/run/governance/agents/mine.yaml', ['run', 'tiny.yaml', '--out', 'inner/run', '--quiet', '--governance'], 'bt: inner/run: expected a bt run folder holding only what bt wrote, to replace, found entries bt did not write (governance/agents/mine.yaml)'],
      ['inner/gov/agents/mine.yaml', ['governance', 'inner/run', '--out', 'inner/gov'], 'bt: inner/gov: expected a bt governance folder holding only what bt wrote, to replace, found entries bt did not write (agents/mine.yaml)'],
    ];
    for (const [file, args, message] of cases) {
      writeFileSync(join(dir, file), 'mine');
      const r = btSync(dir, args);
      expect(r.code, file).toBe(2);
      expect(r.stderr.split('. bt never')[0], file).toBe(message);
      expect(readFileSync(join(dir, file), 'utf8'), file).toBe('mine');
      rmSync(join(dir, file));
      expect(btSync(dir, args).code, file).toBe(0); // bt's own nested files alone: replaced as before
    }
  });

  it('refuses a second process writing the same --out (exit 2) and takes over the lock once the first is dead', async () => {
    const first = spawn(process.execPath, [join(repo, 'bin/bt.js'), 'run', 'tiny.yaml', '--out', 'locked', '--quiet', '--no-report'], { cwd: dir, env: { ...process.env, BT_FAULT_PAUSE: 'locked' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<void>((res) => first.on('exit', () => res()));
    await new Promise<void>((res) => first.stderr.on('data', (d: Buffer) => d.toString().includes('fault pause at locked') && res()));
    const second = btSync(dir, ['run', 'tiny.yaml', '--out', 'locked', '--quiet', '--no-report']);
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(`bt: locked: expected no other bt process writing this output, found bt process ${first.pid} writing it (lock .bt-lock-locked). Wait for it to finish, or choose another --out\n`);
    first.kill('SIGKILL');
    await exited;
    const third = btSync(dir, ['run', 'tiny.yaml', '--out', 'locked', '--quiet', '--no-report']);
    expect(third.code, third.stderr).toBe(0);
    expect(btLeftovers(dir)).toEqual([]);
  });

  it.each([2, 4, 9, 13])('reports an injected ENOSPC at write %i in one line (exit 4) and keeps the old run, no temp (2: taking the lock)', (k) => {
    cpSync(join(dir, 'base-run'), join(dir, `enospc-${k}`), { recursive: true });
    const before = treeHashes(join(dir, `enospc-${k}`));
    const r = btSync(dir, ['run', 'tiny.yaml', '--out', `enospc-${k}`, '--quiet', '--no-report'], { BT_FAULT_INJECT: `ENOSPC@${k}` });
    expectEnvFault(r, `enospc-${k}`, 'no space left on the device \\(ENOSPC\\)');
    expect(treeHashes(join(dir, `enospc-${k}`))).toEqual(before);
    expect(btLeftovers(dir)).toEqual([]);
  });

  it('reports an injected EACCES in one line (exit 4) and leaves nothing', () => {
    const r = btSync(dir, ['run', 'tiny.yaml', '--out', 'nested/eacces', '--quiet', '--no-report'], { BT_FAULT_INJECT: 'EACCES@6' });
    expectEnvFault(r, 'nested/eacces', 'permission denied \\(EACCES\\)');
    expect(existsSync(join(dir, 'nested'))).toBe(false); // the folder it made for --out is removed with the rest
  });

  it('names a symbolic link as --out as a link, not as a file, and leaves it and its target alone, --force or not', () => {
    mkdirSync(join(dir, 'link-target'));
    writeFileSync(join(dir, 'link-target', 'keep.txt'), 'mine');
    symlinkSync('link-target', join(dir, 'out-link'));
    for (const force of [[], ['--force']]) {
      const r = btSync(dir, ['run', 'tiny.yaml', '--out', 'out-link', '--quiet', '--no-report', ...force]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('bt: out-link: expected a folder for the run output, found a symbolic link (bt does not write through it). Choose another --out, or give the folder it points to\n');
    }
    expect(readlinkSync(join(dir, 'out-link'))).toBe('link-target');
    expect(readdirSync(join(dir, 'link-target'))).toEqual(['keep.txt']);
  });

  it('reports --out under a file in one line (exit 4)', () => {
    writeFileSync(join(dir, 'plain-file'), 'x');
    const r = btSync(dir, ['run', 'tiny.yaml', '--out', 'plain-file/run', '--quiet', '--no-report']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('bt: plain-file/run: cannot create a folder: a file is in the way (a folder was expected) (EEXIST)\n');
  });

  // skipped as root: root writes into a 0o555 folder, so no EACCES can be provoked this way
  it.skipIf(process.getuid?.() === 0)('reports a read-only folder as permission denied, not as a missing file', () => {
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o555);
    const r = btSync(dir, ['run', 'tiny.yaml', '--out', 'ro/run', '--quiet', '--no-report']);
    chmodSync(join(dir, 'ro'), 0o755);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^bt: ro\/run: cannot write: permission denied \(EACCES\)\n$/);
    expect(readdirSync(join(dir, 'ro'))).toEqual([]);
  });

  it('refuses to overwrite a --snapshot file that is not a snapshot, and reports a failing snapshot write (exit 4)', () => {
    writeFileSync(join(dir, 'notes.snap'), 'mine');
    const r = btSync(dir, ['run', 'tiny.yaml', '--stop-after', '2022-02-01', '--snapshot', 'notes.snap', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: notes.snap: expected no file, or a bt snapshot to replace, found another file. bt never overwrites what it did not write: choose another path, or pass --force to replace it\n');
    expect(readFileSync(join(dir, 'notes.snap'), 'utf8')).toBe('mine');
    mkdirSync(join(dir, 'snaps'));
    const f = btSync(dir, ['run', 'tiny.yaml', '--stop-after', '2022-02-01', '--snapshot', 'snaps/s.snap', '--quiet'], { BT_FAULT_INJECT: 'ENOSPC@4' });
    expectEnvFault(f, 'snaps/s.snap', 'no space left on the device \\(ENOSPC\\)');
    expect(readdirSync(join(dir, 'snaps'))).toEqual([]);
  });
});

describe('bt sweep --out', () => {
  it('refuses a folder holding user files (exit 2) and leaves them untouched', () => {
    const out = userFolder('mine-sweep');
    const r = btSync(dir, ['sweep', 'tiny-sweep.yaml', '--out', out, '--workers', '1', '--quiet', '--no-report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(REFUSED(out, 'sweep', 'a folder bt did not write (1 entry: notes.txt)'));
    expect(readdirSync(join(dir, out))).toEqual(['notes.txt']);
  });

  it('builds a fresh sweep over an earlier one beside it: a failure at any write leaves the earlier sweep whole (journal, tables, report), success replaces it whole', () => {
    const first = btSync(dir, ['sweep', 'tiny-sweep.yaml', '--out', 'replaced/over', '--workers', '1', '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    const before = treeHashes(join(dir, 'replaced/over'));
    writeFileSync(join(dir, 'other-sweep.yaml'), readFileSync(join(dir, 'tiny-sweep.yaml'), 'utf8').replace('name: tiny-sweep', 'name: other-sweep').replace('[0.05, 0.2]', '[0.1, 0.3]'));
    for (const k of [3, 8, 15, 30, 60]) {
      const r = btSync(dir, ['sweep', 'other-sweep.yaml', '--out', 'replaced/over', '--workers', '1', '--quiet'], { BT_FAULT_INJECT: `ENOSPC@${k}` });
      expect(r.code, `ENOSPC@${k}: ${r.stderr}`).toBe(4);
      expect(r.stderr, `ENOSPC@${k}`).toMatch(/^bt: replaced\/over(\/[^ ]+)?: cannot [a-z ]+: no space left on the device \(ENOSPC\)\n$/); // --out named, not 'an output path'
      expect(treeHashes(join(dir, 'replaced/over')), `ENOSPC@${k}`).toEqual(before);
      expect(btLeftovers(join(dir, 'replaced'))).toEqual([]);
      // the earlier sweep's journal is still its own: --resume of it finds every configuration done
      const resumed = btSync(dir, ['sweep', 'tiny-sweep.yaml', '--out', 'replaced/over', '--resume', '--workers', '1', '--no-report']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).toMatch(/all 4 already in the journal/);
    }
    const ok = btSync(dir, ['sweep', 'other-sweep.yaml', '--out', 'replaced/over', '--workers', '1', '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'replaced/over/summary.json'), 'utf8')).sweep).toBe('other-sweep');
    expect(btLeftovers(join(dir, 'sweeps'))).toEqual([]);
  });

  it('refuses . and .. as a sweep or scenario name (results/. is results itself)', () => {
    writeFileSync(join(dir, 'dot.yaml'), readFileSync(join(dir, 'tiny.yaml'), 'utf8').replace('name: tiny', 'name: ..'));
    const r = btSync(dir, ['run', 'dot.yaml', '--quiet', '--no-report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dot\.yaml:1: name: expected a string made of a-z, 0-9, '\.', '_' and '-', other than '\.' and '\.\.' \(a folder name\), found '\.\.'/);
  });

  it('refuses, even with --force, to replace a folder holding its own sweep file, base scenario or data, or the working directory, leaving them untouched', () => {
    // a project folder: the sweep file, its base and its data inside; --out naming the folder itself
    const project = projectFolder('sweep-project');
    const before = treeHashes(project);
    const outside = btSync(dir, ['sweep', 'sweep-project/tiny-sweep.yaml', '--out', 'sweep-project', '--force', '--workers', '1', '--quiet', '--no-report']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^bt: \S*sweep-project\/tiny-sweep\.yaml: expected an input outside the output folder sweep-project \(replacing that folder would delete it\), found a file inside it/);
    const inside = btSync(project, ['sweep', 'tiny-sweep.yaml', '--out', '.', '--force', '--workers', '1', '--quiet', '--no-report']);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/--out: expected a folder other than the working directory or one holding it/);
    expect(treeHashes(project)).toEqual(before);
  });

  it('reports an injected ENOSPC before any configuration finished in one line (exit 4) and leaves no folder', () => {
    const r = btSync(dir, ['sweep', 'tiny-sweep.yaml', '--out', 'sweeps/full', '--workers', '1', '--quiet', '--no-report'], { BT_FAULT_INJECT: 'ENOSPC@6' });
    expectEnvFault(r, 'sweeps/full', 'no space left on the device \\(ENOSPC\\)');
    expect(readdirSync(join(dir, 'sweeps'))).toEqual([]);
  });
});

describe('bt merge --out', () => {
  it('refuses, even with --force, the working directory, a shard folder or a folder holding one: the swap would delete them (it emptied a project folder)', () => {
    const project = projectFolder('merge-project');
    for (const s of ['1/2', '2/2']) {
      const r = btSync(project, ['sweep', 'tiny-sweep.yaml', '--shard', s, '--out', `shards/s${s[0]}`, '--workers', '1', '--quiet', '--no-report']);
      expect(r.code, r.stderr).toBe(0);
    }
    const before = treeHashes(project);
    const cases: [string[], RegExp][] = [
      [['--out', '.', '--force'], /--out: expected a folder other than the working directory or one holding it/],
      [['--out', 'shards', '--force'], /shards\/s1: expected an input outside the output folder shards \(replacing that folder would delete it\), found a folder inside it/],
      [['--out', 'shards/s1'], /shards\/s1: expected an input outside the output folder shards\/s1 \(replacing that folder would delete it\), found the output folder itself/],
    ];
    for (const [args, message] of cases) {
      const r = btSync(project, ['merge', 'shards/s1', 'shards/s2', ...args, '--quiet', '--no-report']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(treeHashes(project), args.join(' ')).toEqual(before);
    }
    const ok = btSync(project, ['merge', 'shards/s1', 'shards/s2', '--out', 'merged', '--quiet', '--no-report']);
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('--out . in an empty working directory', () => {
  it('writes a new sweep and a merge there, its lock beside the folder: the lock was taken inside it (./.bt-lock-.) and the folder refused as holding it', () => {
    for (const s of ['1/2', '2/2']) expect(btSync(dir, ['sweep', 'tiny-sweep.yaml', '--shard', s, '--out', `dot-shards/s${s[0]}`, '--workers', '1', '--quiet', '--no-report']).code).toBe(0);
    const whole = btSync(dir, ['sweep', 'tiny-sweep.yaml', '--out', 'dot-whole', '--workers', '1', '--quiet', '--no-report']);
    expect(whole.code, whole.stderr).toBe(0);
    for (const [name, args] of [
      ['dot-sweep', ['sweep', join(dir, 'tiny-sweep.yaml'), '--workers', '1']],
      ['dot-merge', ['merge', join(dir, 'dot-shards/s1'), join(dir, 'dot-shards/s2')]],
    ] as const) {
      mkdirSync(join(dir, 'dot-parent', name), { recursive: true });
      const r = btSync(join(dir, 'dot-parent', name), [...args, '--out', '.', '--quiet', '--no-report']);
      expect(r.stderr, name).toBe('');
      expect(r.code, name).toBe(0);
      // the unsharded sweep's tables, and nothing of bt's left beside or inside
      for (const f of ['results.csv', 'summary.json', 'manifest.json']) expect(readFileSync(join(dir, 'dot-parent', name, f), 'utf8'), `${name} ${f}`).toBe(readFileSync(join(dir, 'dot-whole', f), 'utf8'));
      expect(readdirSync(join(dir, 'dot-parent', name)).filter((e) => e.startsWith('.bt-') && e !== '.bt-output.json'), name).toEqual([]);
    }
    expect(readdirSync(join(dir, 'dot-parent')).sort()).toEqual(['dot-merge', 'dot-sweep']);
  });
});

describe('bt report', () => {
  it('reports an injected ENOSPC in one line (exit 4) and keeps the old report, no temp', () => {
    cpSync(join(dir, 'base-run'), join(dir, 'report-run'), { recursive: true });
    const before = treeHashes(join(dir, 'report-run'));
    const r = btSync(dir, ['report', 'report-run', '--quiet'], { BT_FAULT_INJECT: 'ENOSPC@5' });
    expectEnvFault(r, 'report-run/report', 'no space left on the device \\(ENOSPC\\)');
    expect(treeHashes(join(dir, 'report-run'))).toEqual(before);
  });
});

describe('bt report (locking)', () => {
  it('takes the run folder\'s lock: while a bt run replaces the folder, bt report is refused (exit 2) and writes nothing', async () => {
    cpSync(join(dir, 'base-run'), join(dir, 'report-locked'), { recursive: true });
    const before = treeHashes(join(dir, 'report-locked'));
    const holder = spawn(process.execPath, [join(repo, 'bin/bt.js'), 'run', 'tiny.yaml', '--out', 'report-locked', '--quiet', '--no-report'], { cwd: dir, env: { ...process.env, BT_FAULT_PAUSE: 'locked' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<void>((res) => holder.on('exit', () => res()));
    await new Promise<void>((res) => holder.stderr.on('data', (d: Buffer) => d.toString().includes('fault pause at locked') && res()));
    const r = btSync(dir, ['report', 'report-locked', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/report-locked: expected no other bt process writing this folder while it is read, found bt process \d+ writing it \(lock \.bt-lock-report-locked\)\. Wait for it to finish, then run this again\n$/);
    expect(treeHashes(join(dir, 'report-locked'))).toEqual(before);
    holder.kill('SIGKILL');
    await exited;
  });
});

describe('bt data generate --out', () => {
  it('refuses a folder holding user files (exit 2), and replaces it with --force', () => {
    const out = userFolder('mine-universe');
    const r = btSync(dir, ['data', 'generate', '--seed', '1', '--out', out, ...TINY_GENERATE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(REFUSED(out, 'universe', 'a folder bt did not write (1 entry: notes.txt)'));
    expect(readdirSync(join(dir, out))).toEqual(['notes.txt']);
    const f = btSync(dir, ['data', 'generate', '--seed', '1', '--out', out, '--force', ...TINY_GENERATE]);
    expect(f.code, f.stderr).toBe(0);
    expect(existsSync(join(dir, out, 'notes.txt'))).toBe(false);
  });

  it('refuses --prices inside the folder it would replace (the swap would delete its own input), keeping it', () => {
    cpSync(join(dir, 'u'), join(dir, 'self'), { recursive: true });
    const before = treeHashes(join(dir, 'self'));
    const r = btSync(dir, ['data', 'generate', '--seed', '2', '--out', 'self', '--prices', 'self/prices.arrow']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: self/prices.arrow: expected an input outside the output folder self (replacing that folder would delete it), found a file inside it. Move it out of the folder, or choose another --out\n');
    expect(treeHashes(join(dir, 'self'))).toEqual(before);
  });

  it('refuses a bt run folder: another kind of output', () => {
    const r = btSync(dir, ['data', 'generate', '--seed', '1', '--out', 'base-run', ...TINY_GENERATE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(REFUSED('base-run', 'universe', 'a bt run folder'));
  });

  it('reports an injected ENOSPC in one line (exit 4) and keeps the old universe, no temp', () => {
    cpSync(join(dir, 'u'), join(dir, 'gen', 'u'), { recursive: true });
    const before = treeHashes(join(dir, 'gen'));
    const r = btSync(dir, ['data', 'generate', '--seed', '2', '--out', 'gen/u', ...TINY_GENERATE], { BT_FAULT_INJECT: 'ENOSPC@6' });
    expectEnvFault(r, 'gen/u', 'no space left on the device \\(ENOSPC\\)');
    expect(treeHashes(join(dir, 'gen'))).toEqual(before);
  });
});

describe('bt data import --out', () => {
  it('refuses to overwrite a file that is not Arrow (exit 2), and replaces an Arrow file', () => {
    cpSync(join(dir, 'p.csv'), join(dir, 'p-copy.csv'));
    const r = btSync(dir, ['data', 'import', 'prices', 'p.csv', '--out', 'p-copy.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: p-copy.csv: expected no file, or a prices Arrow file bt wrote to replace, found another file. bt never overwrites what it did not write: choose another path, or pass --force to replace it\n');
    expect(readFileSync(join(dir, 'p-copy.csv'), 'utf8')).toBe(readFileSync(join(dir, 'p.csv'), 'utf8'));
    expect(btSync(dir, ['data', 'import', 'prices', 'p.csv', '--out', 'p.arrow']).code).toBe(0);
    const again = btSync(dir, ['data', 'import', 'prices', 'p.csv', '--out', 'p.arrow']);
    expect(again.code, again.stderr).toBe(0);
    // another tool's Arrow file (no bt.kind metadata) is the user's: refused, kept; --force replaces it
    const foreign = tableToIPC(tableFromArrays({ x: Float64Array.from([1, 2]) }), 'file');
    writeFileSync(join(dir, 'theirs.arrow'), foreign);
    const refused = btSync(dir, ['data', 'import', 'prices', 'p.csv', '--out', 'theirs.arrow']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('bt: theirs.arrow: expected no file, or a prices Arrow file bt wrote to replace, found another file. bt never overwrites what it did not write: choose another path, or pass --force to replace it\n');
    expect(Buffer.from(readFileSync(join(dir, 'theirs.arrow'))).equals(Buffer.from(foreign))).toBe(true);
    expect(btSync(dir, ['data', 'import', 'prices', 'p.csv', '--out', 'theirs.arrow', '--force']).code).toBe(0);
  });

  it('replaces a dataset only with one of its kind: findings over the prices, or over a run folder\'s events.arrow, are refused by name and left as they were', () => {
    expect(btSync(dir, ['data', 'import', 'prices', 'p.csv', '--out', 'kind-p.arrow']).code).toBe(0);
    const prices = Buffer.from(readFileSync(join(dir, 'kind-p.arrow')));
    writeFileSync(join(dir, 'f.csv'), 'ts,agent,symbol,severity,confidence\n2022-01-03T00:00:00Z,a1,S1,HIGH,0.8\n');
    const r = btSync(dir, ['data', 'import', 'findings', 'f.csv', '--out', 'kind-p.arrow']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: kind-p.arrow: expected no file, or a findings Arrow file bt wrote to replace, found a bt prices file. bt does not replace one kind of file with another: choose another path, or pass --force to replace it\n');
    expect(Buffer.from(readFileSync(join(dir, 'kind-p.arrow'))).equals(prices)).toBe(true);
    expect(btSync(dir, ['run', 'tiny.yaml', '--out', 'kind-run', '--quiet', '--no-report']).code).toBe(0);
    const events = Buffer.from(readFileSync(join(dir, 'kind-run', 'events.arrow')));
    const overRun = btSync(dir, ['data', 'import', 'prices', 'p.csv', '--out', 'kind-run/events.arrow']);
    expect(overRun.code).toBe(2);
    expect(overRun.stderr).toMatch(/found a bt events file\. /);
    expect(Buffer.from(readFileSync(join(dir, 'kind-run', 'events.arrow'))).equals(events)).toBe(true);
    expect(btSync(dir, ['data', 'import', 'findings', 'f.csv', '--out', 'kind-p.arrow', '--force']).code).toBe(0);
  });

  it('refuses a folder as --out (exit 2)', () => {
    const r = btSync(dir, ['data', 'import', 'prices', 'p.csv', '--out', 'u']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: u: expected a file path for a prices Arrow file bt wrote, found a folder. Choose another --out\n');
  });

  it('refuses a folder as --snapshot (exit 2), naming that option in the hint', () => {
    const r = btSync(dir, ['run', 'tiny.yaml', '--stop-after', '2022-02-01', '--snapshot', 'u']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: u: expected a file path for a bt snapshot, found a folder. Choose another --snapshot\n');
  });

  it.each(['ENOSPC@4', 'EACCES@5'])('reports an injected %s in one line (exit 4) and leaves nothing', (fault) => {
    mkdirSync(join(dir, `imp-${fault}`));
    const r = btSync(dir, ['data', 'import', 'prices', 'p.csv', '--out', `imp-${fault}/p.arrow`], { BT_FAULT_INJECT: fault });
    expectEnvFault(r, `imp-${fault}/p.arrow`, fault.startsWith('ENOSPC') ? 'no space left on the device \\(ENOSPC\\)' : 'permission denied \\(EACCES\\)');
    expect(readdirSync(join(dir, `imp-${fault}`))).toEqual([]);
  });
});
