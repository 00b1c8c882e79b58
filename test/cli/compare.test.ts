import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function btIn(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function bt(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return btIn(repo, ...args);
}

interface ComparisonJson {
  first: string;
  rank_by: string;
  runs: { rank: number; run: string; metrics: Record<string, number | null>; sharpe_diff_vs_first: { estimate: number; low: number; high: number } | null }[];
}

describe('bt compare', () => {
  it('runs two variants of one scenario and gives the same JSON for the same seed', () => {
    const args = ['compare', 'scenarios/quickstart.yaml', '--variant', 'risk-penalized', '--variant', 'static-schedule', '--json', '--seed', '5', '--resamples', '500'];
    const a = bt(...args);
    const b = bt(...args);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const c = JSON.parse(a.stdout) as ComparisonJson;
    expect(c.first).toBe('risk-penalized');
    expect(c.runs.map((r) => r.run).sort()).toEqual(['risk-penalized', 'static-schedule']);
    const rp = c.runs.find((r) => r.run === 'risk-penalized');
    const st = c.runs.find((r) => r.run === 'static-schedule');
    // the quickstart's risk-penalized run: same Sharpe as bt run's metrics.json
    const m = bt('run', 'scenarios/quickstart.yaml', '--out', join(dir, 'rp'), '--json');
    expect(rp?.metrics['sharpe']).toBe((JSON.parse(m.stdout) as { sharpe: number }).sharpe);
    const d = st?.sharpe_diff_vs_first;
    expect(d?.estimate).toBeCloseTo((st?.metrics['sharpe'] as number) - (rp?.metrics['sharpe'] as number), 9);
    expect((d?.low as number) < (d?.high as number)).toBe(true);
  });

  it('compares run folders, ranks by max drawdown and writes the compare report with --out', () => {
    expect(bt('run', 'scenarios/static-schedule.yaml', '--out', join(dir, 'st'), '--quiet').code).toBe(0);
    const out = join(dir, 'cmp');
    const r = bt('compare', join(dir, 'st'), join(dir, 'rp'), '--rank-by', 'max_drawdown', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bt compare: 2 runs, ranked by max_drawdown\nrank {2}run/);
    const charts = ['compare-equity', 'compare-monthly-returns', 'compare-underwater', 'compare-yearly-returns'];
    expect(readdirSync(out).sort()).toEqual(['.bt-output.json', ...charts.flatMap((c) => [`${c}.svg`, `${c}.vl.json`]), 'compare.json', 'index.html'].sort());
    const c = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as ComparisonJson;
    const dd = c.runs.map((x) => x.metrics['max_drawdown'] as number);
    expect(dd[0] as number).toBeLessThanOrEqual(dd[1] as number);
  });

  it('notes on stderr when the run folders come from different bt engines (manifest engine_version), and still compares them', () => {
    const old = join(dir, 'old-engine');
    cpSync(join(dir, 'rp'), old, { recursive: true });
    const m = join(old, 'manifest.json');
    const manifest = JSON.parse(readFileSync(m, 'utf8')) as Record<string, unknown>;
    delete manifest['engine_version']; // a run from before bt recorded it
    writeFileSync(m, JSON.stringify(manifest, null, 2));
    const same = bt('compare', join(dir, 'st'), join(dir, 'rp'));
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toBe('');
    const r = bt('compare', join(dir, 'st'), old);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^bt compare: note: the runs come from different bt engines \(.*st: \d{4}-\d{2}-\d{2}[.\d]*, .*old-engine: unrecorded\): their figures may differ for reasons other than their settings/);
  });

  it('notes on stderr, in compare.json and in the report when the runs cover other spans or measure against other benchmarks (the table ranked a 2005-2010 run above a 2000-2010 one with no word), and labels the figures\' units', () => {
    const text = readFileSync(join(repo, 'scenarios/quickstart.yaml'), 'utf8').replaceAll('../datasets/', `${join(repo, 'datasets').replaceAll('\\', '/')}/`);
    writeFileSync(join(dir, 'late.yaml'), text.replace('clock:\n', 'time:\n  start: 2005-01-01\nclock:\n').replace('symbol: SPX', 'symbol: AAPL'));
    expect(bt('run', join(dir, 'late.yaml'), '--out', join(dir, 'late'), '--quiet').code).toBe(0);
    const out = join(dir, 'cmp-late');
    const r = bt('compare', join(dir, 'rp'), join(dir, 'late'), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const notes = r.stderr.split('\n').filter((l) => l !== '');
    expect(notes).toHaveLength(2);
    // the quickstart's equity points are month starts 2000-02-01 .. 2010-03-01; from 2005-01-01 the first is 2005-02-01
    expect(notes[0]).toMatch(/^bt compare: note: the runs cover different spans \(equity points \S*rp: 2000-02-01 \.\. 2010-03-01, \S*late: 2005-02-01 \.\. 2010-03-01\): each row's figures are over its own span/);
    expect(notes[1]).toMatch(/^bt compare: note: the runs are measured against different benchmarks \(\S*rp: SPX in \S+prices\.arrow, \S*late: AAPL in \S+prices\.arrow\): beta, alpha/);
    const c = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as { notes: string[]; runs: { metrics: Record<string, number | null> }[] };
    expect(c.notes.map((n) => `bt compare: note: ${n}`)).toEqual(notes);
    expect(c.runs.map((x) => x.metrics['periods_per_year'])).toEqual([12, 12]);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('Note: the runs cover different spans');
    expect(html).toContain('a one-period return (12 periods a year)');
    expect(r.stdout).toContain('\nFigures (docs/metrics.md), each over its run\'s own returns: total_return, annualized_return, max_drawdown (positive, from the running peak)');
    // the variants of one scenario share span, calendar and benchmark: no note
    const v = bt('compare', join(dir, 'rp'), join(dir, 'st'), '--json');
    expect(v.stderr).toBe('');
    expect((JSON.parse(v.stdout) as { notes: string[] }).notes).toEqual([]);
  });

  it('refuses a run folder whose metrics.json no longer matches its manifest (it showed the edited numbers as the run\'s), as bt report does', () => {
    const edited = join(dir, 'edited');
    cpSync(join(dir, 'rp'), edited, { recursive: true });
    const m = join(edited, 'metrics.json');
    writeFileSync(m, readFileSync(m, 'utf8').replace(/"sharpe": [-0-9.e]+/, '"sharpe": 9.99'));
    for (const args of [['compare', edited, join(dir, 'st')], ['report', edited]]) {
      const r = bt(...args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(/edited\/metrics\.json: sha256: expected [0-9a-f]{64} \(manifest\.json\), found [0-9a-f]{64}\. The file changed after bt run wrote it/);
    }
  });

  it('does not read events.arrow, targets.arrow, agent_weights.arrow or kills.arrow (nothing it shows comes from them): the same output with them damaged, where bt report refuses the folder', () => {
    const damaged = join(dir, 'damaged');
    cpSync(join(dir, 'rp'), damaged, { recursive: true });
    for (const f of ['events.arrow', 'targets.arrow', 'agent_weights.arrow', 'kills.arrow']) writeFileSync(join(damaged, f), 'not an arrow file');
    // the intervals depend on the returns alone, not on the folder: the two give the same intervals
    const intact = btIn(dir, 'compare', 'st', 'rp', '--json', '--resamples', '200');
    const r = btIn(dir, 'compare', 'st', 'damaged', '--json', '--resamples', '200');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(intact.stdout.replaceAll('"rp"', '"damaged"'));
    expect(bt('report', damaged).code).toBe(2);
  });

  it('gives the same intervals however the run folders are typed', () => {
    // rp and st are written by the tests above; the bootstrap stream must not see the spelling
    const intervals = (...dirs: string[]): unknown[] => {
      const r = btIn(dir, 'compare', ...dirs, '--json', '--seed', '7', '--resamples', '300');
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as ComparisonJson).runs.map((x) => x.sharpe_diff_vs_first);
    };
    const plain = intervals('rp', 'st');
    expect(plain.filter((d) => d !== null)).toHaveLength(1);
    expect(intervals('./rp', './st')).toEqual(plain);
    expect(intervals(join(dir, 'rp'), join(dir, 'st'))).toEqual(plain);
  });

  it('gives run folders the intervals the scenario\'s variants give for the same runs', () => {
    // rp and st are the quickstart's risk-penalized and static-schedule runs (st's file differs only in name and benchmark)
    const diffs = (r: { code: number | null; stdout: string; stderr: string }): unknown[] => {
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as ComparisonJson).runs.map((x) => x.sharpe_diff_vs_first);
    };
    const folders = diffs(btIn(dir, 'compare', 'rp', 'st', '--json', '--resamples', '300'));
    const variants = diffs(bt('compare', 'scenarios/quickstart.yaml', '--variant', 'risk-penalized', '--variant', 'static-schedule', '--json', '--resamples', '300'));
    expect(folders.filter((d) => d !== null)).toHaveLength(1);
    expect(variants).toEqual(folders);
  });

  it('writes no absolute path into its JSON, labelling an absolute run folder relative to the cwd', () => {
    const r = btIn(dir, 'compare', join(dir, 'rp'), join(dir, 'st'), '--json', '--resamples', '50');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(dir);
    const j = JSON.parse(r.stdout) as ComparisonJson;
    expect([j.first, ...j.runs.map((x) => x.run)].sort()).toEqual(['rp', 'rp', 'st']);
  });

  it('refuses to replace an --out folder holding other files', () => {
    const busy = join(dir, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'keep.txt'), 'x');
    const r = bt('compare', join(dir, 'rp'), join(dir, 'rp'), '--out', busy);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out: expected a new folder, an empty one, or an earlier bt compare report');
    expect(readdirSync(busy)).toEqual(['keep.txt']);
  });

  it('refuses an earlier compare report the user added a file to, keeping it, with a hint bt compare can follow (it has no --force, which the hint offered)', () => {
    const out = join(dir, 'report-with-notes');
    const copy = join(dir, 'rp-copy');
    cpSync(join(dir, 'rp'), copy, { recursive: true });
    expect(bt('compare', join(dir, 'rp'), copy, '--out', out).code).toBe(0);
    writeFileSync(join(out, 'notes.md'), 'mine');
    const r = bt('compare', join(dir, 'rp'), copy, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('report-with-notes: expected a bt report folder holding only what bt wrote, to replace, found entries bt did not write (notes.md)');
    expect(r.stderr).not.toContain('--force');
    expect(r.stderr).toMatch(/choose another --out, or move what bt did not write out of that folder\n$/);
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('mine');
    // bt compare takes no --force: the flag the hint named is refused as unknown
    expect(bt('compare', join(dir, 'rp'), copy, '--out', out, '--force').stderr).toContain("unknown option '--force'");
  });

  it('shows the traded turnover beside the target turnover, n/a (JSON null, never 0) for a run folder written before metrics.json had it', () => {
    const pre = join(dir, 'pre-traded');
    cpSync(join(dir, 'rp'), pre, { recursive: true });
    // a run folder from before 2026-12-04.3: metrics.json without the key, its manifest hashing that file
    const metricsPath = join(pre, 'metrics.json');
    const metrics = JSON.parse(readFileSync(metricsPath, 'utf8')) as Record<string, unknown>;
    delete metrics['turnover_traded_annualized'];
    writeFileSync(metricsPath, `${JSON.stringify(metrics, null, 2)}\n`);
    const manifestPath = join(pre, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { outputs: Record<string, string> };
    manifest.outputs['metrics.json'] = createHash('sha256').update(readFileSync(metricsPath)).digest('hex');
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const stTraded = (JSON.parse(readFileSync(join(dir, 'st', 'metrics.json'), 'utf8')) as { turnover_traded_annualized: number }).turnover_traded_annualized;
    const j = btIn(dir, 'compare', 'st', 'pre-traded', '--json', '--resamples', '50', '--out', 'cmp-traded');
    expect(j.code, j.stderr).toBe(0);
    const byRun = new Map((JSON.parse(j.stdout) as ComparisonJson).runs.map((x) => [x.run, x.metrics]));
    expect(byRun.get('st')?.['turnover_traded_annualized']).toBe(stTraded);
    expect(byRun.get('pre-traded')?.['turnover_traded_annualized']).toBeNull();
    expect(byRun.get('pre-traded')?.['turnover_annualized']).toBeGreaterThan(0);
    // the table: its column right after turnover_annualized, in percent as that one, n/a where absent
    const t = btIn(dir, 'compare', 'st', 'pre-traded', '--resamples', '50');
    expect(t.code, t.stderr).toBe(0);
    const lines = t.stdout.split('\n');
    const header = (lines[1] as string).trim().split(/\s+/);
    const col = header.indexOf('turnover_traded_annualized');
    expect(header[col - 1]).toBe('turnover_annualized');
    const cell = (run: string): string | undefined => lines.find((l) => l.split(/\s+/)[1] === run)?.trim().split(/\s+/)[col];
    expect(cell('st')).toBe(`${(stTraded * 100).toFixed(2)}%`);
    expect(cell('pre-traded')).toBe('n/a');
    const html = readFileSync(join(dir, 'cmp-traded', 'index.html'), 'utf8');
    expect(html).toContain('turnover_traded_annualized');
    expect((JSON.parse(readFileSync(join(dir, 'cmp-traded', 'compare.json'), 'utf8')) as ComparisonJson).runs.find((x) => x.run === 'pre-traded')?.metrics['turnover_traded_annualized']).toBeNull();
  });

  it("takes a run folder's initial capital from its manifest when metrics.json lacks initial_equity (the same comparison and LP figures), and refuses a folder with neither, naming the file and field", () => {
    // an older or trimmed folder: metrics.json without initial_equity, its manifest hashing that file
    const trim = (name: string, dropCapital: boolean): string => {
      const out = join(dir, name);
      cpSync(join(dir, 'rp'), out, { recursive: true });
      const metricsPath = join(out, 'metrics.json');
      const metrics = JSON.parse(readFileSync(metricsPath, 'utf8')) as Record<string, unknown>;
      delete metrics['initial_equity'];
      writeFileSync(metricsPath, `${JSON.stringify(metrics, null, 2)}\n`);
      const manifestPath = join(out, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { outputs: Record<string, string>; scenario: { portfolio: Record<string, unknown> } };
      manifest.outputs['metrics.json'] = createHash('sha256').update(readFileSync(metricsPath)).digest('hex');
      if (dropCapital) delete manifest.scenario.portfolio['initial_capital'];
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
      return out;
    };
    trim('no-initial', false);
    const whole = btIn(dir, 'compare', 'st', 'rp', '--json', '--resamples', '50');
    const trimmed = btIn(dir, 'compare', 'st', 'no-initial', '--json', '--resamples', '50');
    expect(trimmed.code, trimmed.stderr).toBe(0);
    const interval = (out: string): unknown => (JSON.parse(out) as ComparisonJson).runs.map((x) => x.sharpe_diff_vs_first);
    expect(interval(trimmed.stdout)).toEqual(interval(whole.stdout));
    // the LP report's to-date figures start from the same capital (they started from 1: a total return of millions of percent)
    for (const run of ['rp', 'no-initial']) expect(btIn(dir, 'report', 'lp', run, '--out', `lp-${run}`, '--week', '2005-W26', '--format', 'md', '--quiet').code).toBe(0);
    const day = (run: string): string => readFileSync(join(dir, `lp-${run}`, 'lp_daily_2005-06-30.md'), 'utf8').replace(/Run .*\n/, '');
    expect(day('no-initial')).toBe(day('rp'));
    trim('no-capital', true);
    const refused = btIn(dir, 'compare', 'st', 'no-capital', '--resamples', '50', '--out', 'cmp-no-capital');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${join('no-capital', 'metrics.json')}: initial_equity: expected the capital the run started from, a number > 0 (as bt run writes it), or manifest.json scenario.portfolio.initial_capital, found no such field, and no scenario.portfolio.initial_capital in manifest.json`);
    expect(readdirSync(dir)).not.toContain('cmp-no-capital');
    expect(btIn(dir, 'report', 'lp', 'no-capital', '--out', 'lp-no-capital', '--format', 'md').code).toBe(2);
  });

  it('exits 2 listing the variants when one is unknown', () => {
    const r = bt('compare', 'scenarios/quickstart.yaml', '--variant', 'risk-penalized', '--variant', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bt: --variant: expected one of capital-governor, pnl-weighted, risk-penalized, static-schedule, found 'nope'\n");
  });

  it('exits 2 on one run folder, naming the argument and the two ways to compare it (not "bt: bt compare:")', () => {
    const r = bt('compare', 'results/quickstart');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bt: inputs: expected two or more run folders, or one scenario YAML with --variant/--all-variants, found only 'results/quickstart'. Compare it with another run folder (bt compare results/quickstart OTHER_DIR), or its scenario's variants (bt compare SCENARIO.yaml --all-variants)\n");
  });

  it('exits 2 listing the metrics when --rank-by is unknown', () => {
    const r = bt('compare', join(dir, 'rp'), join(dir, 'rp'), '--rank-by', 'sharp');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bt: --rank-by: expected one of sharpe, sortino, .*found 'sharp'\n$/);
  });
});
