import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSweepFixture } from '../engine/report/sweep-fixture.js';
import { runBt, type CliResult } from '../helpers/run-cli.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bt = (...args: string[]): CliResult => runBt(args, repo);

const RUN_CHARTS = ['allocation-by-agent', 'allocation-by-symbol', 'decay-multipliers', 'equity-drawdown', 'kill-events', 'monthly-returns', 'rolling-sharpe', 'underwater', 'yearly-returns'];
const runDir = join(dir, 'run');

beforeAll(() => {
  const r = bt('run', 'scenarios/quickstart.yaml', '--out', runDir, '--quiet');
  expect(r.code, r.stderr).toBe(0);
});

describe('bt report', () => {
  it('builds a run folder report: index.html, a .vl.json and an .svg per chart', () => {
    const r = bt('report', runDir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bt report: run report in .*report\/ \(index\.html/);
    const files = readdirSync(join(runDir, 'report')).sort();
    expect(files).toEqual(['.bt-output.json', 'index.html', ...RUN_CHARTS.flatMap((c) => [`${c}.svg`, `${c}.vl.json`])].sort());
    const html = readFileSync(join(runDir, 'report', 'index.html'), 'utf8');
    for (const c of RUN_CHARTS) expect(html).toContain(`id="chart-${c}"`);
    const body = html.slice(html.indexOf('</head>')); // the inlined libraries mention NaN themselves
    expect(/NaN|\/work\/|\/tmp\//.test(body)).toBe(false);
  });

  it('prints every instant of an hourly run with its time of day (UTC), its midnights too: header, tooltips, drawdown episodes, metrics.json', () => {
    const hourly = join(dir, 'hourly');
    mkdirSync(hourly);
    expect(runBt(['data', 'generate', '--seed', '5', '--out', 'u', '--agents', '6', '--symbols', '3', '--start', '2022-01-01', '--end', '2022-01-06', '--freq', '1h'], hourly).code).toBe(0);
    writeFileSync(join(hourly, 'h.yaml'), ['name: hourly', 'seed: 3', 'data:', '  findings: u/findings.arrow', '  prices: u/prices.arrow', '  agents: u/agents.arrow', '  kill_list: u/kill_list.yaml', 'clock:', '  cadence: 1h', 'allocator:', '  variant: risk-penalized', ''].join('\n'));
    const r = runBt(['run', 'h.yaml', '--out', 'run', '--quiet'], hourly);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(hourly, 'run', 'report', 'index.html'), 'utf8');
    expect(html).toMatch(/run 2022-01-0\d \d\d:\d\d \.\. 2022-01-0\d \d\d:\d\d UTC; equity 2022-01-0\d \d\d:\d\d \.\. 2022-01-06 23:00 UTC \(\d+ points\)/);
    const dates = (chart: string, key: string): string[] => [...readFileSync(join(hourly, 'run', 'report', `${chart}.vl.json`), 'utf8').matchAll(new RegExp(`"${key}": "([^"]*)"`, 'g'))].map((m) => m[1] as string);
    const tooltips = dates('equity-drawdown', 'date');
    expect(tooltips.length).toBeGreaterThan(100);
    for (const d of tooltips) expect(d).toMatch(/^2022-01-0\d \d\d:00$/);
    expect(tooltips).toContain('2022-01-03 00:00'); // not a bare '2022-01-03', which reads as the whole day
    const periods = dates('underwater', 'period');
    expect(periods.length).toBeGreaterThan(0);
    for (const p of periods) expect(p).toMatch(/^2022-01-0\d \d\d:00 \.\. (2022-01-0\d \d\d:00|open), \d+ periods$/);
    const m = JSON.parse(readFileSync(join(hourly, 'run', 'metrics.json'), 'utf8')) as { drawdowns: { from: string; trough: string; to: string | null }[] };
    for (const row of m.drawdowns) for (const d of [row.from, row.trough, row.to ?? '2022-01-01T00:00Z']) expect(d).toMatch(/^2022-01-0\dT\d\d:00Z$/);
  });

  it('rebuilds identical bytes in any time zone (a date in an SVG was the local day: a day early west of UTC)', () => {
    const charts = (): string[] => RUN_CHARTS.map((c) => readFileSync(join(runDir, 'report', `${c}.svg`), 'utf8'));
    expect(runBt(['report', runDir, '--quiet'], repo, { TZ: 'UTC' }).code).toBe(0);
    const utc = charts();
    for (const TZ of ['America/New_York', 'Pacific/Chatham']) {
      expect(runBt(['report', runDir, '--quiet'], repo, { TZ }).code).toBe(0);
      expect(charts()).toEqual(utc);
    }
  });

  it('rebuilds identical bytes', () => {
    const before = RUN_CHARTS.map((c) => readFileSync(join(runDir, 'report', `${c}.svg`), 'utf8') + readFileSync(join(runDir, 'report', `${c}.vl.json`), 'utf8'));
    const html = readFileSync(join(runDir, 'report', 'index.html'), 'utf8');
    expect(bt('report', runDir, '--quiet').code).toBe(0);
    expect(RUN_CHARTS.map((c) => readFileSync(join(runDir, 'report', `${c}.svg`), 'utf8') + readFileSync(join(runDir, 'report', `${c}.vl.json`), 'utf8'))).toEqual(before);
    expect(readFileSync(join(runDir, 'report', 'index.html'), 'utf8')).toBe(html);
  });

  it("refuses to replace a report/ folder bt did not write, with a hint bt report can follow (it has no --out or --force)", () => {
    const copy = join(dir, 'run-user-report');
    cpSync(runDir, copy, { recursive: true });
    rmSync(join(copy, 'report'), { recursive: true });
    mkdirSync(join(copy, 'report'));
    writeFileSync(join(copy, 'report', 'my-notes.md'), 'mine');
    const r = bt('report', copy);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/run-user-report\/report: expected an empty folder or a bt report folder to replace, found a folder bt did not write \(1 entry: my-notes\.md\)\. bt never deletes what it did not write: move that report folder out of the way, then build the report again\n$/);
    expect(readdirSync(join(copy, 'report'))).toEqual(['my-notes.md']);
  });

  it('refuses a report/ folder bt wrote that the user added a file to, with the hint bt report can follow (it offered --force, which bt report has not)', () => {
    const copy = join(dir, 'run-report-notes');
    cpSync(runDir, copy, { recursive: true });
    writeFileSync(join(copy, 'report', 'my-notes.md'), 'mine');
    const r = bt('report', copy);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/run-report-notes\/report: expected a bt report folder holding only what bt wrote, to replace, found entries bt did not write \(my-notes\.md\)\. bt never deletes what it did not write: move that report folder out of the way, then build the report again\n$/);
    expect(readFileSync(join(copy, 'report', 'my-notes.md'), 'utf8')).toBe('mine');
  });

  it('builds a sweep folder report with heatmaps over the chosen parameters', () => {
    const sweep = join(dir, 'sweep');
    writeSweepFixture(sweep);
    const r = bt('report', sweep, '--x', 'targets.cash_buffer', '--y', 'allocator.max_agent_weight');
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(join(sweep, 'report')).filter((f) => f.endsWith('.vl.json')).sort();
    expect(files).toEqual(['sweep-heatmap-max-drawdown.vl.json', 'sweep-heatmap-sharpe.vl.json', 'sweep-pareto.vl.json', 'sweep-sensitivity.vl.json', 'sweep-top-equity.vl.json']);
    const spec = JSON.parse(readFileSync(join(sweep, 'report', 'sweep-heatmap-sharpe.vl.json'), 'utf8')) as { encoding: { x: { title: string } }; data: { values: { x: string; y: string; value: number }[] } };
    expect(spec.encoding.x.title).toBe('targets.cash_buffer');
    // sharpe = 10a - b at a = 0.2, b = 0.1
    expect(spec.data.values.find((c) => c.x === '0.1' && c.y === '0.2')?.value).toBeCloseTo(1.9, 9);
  });

  it('refuses a sweep folder whose results.arrow or curves.arrow no longer matches its manifest.json (an edited Sharpe was drawn as the sweep\'s), naming the file, and leaves report/ as it was', () => {
    const base = join(dir, 'sweep-base.yaml');
    writeFileSync(base, readFileSync('scenarios/quickstart.yaml', 'utf8').replaceAll('../datasets/', `${join(repo, 'datasets')}/`));
    writeFileSync(join(dir, 'two.yaml'), ['name: two', `base: ${base}`, 'objective: sharpe', 'direction: maximize', 'space:', '  grid:', '    targets.cash_buffer: [0.05, 0.2]', ''].join('\n'));
    const made = bt('sweep', join(dir, 'two.yaml'), '--out', join(dir, 'two'), '--workers', '1', '--quiet');
    expect(made.code, made.stderr).toBe(0);
    for (const file of ['results.arrow', 'curves.arrow']) {
      const d = join(dir, `two-${file}`);
      cpSync(join(dir, 'two'), d, { recursive: true });
      const path = join(d, file);
      const bytes = readFileSync(path);
      const t = tableFromIPC(bytes);
      const column = file === 'results.arrow' ? 'sharpe' : 'equity';
      const value = t.getChild(column)?.get(0) as number;
      const le = Buffer.alloc(8);
      le.writeDoubleLE(value);
      const at = bytes.indexOf(le);
      expect(at, file).toBeGreaterThan(0);
      bytes.writeDoubleLE(value * 3, at);
      writeFileSync(path, bytes);
      const before = readFileSync(join(d, 'report', 'index.html'), 'utf8');
      const r = bt('report', d);
      expect(r.code, `${file}: ${r.stdout}`).toBe(2);
      expect(r.stderr).toContain(`bt: ${path}: sha256: expected `);
      expect(readFileSync(join(d, 'report', 'index.html'), 'utf8')).toBe(before);
    }
    expect(bt('report', join(dir, 'two'), '--quiet').code).toBe(0);
  });

  it("refuses a sweep folder whose manifest.json was deleted while its marker lists it (so a deletion does not switch the hash check off), naming it; a folder an earlier bt wrote without one is read as before", () => {
    // 'two' is the sweep folder the test above wrote with this bt
    const d = join(dir, 'two-no-manifest');
    cpSync(join(dir, 'two'), d, { recursive: true });
    rmSync(join(d, 'manifest.json'));
    const before = readFileSync(join(d, 'report', 'index.html'), 'utf8');
    const r = bt('report', d);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toBe(`bt: ${join(d, 'manifest.json')}: expected the manifest bt sweep or bt merge wrote (the folder's .bt-output.json lists it), found no such file: it was removed after bt wrote the folder, and with it the sha256 its tables are checked against. Rebuild the tables and manifest.json from the journal with the same bt sweep command and --resume, or run the sweep again\n`);
    expect(readFileSync(join(d, 'report', 'index.html'), 'utf8')).toBe(before);
    // the same folder as a bt before manifests marked it: a listing without manifest.json, or no listing (marker format 1)
    const marker = join(d, '.bt-output.json');
    const listed = JSON.parse(readFileSync(marker, 'utf8')) as { files: string[] };
    expect(listed.files).toContain('manifest.json');
    writeFileSync(marker, JSON.stringify({ ...listed, files: listed.files.filter((f) => f !== 'manifest.json') }));
    expect(bt('report', d, '--quiet').code).toBe(0);
    writeFileSync(marker, JSON.stringify({ bt_version: '0.1.0', format: 1, kind: 'sweep' }));
    expect(bt('report', d, '--quiet').code).toBe(0);
  });

  it('exits 2 naming the parameters when --x is not swept', () => {
    const sweep = join(dir, 'sweep2');
    writeSweepFixture(sweep);
    const r = bt('report', sweep, '--x', 'decay.half_life');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bt: --x: expected a swept parameter (allocator.max_agent_weight, targets.cash_buffer), found 'decay.half_life'");
  });

  it('refuses a run folder whose events.arrow was edited after the run (one multiplier, which the decay chart draws), naming the file, and leaves report/ as it was', () => {
    const d = join(dir, 'edited-multiplier');
    cpSync(runDir, d, { recursive: true });
    const path = join(d, 'events.arrow');
    const bytes = readFileSync(path);
    const t = tableFromIPC(bytes);
    let row = 0;
    while (t.getChild('kind')?.get(row) !== 'multiplier_updated') row++;
    const value = t.getChild('v1')?.get(row) as number;
    const le = Buffer.alloc(8);
    le.writeDoubleLE(value);
    const at = bytes.indexOf(le);
    expect(at).toBeGreaterThan(0);
    bytes.writeDoubleLE(7.25, at); // a multiplier far above the 1.1 ceiling, drawn as the run's
    writeFileSync(path, bytes);
    expect(tableFromIPC(readFileSync(path)).getChild('v1')?.get(row)).toBe(7.25);
    const before = readFileSync(join(d, 'report', 'decay-multipliers.vl.json'), 'utf8');

    const r = bt('report', d);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toContain(`bt: ${path}: sha256: expected `);
    expect(readFileSync(join(d, 'report', 'decay-multipliers.vl.json'), 'utf8')).toBe(before);
  });

  it('exits 2 on a folder that is neither a run nor a sweep, and leaves no report', () => {
    const r = bt('report', join(repo, 'docs'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a run folder .* or a sweep folder \(results\.arrow\), found neither/);
    expect(existsSync(join(repo, 'docs', 'report'))).toBe(false);
  });
});
