import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBt, type CliResult } from '../helpers/run-cli.js';
import { ENGINE_VERSION } from '../../engine/io/manifest.js';

/**
 * A run folder from another bt version is refused by every command that reads one (its files'
 * layout may not be this bt's); one from another engine version of this bt is read, with a note
 * that its figures are that engine's (the hashes still prove the files are what it wrote).
 */

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-run-versions-'));
const bt = (...args: string[]): CliResult => runBt(args, repo);
const run = join(dir, 'run');

/** A copy of the run whose manifest.json has `edit` applied to its parsed object. */
function copyWithManifest(name: string, edit: (m: Record<string, unknown>) => void): string {
  const to = join(dir, name);
  cpSync(run, to, { recursive: true });
  const p = join(to, 'manifest.json');
  const m = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
  edit(m);
  writeFileSync(p, `${JSON.stringify(m, null, 2)}\n`);
  return to;
}

beforeAll(() => {
  const r = bt('run', 'scenarios/quickstart.yaml', '--out', run, '--quiet', '--no-report');
  expect(r.code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a run folder from another bt version', () => {
  const refusal = /manifest\.json: bt_version: expected 0\.1\.0 \(this bt\), found "0\.0\.9"\. Run the scenario again/;
  it('is refused by bt report, bt replay and bt compare, naming manifest.json (report and compare read it as this bt\'s before)', () => {
    const old = copyWithManifest('old-bt', (m) => {
      m['bt_version'] = '0.0.9';
    });
    for (const args of [['report', old], ['replay', old], ['compare', run, old, '--json'], ['report', 'lp', old, '--out', join(dir, 'lp-old')]]) {
      const r = bt(...args);
      expect([args[0], r.code]).toEqual([args[0], 2]);
      expect(r.stderr).toMatch(refusal);
    }
  });
});

describe('a run folder from another engine version of this bt', () => {
  const noteOf = (which: string): RegExp => new RegExp(`note: .*was computed by ${which}, not this bt's ${ENGINE_VERSION.replace(/\./g, '\\.')}: its figures are that engine's`);
  it('is read by bt report, bt replay, bt governance and bt report lp, each saying on stderr whose figures they are', () => {
    const older = copyWithManifest('older-engine', (m) => {
      m['engine_version'] = '2000-01-01.1';
    });
    for (const [cmd, args] of [
      ['report', ['report', older]],
      ['replay', ['replay', older]],
      ['governance', ['governance', older, '--out', join(dir, 'gov-older'), '--quiet']],
      ['report lp', ['report', 'lp', older, '--out', join(dir, 'lp-older'), '--quiet', '--format', 'md']],
    ] as const) {
      const r = bt(...args);
      expect([cmd, r.code]).toEqual([cmd, 0]);
      expect(r.stderr).toMatch(new RegExp(`^bt ${cmd}: ${noteOf('bt engine 2000-01-01\\.1').source}`, 'm'));
    }
  }, 60_000);

  it('names a run from before engine versions were recorded as such', () => {
    const unrecorded = copyWithManifest('unrecorded-engine', (m) => {
      delete m['engine_version'];
    });
    const r = bt('replay', unrecorded);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(noteOf('a bt engine from before engine versions were recorded'));
  });

  it('gives no note for a run of this engine', () => {
    for (const args of [['report', run], ['replay', run]]) {
      const r = bt(...args);
      expect([args[0], r.code, r.stderr]).toEqual([args[0], 0, '']);
    }
  });
});

describe('bt compare of one run folder named twice', () => {
  it('exits 2 whether the folder is spelled the same, another way or through a symlink (it was ranked against itself)', () => {
    symlinkSync(run, join(dir, 'run-link'));
    for (const [other, found] of [
      [run, `'${run}' twice`],
      [`${run}/`, `'${run}' and '${run}/', one folder`],
      [join(dir, 'run-link'), `'${run}' and '${join(dir, 'run-link')}', one folder`],
    ] as const) {
      const r = bt('compare', run, other);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`bt: bt compare DIR1 DIR2 ...: expected each run folder once, found ${found}\n`);
    }
  });
});
