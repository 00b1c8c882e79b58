import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSweepReport } from '../../engine/report/write-sweep-report.js';
import { writeSweepFixture } from '../engine/report/sweep-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-chromium-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function node(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!existsSync(CHROMIUM))('chromium-check.mjs', () => {
  it('opens the run, sweep and compare reports with no console errors and every chart drawn', async () => {
    const run = join(dir, 'run');
    expect(node('bin/bt.js', 'run', 'scenarios/quickstart.yaml', '--out', run, '--quiet').code).toBe(0);
    expect(node('bin/bt.js', 'report', run, '--quiet').code).toBe(0);
    cpSync(run, join(dir, 'run-copy'), { recursive: true }); // bt compare takes each folder once
    expect(node('bin/bt.js', 'compare', run, join(dir, 'run-copy'), '--out', join(dir, 'cmp'), '--resamples', '100').code).toBe(0);
    writeSweepFixture(join(dir, 'sweep'));
    await writeSweepReport(join(dir, 'sweep'));
    const r = node('test/report/chromium-check.mjs', join(run, 'report', 'index.html'), join(dir, 'sweep', 'report', 'index.html'), join(dir, 'cmp', 'index.html'));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok .*run\/report\/index\.html: 9 charts rendered/);
    expect(r.stdout).toMatch(/ok .*sweep\/report\/index\.html: 5 charts rendered/);
    expect(r.stdout).toMatch(/ok .*cmp\/index\.html: 4 charts rendered/);
  });

  it('fails a page that logs a console error', () => {
    const bad = join(dir, 'bad.html');
    writeFileSync(bad, '<!DOCTYPE html><html><body><div id="chart-x" class="vega-chart"></div><script>console.error("boom")</script></body></html>');
    const r = node('test/report/chromium-check.mjs', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('console.error: boom');
  });
});
