import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it.skipIf(!hasR)('matches R with a benchmark from another prices file, daily closes aligned to monthly equity', () => {
    // benchmark.prices: the S&P 500 daily closes; each month-start equity point takes the last
    // daily close at or before it (R: findInterval on benchmark.csv).
    const scenario = readFileSync(join(repo, 'scenarios/quickstart.yaml'), 'utf8')
      .replaceAll('../datasets/', `${join(repo, 'datasets')}/`)
      .replace('benchmark:\n  symbol: SPX\n', `benchmark:\n  symbol: SPX\n  prices: ${join(repo, 'datasets/data/sp500-daily/prices.arrow')}\n`);
    writeFileSync(join(dir, 'daily-bench.yaml'), scenario);
    const out = join(dir, 'daily-bench');
    const run = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), 'run', join(dir, 'daily-bench.yaml'), '--out', out, '--csv', '--no-report', '--quiet'], { cwd: repo, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const r = spawnSync('Rscript', [join(repo, 'test/reference/tearsheet_reference.R'), out], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const expected = (JSON.parse(r.stdout) as { expected: TearsheetExpected }).expected;
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as Record<string, unknown> & { benchmark: { n: number; prices: string } };
    expect(metrics.benchmark.prices).toMatch(/sp500-daily\/prices\.arrow$/);
    expect(metrics.benchmark.n).toBe(expected.benchmark_n);
    expect(tearsheetMismatches(metrics, expected)).toEqual([]);
  }, 180_000);
});
