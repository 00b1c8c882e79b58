import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runBt } from '../helpers/run-cli.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
// a scratch "repository root": the folders the examples read, linked; everything they write stays here
const root = mkdtempSync(join(tmpdir(), 'bt-help-examples-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const d of ['scenarios', 'datasets', 'test']) symlinkSync(join(REPO, d), join(root, d), 'dir');

/** Commands in the order their examples run: a later one reads what an earlier one wrote. */
const COMMANDS = ['run', 'replay', 'report', 'report lp', 'governance', 'compare', 'metrics', 'sweep', 'merge', 'parity', 'data import', 'data inspect', 'data generate', 'init'];

/** The example lines a command's --help prints, as printed (after "$ ", without a trailing "# comment"). */
function examplesOf(command: string): string[] {
  const help = runBt([...command.split(' '), '--help'], root);
  expect(help.code, help.stderr).toBe(0);
  const after = help.stdout.split("Examples (from the repository's root):\n")[1] ?? '';
  return after.split('\n').filter((l) => l.startsWith('  $ ')).map((l) => l.slice(4).replace(/\s+#.*$/, ''));
}

/** Splits a command line as a POSIX shell does for plain words and single-quoted ones (all the examples use). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? '');
  return words;
}

describe('bt help examples', () => {
  it('every command ends its --help with examples that run as pasted from the repository root (exit 0)', () => {
    let count = 0;
    for (const command of COMMANDS) {
      const lines = examplesOf(command);
      expect(lines.length, command).toBeGreaterThan(0);
      for (const line of lines) {
        const words = shellWords(line);
        expect(words.slice(0, 2), line).toEqual(['npx', 'bt']);
        const r = runBt(words.slice(2), root);
        expect({ line, code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ line, code: 0, stderr: '' });
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(COMMANDS.length);
    // what the examples say they write
    expect(existsSync(join(root, 'results/quickstart/report/index.html'))).toBe(true);
    expect(existsSync(join(root, 'results/sweeps/quickstart-sweep/results.csv'))).toBe(true);
    expect(existsSync(join(root, 'lp/lp_weekly_2005-W26.pdf'))).toBe(true);
  }, 180_000);

  it('lists every command that has an examples section, so a new command is added to this test', () => {
    const top = runBt(['--help'], root).stdout;
    const data = runBt(['data', '--help'], root).stdout;
    const names = (text: string): string[] => [...text.split('Commands:\n')[1]?.matchAll(/^ {2}(\w+)/gm) ?? []].map((m) => m[1] ?? '').filter((n) => n !== 'help');
    const all = [...names(top).filter((n) => n !== 'data'), 'report lp', ...names(data).map((n) => `data ${n}`)];
    expect([...all].sort()).toEqual([...COMMANDS].sort());
  });
});
