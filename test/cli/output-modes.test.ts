import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTinyWorkspace, TINY_GENERATE } from '../helpers/tiny-workspace.js';

// bt builds each output under a temp name and renames it into place: what lands must have the
// modes any file the user creates has (0666 and 0777 less the umask), not a private temp's 0600.
const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-modes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs bt in `cwd` under `umask`; fails the test on a non-zero exit. */
function btUnder(umask: string, cwd: string, args: readonly string[]): void {
  const r = spawnSync('/bin/sh', ['-c', `umask ${umask} && exec "$0" "$@"`, process.execPath, join(repo, 'bin/bt.js'), ...args], { cwd, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

/** Every path under `root` (root included) with its permission bits, grouped by kind: 'd 750' -> paths. */
function modesUnder(root: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (p: string): void => {
    const s = statSync(p);
    const key = `${s.isDirectory() ? 'd' : 'f'} ${(s.mode & 0o777).toString(8)}`;
    (out[key] ??= []).push(relative(root, p) || '.');
    if (s.isDirectory()) for (const n of readdirSync(p)) add(join(p, n));
  };
  add(root);
  return out;
}

describe('output modes', () => {
  makeTinyWorkspace(dir);
  for (const [umask, file, folder] of [
    ['022', '644', '755'],
    ['027', '640', '750'],
    ['077', '600', '700'],
  ] as const) {
    it(`gives every file bt writes mode ${file} and every folder ${folder} under umask ${umask}: universe, run (nested --out, csv, governance), snapshot, sweep, import`, () => {
      const out = join(dir, `umask-${umask}`); // made by the first command, as its --out's parent
      btUnder(umask, dir, ['data', 'generate', '--seed', '5', '--out', join(out, 'universe'), ...TINY_GENERATE]);
      btUnder(umask, dir, ['run', 'tiny.yaml', '--out', join(out, 'nested', 'deeper', 'run'), '--quiet', '--csv', '--governance']);
      btUnder(umask, dir, ['run', 'tiny.yaml', '--stop-after', '2022-02-01', '--snapshot', join(out, 'snaps', 'tiny.snap'), '--quiet']);
      btUnder(umask, dir, ['sweep', 'tiny-sweep.yaml', '--out', join(out, 'sweep'), '--workers', '1', '--no-report']);
      btUnder(umask, dir, ['data', 'import', 'prices', 'p.csv', '--out', join(out, 'imported', 'p.arrow')]);
      const written = modesUnder(out);
      expect(Object.keys(written).sort()).toEqual([`d ${folder}`, `f ${file}`]);
      expect(written[`f ${file}`]).toEqual(expect.arrayContaining(['universe/prices.arrow', 'nested/deeper/run/events.arrow', 'nested/deeper/run/manifest.json', 'snaps/tiny.snap', 'sweep/results.csv', 'imported/p.arrow']));
      expect(written[`d ${folder}`]).toEqual(expect.arrayContaining(['.', 'universe', 'nested', 'nested/deeper', 'nested/deeper/run', 'snaps', 'sweep', 'imported']));
    }, 60_000);
  }
});
