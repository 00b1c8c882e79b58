import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tearsheetMismatches, type TearsheetExpected } from '../engine/metrics/tearsheet-fixture.js';

// The acceptance: on a fresh quickstart run (S&P 500 benchmark), metrics.json matches
// R PerformanceAnalytics to 1e-9, R run by test/reference/tearsheet_reference.R on the run's
// own equity.csv and benchmark.csv. Skipped where R or its packages are not installed.
const repo = process.cwd();
const hasR = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages({library(PerformanceAnalytics); library(jsonlite)})'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'bt-tearsheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bt run metrics.json', () => {
  it.skipIf(!hasR)('matches R PerformanceAnalytics on a fresh quickstart run against the S&P 500', () => {
    const out = join(dir, 'quickstart');
    const run = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), 'run', 'scenarios/quickstart.yaml', '--out', out, '--csv', '--no-report', '--quiet'], { cwd: repo, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const r = spawnSync('Rscript', [join(repo, 'test/reference/tearsheet_reference.R'), out], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const expected = (JSON.parse(r.stdout) as { expected: TearsheetExpected }).expected;
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as Record<string, unknown> & { benchmark: { n: number } };
    expect(metrics.benchmark.n).toBe(expected.benchmark_n);
    expect(tearsheetMismatches(metrics, expected)).toEqual([]);
  }, 180_000);
});
