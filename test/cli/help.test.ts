import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/built-cli.js';

// The fixtures are what `bt ... --help` printed before commands were loaded on demand
// (engine/cli/main.ts, aedc95b): a lazily loaded command must describe itself the same way.
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(REPO, 'test', 'fixtures', 'cli-help');

interface Spawned {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function bt(args: readonly string[]): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli(REPO), ...args], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

const helpFiles = readdirSync(FIXTURES).filter((f) => f.startsWith('bt')).sort();

describe('bt --help', () => {
  it('prints every command help as before, word for word', async () => {
    expect(helpFiles.length).toBe(16);
    const runs = await Promise.all(helpFiles.map((f) => bt([...f.replace(/\.txt$/, '').split('-').slice(1), '--help'])));
    runs.forEach((r, i) => {
      const f = helpFiles[i] as string;
      expect({ f, code: r.code, stderr: r.stderr }).toEqual({ f, code: 0, stderr: '' });
      expect(r.stdout).toBe(fixture(f));
    });
  });

  it('prints usage errors as before, with exit code 2', async () => {
    const cases: [string, string[]][] = [
      ['error-bt-run-missing-argument.txt', ['run']],
      ['error-bt-unknown-command.txt', ['bogus']],
      ['error-bt-run-unknown-option.txt', ['run', 'x.yaml', '--bogus']],
    ];
    const runs = await Promise.all(cases.map(([, args]) => bt(args)));
    runs.forEach((r, i) => {
      const [f] = cases[i] as [string, string[]];
      expect({ f, code: r.code, stdout: r.stdout }).toEqual({ f, code: 2, stdout: '' });
      expect(r.stderr).toBe(fixture(f));
    });
  });

  it('prints the version', async () => {
    const r = await bt(['--version']);
    expect([r.code, r.stdout]).toEqual([0, '0.1.0\n']);
  });
});
