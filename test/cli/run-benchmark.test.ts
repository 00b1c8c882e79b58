import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-run-benchmark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenarioWith(benchmark: string): string {
  const text = readFileSync(join(repo, 'scenarios/quickstart.yaml'), 'utf8').replaceAll('../datasets/', `${join(repo, 'datasets')}/`).replace('benchmark:\n  symbol: SPX\n', benchmark);
  const path = join(dir, 'q.yaml');
  writeFileSync(path, text);
  return path;
}

function run(scenario: string, out: string): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), 'run', scenario, '--out', out, '--quiet', '--no-report'], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

describe('bt run benchmark', () => {
  it('exits 2 listing the symbols of the prices file when the benchmark symbol has no prices, leaving no folder', () => {
    const r = run(scenarioWith('benchmark:\n  symbol: SPY\n'), join(dir, 'bad'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/q\.yaml: benchmark\.symbol: expected a symbol of .*real-stocks\/prices\.arrow \(AAPL, AMZN, GOOG, IBM, MSFT, SPX\), found 'SPY'/);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('writes null benchmark figures and no benchmark block without a benchmark', () => {
    const r = run(scenarioWith(''), join(dir, 'none'));
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'none', 'metrics.json'), 'utf8')) as Record<string, unknown>;
    expect(m['benchmark']).toBeNull();
    expect(m['beta']).toBeNull();
    expect(m['information_ratio']).toBeNull();
    expect(typeof m['omega']).toBe('number');
  });
});
