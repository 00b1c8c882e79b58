import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function node(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('examples/library/quickstart.mjs', () => {
  it('prints the metrics bt run --json prints for the same scenario', () => {
    const ex = node('examples/library/quickstart.mjs');
    expect(ex.code, ex.stderr).toBe(0);
    const printed = JSON.parse(ex.stdout.split('\n')[0] ?? '') as Record<string, number>;
    const cli = node(join(repo, 'bin/bt.js'), 'run', 'scenarios/quickstart.yaml', '--json', '--no-report', '--out', join(dir, 'run'));
    expect(cli.code, cli.stderr).toBe(0);
    const run = JSON.parse(cli.stdout) as Record<string, number>;
    expect(Object.keys(printed).sort()).toEqual(['final_equity', 'max_drawdown', 'sharpe', 'total_return']);
    for (const k of Object.keys(printed)) expect(printed[k], k).toBe(run[k]);
    expect(ex.stderr).toContain('|symbol|mean_weight|');
    expect(ex.stderr).toContain('pnl-weighted');
  });

  it('is the example docs/library.md shows', () => {
    expect(readFileSync('docs/library.md', 'utf8')).toContain(readFileSync('examples/library/quickstart.mjs', 'utf8').trimEnd());
  });
});
