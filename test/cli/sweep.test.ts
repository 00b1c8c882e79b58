import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBt, type CliResult } from '../helpers/run-cli.js';
import { expectSameSweepOutputs } from '../helpers/sweep-outputs.js';
import { shortQuickstartYaml } from '../helpers/short-quickstart.js';
import { journalLine } from '../../engine/sweep/journal-line.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bt = (...args: string[]): CliResult => runBt(args, dir);

/** Runs bt without blocking, so independent sweeps overlap (the suite stays fast). */
function btAsync(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [join(repo, 'bin/bt.js'), ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => res({ code, stderr }));
  });
}

const expectSameOutputs = (a: string, b: string): void => expectSameSweepOutputs(dir, a, b);

function resultLines(out: string): number {
  const p = join(dir, out, 'journal.jsonl');
  if (!existsSync(p)) return 0;
  // whole lines only: a line cut by the kill is not a finished configuration
  return readFileSync(p, 'utf8').split('\n').slice(0, -1).filter((l) => l.startsWith('{"config_id"')).length;
}

// the quickstart over 2000-01 .. 2001-06 (test/helpers/short-quickstart.ts): the base's own max_weight 0.25, cash buffer 0.1
const BASE = (data: string): string => shortQuickstartYaml('sweep-base', data);

const SWEEP = `base: base.yaml
objective: sharpe
space:
  grid:
    allocator.params.max_weight: [0.15, 0.35]
    targets.cash_buffer: [0.05, 0.2, 0.3]
`;

beforeAll(() => {
  const data = join(repo, 'datasets/data/real-stocks').replaceAll('\\', '/');
  writeFileSync(join(dir, 'base.yaml'), BASE(data));
  writeFileSync(join(dir, 'grid.yaml'), SWEEP);
});

describe('bt sweep', () => {
  it('writes byte-identical tables with 1 and with 2 workers', async () => {
    const [a, b] = await Promise.all([btAsync('sweep', 'grid.yaml', '--workers', '1', '--out', 'w1', '--quiet'), btAsync('sweep', 'grid.yaml', '--workers', '2', '--out', 'w2', '--quiet')]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expectSameOutputs('w1', 'w2');
    const t = tableFromIPC(readFileSync(join(dir, 'w1', 'results.arrow')));
    expect(t.numRows).toBe(6);
    const ids = t.getChild('config_id')?.toArray() as string[];
    expect([...ids]).toEqual([...ids].sort());
    expect(t.schema.fields.slice(0, 4).map((f) => f.name)).toEqual(['config_id', 'allocator.params.max_weight', 'targets.cash_buffer', 'n']);
    const curves = tableFromIPC(readFileSync(join(dir, 'w1', 'curves.arrow')));
    expect(curves.schema.fields.map((f) => f.name)).toEqual(['config_id', 'ts', 'equity']);
    expect(curves.numRows % 6).toBe(0);
  });

  it('writes a manifest.json with the sha256 of each table it wrote and of each data file', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'w1', 'manifest.json'), 'utf8')) as { outputs: Record<string, string>; inputs: Record<string, string>; n_configs: number; shard: unknown };
    const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(Object.keys(manifest.outputs).sort()).toEqual(['curves.arrow', 'results.arrow', 'results.csv', 'summary.json']);
    for (const [f, h] of Object.entries(manifest.outputs)) expect(h, f).toBe(sha(join(dir, 'w1', f)));
    const data = join(repo, 'datasets/data/real-stocks');
    expect(manifest.inputs).toEqual({ agents: sha(join(data, 'agents.arrow')), findings: sha(join(data, 'findings.arrow')), killList: sha(join(data, 'kill_list.yaml')), prices: sha(join(data, 'prices.arrow')) });
    expect([manifest.n_configs, manifest.shard]).toEqual([6, { index: 1, count: 1 }]);
  });

  it("writes the swept columns in the sweep file's order, under the same config ids, and compares with a baseline in the alphabet's order", () => {
    // the grid of grid.yaml written cash_buffer first: the columns follow the file (they were sorted: max_weight first)
    writeFileSync(join(dir, 'reordered.yaml'), 'base: base.yaml\nobjective: sharpe\nspace:\n  grid:\n    targets.cash_buffer: [0.05, 0.2, 0.3]\n    allocator.params.max_weight: [0.15, 0.35]\n');
    // w1/results.csv has max_weight before cash_buffer: what every results.csv of an earlier bt looks like
    const r = bt('sweep', 'reordered.yaml', '--out', 'reordered', '--workers', '1', '--no-report', '--baseline', 'w1/results.csv', '--tolerance', '0');
    expect(r.code, r.stderr).toBe(0);
    const header = (readFileSync(join(dir, 'reordered', 'results.csv'), 'utf8').split('\n')[0] as string).split(',');
    expect(header.slice(0, 3)).toEqual(['config_id', 'targets.cash_buffer', 'allocator.params.max_weight']);
    const t = tableFromIPC(readFileSync(join(dir, 'reordered', 'results.arrow')));
    expect(t.schema.fields.slice(1, 3).map((f) => f.name)).toEqual(['targets.cash_buffer', 'allocator.params.max_weight']);
    // ids hash the resolved settings, not the file: the same six ids, and every one matched the baseline by column name
    const ids = (out: string): string[] => readFileSync(join(dir, out, 'results.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.slice(0, 12));
    expect(ids('reordered')).toEqual(ids('w1'));
    expect(r.stdout).toMatch(/ baseline: \d+ metrics of 6 configurations compared, 0 regressions beyond 0\n/);
    const summary = JSON.parse(readFileSync(join(dir, 'reordered', 'summary.json'), 'utf8')) as { params: string[]; baseline: { missing_columns: string[] } };
    expect(summary.params).toEqual(['targets.cash_buffer', 'allocator.params.max_weight']);
    expect(summary.baseline.missing_columns).toEqual([]);
  });

  it('merges shards 1/2 and 2/2 into exactly the unsharded tables', async () => {
    const runs = await Promise.all(['1/2', '2/2'].map((s) => btAsync('sweep', 'grid.yaml', '--workers', '1', '--shard', s, '--out', `shard${s[0]}`, '--quiet')));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(resultLines('shard1') + resultLines('shard2')).toBe(6);
    const m = bt('merge', 'shard1', 'shard2', '--out', 'merged');
    expect(m.code, m.stderr).toBe(0);
    expectSameOutputs('w1', 'merged');
    // and the report the unsharded sweep writes, file for file
    const report = (out: string): string[] => readdirSync(join(dir, out, 'report')).sort();
    expect(report('merged')).toEqual(report('w1'));
    for (const f of report('w1')) expect(readFileSync(join(dir, 'merged', 'report', f)).equals(readFileSync(join(dir, 'w1', 'report', f))), f).toBe(true);
    // the noise column is the whole sweep's after merging; each shard says its own ranking is partial
    const vsBest = (out: string): unknown[] => {
      const t = tableFromIPC(readFileSync(join(dir, out, 'results.arrow')));
      return Array.from({ length: t.numRows }, (_, i) => t.getChild('vs_best')?.get(i));
    };
    expect(vsBest('merged')).toEqual(vsBest('w1'));
    expect(vsBest('merged').filter((v) => v === 'best')).toHaveLength(1);
    const partial = (out: string): unknown => (JSON.parse(readFileSync(join(dir, out, 'summary.json'), 'utf8')) as { partial_ranking: unknown }).partial_ranking;
    expect([partial('shard1'), partial('shard2'), partial('merged')]).toEqual([true, true, false]);
    const shardSummary = bt('sweep', 'grid.yaml', '--shard', '1/2', '--out', 'shard1', '--resume', '--no-report');
    expect(shardSummary.code, shardSummary.stderr).toBe(0);
    expect(shardSummary.stdout).toContain("\n  partial ranking: the ranks, best, noise, PSR/DSR and walk-forward above cover this shard's 3 configurations only; bt merge of the shards ranks the whole sweep\n");
    expect(m.stdout).not.toContain('partial ranking');
    const again = bt('merge', 'shard1', 'shard1', '--out', 'bad');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/shard 1\/2 again/);
  });

  it('notes a swept path whose values give the same equity curve wherever the others are fixed (a saturated penalty), and not one that moves it', () => {
    // the base's seed drawdown slope floors the factor after a 60 bps drawdown; 0.005 floors it after 120: on three-month calls both are at the floor
    writeFileSync(join(dir, 'inert.yaml'), 'base: base.yaml\nspace:\n  grid:\n    allocator.params.dd_penalty_k: [0.005, 0.01]\n    targets.cash_buffer: [0.05, 0.3]\n');
    const r = bt('sweep', 'inert.yaml', '--workers', '1', '--out', 'inert', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('\n  note: allocator.params.dd_penalty_k: its values 0.005, 0.01 gave the same equity curve under each of the 2 settings of the other swept paths: on this data it changes nothing\n');
    const summary = JSON.parse(readFileSync(join(dir, 'inert', 'summary.json'), 'utf8')) as { inert_params: { path: string }[] };
    expect(summary.inert_params.map((p) => p.path)).toEqual(['allocator.params.dd_penalty_k']);
    // brute force over curves.arrow: the curves of each cash buffer agree across the slope, and differ across the buffer
    const results = tableFromIPC(readFileSync(join(dir, 'inert', 'results.arrow')));
    const curves = tableFromIPC(readFileSync(join(dir, 'inert', 'curves.arrow')));
    const cid = [...(curves.getChild('config_id')?.toArray() as string[])];
    const eq = [...(curves.getChild('equity')?.toArray() as Float64Array)];
    const curveOf = (id: string): number[] => eq.filter((_, i) => cid[i] === id);
    const ids = [...(results.getChild('config_id')?.toArray() as string[])];
    const buffer = [...(results.getChild('targets.cash_buffer')?.toArray() as Float64Array)];
    const byBuffer = (b: number): number[][] => ids.filter((_, i) => buffer[i] === b).map(curveOf);
    for (const b of [0.05, 0.3]) expect(byBuffer(b)[1]).toEqual(byBuffer(b)[0]);
    expect(byBuffer(0.05)[0]).not.toEqual(byBuffer(0.3)[0]);
  });

  it('says a shard past the configurations holds none (not "all 0 already in the journal"), counts one configuration in the singular, and names a missing shard without "bt: bt merge:"', async () => {
    writeFileSync(join(dir, 'pair.yaml'), 'base: base.yaml\nspace:\n  list:\n    - targets.cash_buffer: 0.1\n    - targets.cash_buffer: 0.2\n');
    // 2 configurations over 3 shards: positions 0 and 1 go to shards 1 and 2, shard 3 gets none
    const runs = await Promise.all(['1', '2', '3'].map((i) => btAsync('sweep', 'pair.yaml', '--workers', '1', '--shard', `${i}/3`, '--out', `pair${i}`, '--no-report', '--quiet')));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const empty = bt('sweep', 'pair.yaml', '--workers', '1', '--shard', '3/3', '--out', 'pair3', '--no-report');
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toMatch(/^bt sweep pair: 0 configurations \(shard 3\/3 of 2\), none in this shard: 3 shards for 2 configurations leave some empty\n/);
    const one = bt('sweep', 'pair.yaml', '--shard', '1/3', '--out', 'pair1', '--resume', '--no-report');
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^bt sweep pair: 1 configuration \(shard 1\/3 of 2\), all 1 already in the journal\n/);
    expect(one.stdout).toContain('(best of 1 trial;');
    const missing = bt('merge', 'pair1', 'pair2', '--out', 'pair-merged', '--no-report');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('bt: shard folders: expected all 3 shards, found no shard 3/3\n');
    const merged = bt('merge', 'pair1', 'pair2', 'pair3', '--out', 'pair-merged', '--no-report');
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^bt sweep pair: 2 configurations, merged from 3 shard folders\n/);
  });

  it("prints the unsharded sweep's walk-forward summary after merging its shards", async () => {
    writeFileSync(join(dir, 'wf.yaml'), `${SWEEP}walk_forward:\n  windows: 3\n`);
    const runs = await Promise.all(['1/2', '2/2'].map((s) => btAsync('sweep', 'wf.yaml', '--workers', '1', '--shard', s, '--out', `wf-shard${s[0]}`, '--no-report', '--quiet')));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const whole = bt('sweep', 'wf.yaml', '--workers', '1', '--out', 'wf-whole', '--no-report');
    const merged = bt('merge', 'wf-shard1', 'wf-shard2', '--out', 'wf-merged', '--no-report');
    expect([whole.code, merged.code]).toEqual([0, 0]);
    const walkForward = (stdout: string): string[] => stdout.split('\n').filter((l) => /^ {2}walk-forward |^ {4}fold \d+: /.test(l));
    expect(walkForward(whole.stdout).length).toBeGreaterThanOrEqual(2);
    expect(walkForward(merged.stdout)).toEqual(walkForward(whole.stdout));
  });

  it('says which ranks are within noise of the best: the vs_best column, the report and the summary line', () => {
    const r = bt('sweep', 'grid.yaml', '--out', 'w1', '--resume', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    const t = tableFromIPC(readFileSync(join(dir, 'w1', 'results.arrow')));
    const col = (name: string): unknown[] => Array.from({ length: t.numRows }, (_, i) => t.getChild(name)?.get(i));
    const rankOf = (v: string): number[] => col('rank').filter((_, i) => col('vs_best')[i] === v).map(Number).sort((x, y) => x - y);
    const within = [1, ...rankOf('within_noise')].sort((x, y) => x - y);
    const distinct = rankOf('distinct');
    expect(within.length + distinct.length).toBe(6);
    // the best has no interval; every other one has both bounds, and an interval that excludes 0 is distinct
    col('vs_best').forEach((v, i) => {
      const [low, high] = [col('sharpe_diff_vs_best_low')[i] as number | null, col('sharpe_diff_vs_best_high')[i] as number | null];
      if (v === 'best') expect([low, high]).toEqual([null, null]);
      else expect(v === 'distinct').toBe((high as number) < 0 || (low as number) > 0);
    });
    const summary = JSON.parse(readFileSync(join(dir, 'w1', 'summary.json'), 'utf8')) as { noise: { within_noise: number[]; distinct: number[] } };
    expect([summary.noise.within_noise, summary.noise.distinct]).toEqual([within, distinct]);
    expect(r.stdout).toMatch(/\n {2}ranks 1(-\d+)? within noise of the best at 95 %, (ranks [\d, -]+ distinct|none distinct) \(paired bootstrap of the Sharpe difference, bt compare's: 2000 resamples, seed 42, mean block 3\)\n/);
    const html = readFileSync(join(dir, 'w1', 'report', 'index.html'), 'utf8');
    expect(html).toContain('vs best');
    expect(html).toContain('within noise');
  });

  it('ranks a configuration that never traded nowhere, even where its objective (no drawdown) would win, and says so', () => {
    // a reallocation threshold of 1 lets no target through after the first (all cash): no fill at all
    writeFileSync(join(dir, 'idle.yaml'), 'base: base.yaml\nobjective: max_drawdown\nspace:\n  list:\n    - targets.cash_buffer: 0.1\n    - governor.reallocation_threshold: 1\n    - targets.cash_buffer: 0.2\nwalk_forward:\n  windows: 2\n');
    const r = bt('sweep', 'idle.yaml', '--out', 'idle', '--workers', '1', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    const t = tableFromIPC(readFileSync(join(dir, 'idle', 'results.arrow')));
    const col = (name: string): unknown[] => Array.from({ length: t.numRows }, (_, i) => t.getChild(name)?.get(i));
    const idle = col('governor.reallocation_threshold').indexOf(1);
    const id = String(col('config_id')[idle]);
    expect(col('turnover_traded_annualized')[idle]).toBe(0);
    expect(col('max_drawdown')[idle]).toBe(0);
    expect(col('rank')[idle]).toBeNull();
    expect(col('vs_best')[idle]).toBe('never_traded');
    expect(col('rank').filter((x) => x !== null).sort()).toEqual([1, 2]);
    const summary = JSON.parse(readFileSync(join(dir, 'idle', 'summary.json'), 'utf8')) as { best: { config_id: string }; never_traded: string[]; walk_forward: { folds: { chosen: string; out_of_sample_ranked: number }[] } };
    expect(summary.best.config_id).not.toBe(id);
    expect(summary.never_traded).toEqual([id]);
    expect(summary.walk_forward.folds.map((f) => [f.chosen === id, f.out_of_sample_ranked])).toEqual([[false, 2]]);
    expect(r.stdout).toContain(`\n  never traded (no fills), so not ranked and never the best: 1 configuration (${id})\n`);
    expect(r.stdout).toContain("\n  noise vs the best: n/a for max_drawdown: the paired bootstrap (bt compare's) tests a difference of Sharpe ratios, and max_drawdown is not one: its ranks are not tested against noise (rank by sharpe to test them)\n");
  });

  it('walk-forward does not choose, in sample, a configuration that traded over the run but holds cash through that window (no drawdown for doing nothing)', () => {
    // the whole quickstart; a kill error rate of 0.02 kills every agent by 2005: the book sits in cash
    // from then on, and max_drawdown (minimize) chose it on window 3 for its 0
    const data = join(repo, 'datasets/data/real-stocks').replaceAll('\\', '/');
    writeFileSync(join(dir, 'flat-base.yaml'), BASE(data).replace('time:\n  end: 2001-06-01\n', ''));
    writeFileSync(join(dir, 'wf-flat.yaml'), 'base: flat-base.yaml\nobjective: max_drawdown\ndirection: minimize\nspace:\n  grid:\n    kill.kill_error_rate: [0.25, 0.05, 0.02]\nwalk_forward:\n  windows: 4\n');
    const r = bt('sweep', 'wf-flat.yaml', '--out', 'wf-flat', '--workers', '1', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    const results = tableFromIPC(readFileSync(join(dir, 'wf-flat', 'results.arrow')));
    const initial = new Map<string, number>();
    for (let i = 0; i < results.numRows; i++) initial.set(String(results.getChild('config_id')?.get(i)), Number(results.getChild('initial_equity')?.get(i)));
    const curves = tableFromIPC(readFileSync(join(dir, 'wf-flat', 'curves.arrow')));
    const equity = new Map<string, number[]>();
    for (let i = 0; i < curves.numRows; i++) {
      const id = String(curves.getChild('config_id')?.get(i));
      equity.set(id, [...(equity.get(id) ?? []), Number(curves.getChild('equity')?.get(i))]);
    }
    // flat on window k: every return (the first against the initial equity) exactly 0
    const flatOn = (id: string, k: number): boolean => {
      const e = [initial.get(id) as number, ...(equity.get(id) as number[])];
      const T = e.length - 1;
      for (let i = Math.floor((k * T) / 4); i < Math.floor(((k + 1) * T) / 4); i++) if (e[i + 1] !== e[i]) return false;
      return true;
    };
    const ids = [...equity.keys()].sort();
    // the setting holds what it is meant to: some configuration flat on an in-sample window
    expect(ids.some((id) => flatOn(id, 2))).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, 'wf-flat', 'summary.json'), 'utf8')) as { walk_forward: { folds: { chosen: string }[]; unchosen: unknown[] } };
    expect(summary.walk_forward.folds).toHaveLength(3);
    summary.walk_forward.folds.forEach((f, k) => expect(flatOn(f.chosen, k), `fold ${k + 1}`).toBe(false));
    expect(summary.walk_forward.unchosen).toEqual([]);
  });

  it('agrees with the numpy reference on ranks, noise against the best, never-traded configurations, PSR/DSR and walk-forward', () => {
    // test/reference/sweep_analytics_reference.py recomputes them from the folder's curves and table (its own bootstrap stream)
    for (const out of ['w1', 'idle', 'wf-whole', 'wf-flat']) {
      const py = spawnSync('python3', [join(repo, 'test/reference/sweep_analytics_reference.py'), join(dir, out)], { encoding: 'utf8' });
      expect(py.status, `${py.stdout}${py.stderr}`).toBe(0);
      expect(py.stdout).toMatch(/: 0 differences\n$/);
    }
  });

  it('resumes a sweep killed with SIGKILL mid-way into the tables of an uninterrupted one', async () => {
    const child = spawn(process.execPath, [join(repo, 'bin/bt.js'), 'sweep', 'grid.yaml', '--workers', '1', '--out', 'killed', '--quiet'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<void>((res) => child.on('exit', () => res()));
    while (resultLines('killed') < 1) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await exited;
    const finished = resultLines('killed');
    expect(finished).toBeGreaterThanOrEqual(1);
    expect(finished).toBeLessThan(6);
    expect(existsSync(join(dir, 'killed', 'results.csv'))).toBe(false);
    // a torn last line (the kill landing mid-write) is dropped on resume
    appendFileSync(join(dir, 'killed', 'journal.jsonl'), '{"config_id":"0123');
    const r = bt('sweep', 'grid.yaml', '--workers', '2', '--out', 'killed', '--resume');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${6 - finished} run, ${finished} resumed`));
    expectSameOutputs('w1', 'killed');
    expect(resultLines('killed')).toBe(6);
  });

  it('exits 1 on a failing --check and names the failing metric and configuration', () => {
    const summary = JSON.parse(readFileSync(join(dir, 'w1', 'summary.json'), 'utf8')) as { best: { config_id: string } };
    const r = bt('sweep', 'grid.yaml', '--out', 'w1', '--resume', '--check', 'sharpe>=5', '--check', 'max_drawdown<=0.9', '--junit', 'junit.xml');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`FAIL\\s+sharpe>=5\\s+${summary.best.config_id}\\s+sharpe`));
    expect(r.stdout).toMatch(new RegExp(`pass\\s+max_drawdown<=0.9\\s+${summary.best.config_id}`));
    expect(r.stderr).toMatch(new RegExp(`^bt: 1 of 2 checks failed: sharpe>=5 on config ${summary.best.config_id} \\(sharpe = `));
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/<testsuites name="bt sweep grid" tests="2" failures="1">/);
    expect(xml).toMatch(/<failure message="sharpe = /);
    const all = bt('sweep', 'grid.yaml', '--out', 'w1', '--resume', '--check', 'n>=1', '--check-on', 'all', '--quiet');
    expect(all.code, all.stderr).toBe(0);
  });

  // script(1) gives the sweep a terminal, where the progress bar draws unless --quiet
  it.skipIf(spawnSync('script', ['-V'], { encoding: 'utf8' }).error !== undefined)('draws no progress bar on a terminal with --quiet, and one without it', () => {
    const onTty = (out: string, quiet: boolean): string =>
      spawnSync('script', ['-qc', [process.execPath, join(repo, 'bin/bt.js'), 'sweep', 'grid.yaml', '--out', out, '--no-report', ...(quiet ? ['--quiet'] : [])].join(' '), '/dev/null'], { cwd: dir, encoding: 'utf8' }).stdout;
    expect(onTty('tty-quiet', true)).toBe('');
    expect(onTty('tty-loud', false)).toMatch(/\r\[#*\.*\] \d+\/6/);
  });

  it('refuses a folder as --junit before running anything, leaving no folder', () => {
    mkdirSync(join(dir, 'junit-folder'), { recursive: true });
    const r = bt('sweep', 'grid.yaml', '--out', 'bad-junit', '--check', 'sharpe>=0', '--junit', 'junit-folder');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: junit-folder: --junit: expected a file path for the JUnit XML, found a folder. Choose another --junit\n');
    expect(existsSync(join(dir, 'bad-junit'))).toBe(false);
  });

  it('refuses a --junit file bt did not write (the sweep\'s own YAML) before running anything, and replaces it with --force', () => {
    const before = readFileSync(join(dir, 'grid.yaml'), 'utf8');
    const r = bt('sweep', 'grid.yaml', '--out', 'bad-junit-file', '--check', 'sharpe>=0', '--junit', 'grid.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: grid.yaml: expected no file, or a JUnit report bt wrote to replace, found another file. bt never overwrites what it did not write: choose another path, or pass --force to replace it\n');
    expect(readFileSync(join(dir, 'grid.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'bad-junit-file'))).toBe(false);
    writeFileSync(join(dir, 'old-junit.xml'), 'my notes');
    expect(bt('sweep', 'grid.yaml', '--out', 'junit-forced', '--check', 'sharpe>=-9', '--junit', 'old-junit.xml', '--force', '--quiet', '--no-report').code).toBe(0);
    expect(readFileSync(join(dir, 'old-junit.xml'), 'utf8')).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="bt sweep /);
    expect(bt('sweep', 'grid.yaml', '--out', 'junit-forced', '--check', 'sharpe>=-9', '--junit', 'old-junit.xml', '--quiet', '--no-report').code).toBe(0);
  });

  it('refuses a --check-on id the sweep does not have before running anything, leaving no folder', () => {
    const r = bt('sweep', 'grid.yaml', '--out', 'bad-check-on', '--check', 'sharpe>=0', '--check-on', 'deadbeef0000');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bt: --check-on: expected a config id of this sweep (see results.csv), found 'deadbeef0000'\n");
    expect(existsSync(join(dir, 'bad-check-on'))).toBe(false);
  });

  it('exits 1 when a metric regresses beyond --tolerance against a baseline results.csv', () => {
    const csv = readFileSync(join(dir, 'w1', 'results.csv'), 'utf8').split('\n');
    const header = (csv[0] as string).split(',');
    const col = header.indexOf('sharpe');
    const cells = (csv[1] as string).split(',');
    cells[col] = String(Number(cells[col]) * 1.5 + 1);
    csv[1] = cells.join(',');
    writeFileSync(join(dir, 'baseline.csv'), csv.join('\n'));
    const same = bt('sweep', 'grid.yaml', '--out', 'w1', '--resume', '--baseline', 'w2/results.csv', '--tolerance', '0');
    expect(same.code, same.stderr).toBe(0);
    const r = bt('sweep', 'grid.yaml', '--out', 'w1', '--resume', '--baseline', 'baseline.csv', '--tolerance', '0.05');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`REGRESSED sharpe \\[${cells[0]}\\]`));
  });

  it('exits 1 when the baseline shares no configuration with the sweep, instead of passing with nothing compared', () => {
    // the same results under other config ids: what a baseline looks like after the base scenario changed
    const lines = readFileSync(join(dir, 'w2', 'results.csv'), 'utf8').split('\n');
    const other = lines.map((l, i) => (i === 0 || l === '' ? l : `${l.slice(0, 12).split('').reverse().join('')}${l.slice(12)}`));
    writeFileSync(join(dir, 'other-ids.csv'), other.join('\n'));
    const n = lines.filter((l, i) => i > 0 && l !== '').length;
    const r = bt('sweep', 'grid.yaml', '--out', 'w1', '--resume', '--baseline', 'other-ids.csv');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`  baseline: 0 metrics of 0 configurations compared, 0 regressions beyond 0.05`);
    expect(r.stderr).toBe(
      `bt: other-ids.csv: --baseline: expected a results.csv sharing configurations with this sweep, found none of this sweep's ${n} config ids among its ${n}, so nothing was compared. A config id hashes the resolved settings: a changed base scenario or default gives new ids; refresh the baseline from this sweep's results.csv\n`,
    );
  });

  it('prints returns and drawdowns in percent, as bt run does for the same configuration (JSON keeps fractions)', () => {
    writeFileSync(join(dir, 'one.yaml'), 'base: base.yaml\nspace:\n  list:\n    - targets.cash_buffer: 0.2\n');
    writeFileSync(join(dir, 'one-run.yaml'), readFileSync(join(dir, 'base.yaml'), 'utf8').replace('name: sweep-base', 'name: one-run') + 'targets:\n  cash_buffer: 0.2\n');
    const s = bt('sweep', 'one.yaml', '--out', 'one', '--workers', '1', '--no-report');
    const r = bt('run', 'one-run.yaml', '--out', 'one-run', '--no-report');
    expect(s.code, s.stderr).toBe(0);
    expect(r.code, r.stderr).toBe(0);
    const run = /total (-?[\d.]+%).*max drawdown (-?[\d.]+%)/.exec(r.stdout);
    const sweep = /max drawdown (-?[\d.]+%), total return (-?[\d.]+%)/.exec(s.stdout);
    expect(run, r.stdout).not.toBeNull();
    expect(sweep, s.stdout).not.toBeNull();
    expect([sweep?.[2], sweep?.[1]]).toEqual([run?.[1], run?.[2]]);
    // summary.json: the same figures as fractions (12.34% <-> 0.1234)
    const summary = JSON.parse(readFileSync(join(dir, 'one', 'summary.json'), 'utf8')) as { best: { metrics: { total_return: number; max_drawdown: number } } };
    expect(`${(summary.best.metrics.total_return * 100).toFixed(2)}%`).toBe(run?.[1]);
    expect(`${(summary.best.metrics.max_drawdown * 100).toFixed(2)}%`).toBe(run?.[2]);
  });

  it('refuses a malformed --check before running any configuration', () => {
    const r = bt('sweep', 'grid.yaml', '--out', 'never', '--check', 'sharp>=1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bt: --check: expected a metric or results.csv column \(n, total_return, .*, vs_best\), found 'sharp'\. Did you mean 'sharpe'\?$/m);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('names a malformed data file, exits 2 and leaves no output folder (the data loads before the folder is made)', () => {
    const data = join(repo, 'datasets/data/real-stocks');
    const bad = join(dir, 'bad-data');
    mkdirSync(bad);
    for (const f of ['prices.arrow', 'agents.arrow', 'kill_list.yaml']) copyFileSync(join(data, f), join(bad, f));
    const findings = readFileSync(join(data, 'findings.arrow'));
    writeFileSync(join(bad, 'findings.arrow'), findings.subarray(0, findings.length >> 1)); // cut mid-file
    writeFileSync(join(dir, 'bad-base.yaml'), BASE(bad.replaceAll('\\', '/')));
    writeFileSync(join(dir, 'bad-grid.yaml'), SWEEP.replace('base.yaml', 'bad-base.yaml'));
    const r = bt('sweep', 'bad-grid.yaml', '--out', 'bad-out');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/findings\.arrow/);
    expect(existsSync(join(dir, 'bad-out'))).toBe(false);
  });

  it('refuses to resume a journal of another sweep', () => {
    writeFileSync(join(dir, 'other.yaml'), SWEEP.replace('0.3]', '0.25]'));
    const r = bt('sweep', 'other.yaml', '--out', 'w1', '--resume');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/w1\/journal\.jsonl: expected the journal of this sweep to --resume, found another sweep: since the journal was written, the configurations changed \(the sweep file's space or the base scenario: \d+ configurations, now \d+\)\. Use another --out, or drop --resume to start over/);
  });

  it('refuses to resume a journal ranked by another objective or direction, naming both, and leaves the folder as it was', () => {
    const before = readFileSync(join(dir, 'w1', 'journal.jsonl'), 'utf8');
    for (const [from, to, found] of [['objective: sharpe', 'objective: calmar', 'objective sharpe, where the sweep file now says calmar'], ['objective: sharpe', 'objective: sharpe\ndirection: minimize', 'direction maximize, where the sweep file now says minimize']] as const) {
      writeFileSync(join(dir, 'reranked.yaml'), SWEEP.replace(from, to));
      const r = bt('sweep', 'reranked.yaml', '--out', 'w1', '--resume');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`w1/journal.jsonl: expected the journal of this sweep to --resume, found a sweep ranked by ${found}. Use another --out, or drop --resume to start over`);
    }
    expect(readFileSync(join(dir, 'w1', 'journal.jsonl'), 'utf8')).toBe(before);
  });

  it('refuses to resume a journal another bt engine wrote (ENGINE_VERSION): its results would mix with this one\'s', () => {
    cpSync(join(dir, 'w1'), join(dir, 'w-old'), { recursive: true });
    const journal = join(dir, 'w-old', 'journal.jsonl');
    const [head, ...rest] = readFileSync(journal, 'utf8').split('\n');
    const older = { ...(JSON.parse(head as string) as Record<string, unknown>) };
    delete older['engine_version']; // a journal from before bt recorded it
    delete older['line_sha256'];
    writeFileSync(journal, [journalLine(older), ...rest].join('\n'));
    const r = bt('sweep', 'grid.yaml', '--out', 'w-old', '--resume');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/w-old\/journal\.jsonl: expected the journal of this sweep to --resume, found results of another bt engine \(unrecorded, not \d{4}-\d{2}-\d{2}[.\d]*\)/);
  });

  it('refuses --resume and bt merge of a journal whose line was edited after bt wrote it, naming the file and line, and leaves the journal as it was', () => {
    cpSync(join(dir, 'w1'), join(dir, 'w-edited'), { recursive: true });
    const journal = join(dir, 'w-edited', 'journal.jsonl');
    const before = readFileSync(journal, 'utf8');
    const lines = before.split('\n');
    // a better Sharpe typed into the third line: without checksums it reached results.csv
    lines[2] = (lines[2] as string).replace(/"sharpe":(-?[\d.e-]+)/, '"sharpe":9.5');
    expect(lines.join('\n')).not.toBe(before);
    writeFileSync(journal, lines.join('\n'));
    const r = bt('sweep', 'grid.yaml', '--out', 'w-edited', '--resume', '--no-report');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bt: w-edited\/journal\.jsonl:3: expected a line as bt wrote it \(its line_sha256, the first 16 hex of the sha256 of the rest of the line\), found line_sha256 [0-9a-f]{16}, where the rest hashes to [0-9a-f]{16}: the line was changed after bt wrote it\. Delete that line: bt sweep --resume runs its configuration again\n$/);
    expect(readFileSync(journal, 'utf8')).toBe(lines.join('\n'));
    cpSync(join(dir, 'shard1'), join(dir, 'shard1-edited'), { recursive: true });
    const shardJournal = join(dir, 'shard1-edited', 'journal.jsonl');
    writeFileSync(shardJournal, readFileSync(shardJournal, 'utf8').replace(/"equity":\[(-?[\d.e]+)/, '"equity":[1$1'));
    const m = bt('merge', 'shard1-edited', 'shard2', '--out', 'merged-edited');
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^bt: shard1-edited\/journal\.jsonl:2: expected a line as bt wrote it/);
    expect(existsSync(join(dir, 'merged-edited'))).toBe(false);
    // deleting the line, as the message says, reruns that configuration into the unedited tables
    lines.splice(2, 1);
    writeFileSync(journal, lines.join('\n'));
    const again = bt('sweep', 'grid.yaml', '--out', 'w-edited', '--resume', '--no-report');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/1 run, 5 resumed/);
    for (const f of ['results.csv', 'results.arrow', 'curves.arrow']) expect(readFileSync(join(dir, 'w-edited', f)).equals(readFileSync(join(dir, 'w1', f))), f).toBe(true);
  });

  it('refuses --resume of a journal line of the wrong shape whose checksum was recomputed (a curve one point short), naming file, line and field: exit 2, not a crash', () => {
    cpSync(join(dir, 'w1'), join(dir, 'w-shape'), { recursive: true });
    const journal = join(dir, 'w-shape', 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').split('\n');
    const { line_sha256: _, ...record } = JSON.parse(lines[3] as string) as { curve: { equity: number[] } } & Record<string, unknown>;
    record.curve.equity.pop();
    lines[3] = journalLine(record);
    writeFileSync(journal, lines.join('\n'));
    const r = bt('sweep', 'grid.yaml', '--out', 'w-shape', '--resume', '--no-report');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bt: w-shape\/journal\.jsonl:4: curve\.equity: expected as many values as curve\.ts \(\d+\), found \d+\. Delete that line: bt sweep --resume runs its configuration again\n$/);
  });

  it('refuses --resume and bt merge of a format-1 journal (an earlier bt, lines not checksummed), saying to rerun into a new folder', () => {
    for (const [from, to] of [['w1', 'w-format1'], ['shard1', 'shard1-format1']] as const) {
      cpSync(join(dir, from), join(dir, to), { recursive: true });
      const journal = join(dir, to, 'journal.jsonl');
      // what bt wrote before format 2: the same records, sorted-key JSON, no line_sha256
      const format1 = readFileSync(journal, 'utf8').split('\n').map((l) => {
        if (l === '') return l;
        const { line_sha256: _, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return JSON.stringify(rest.kind === 'header' ? { ...rest, format: 1 } : rest);
      });
      writeFileSync(journal, format1.join('\n'));
    }
    const expected = /journal\.jsonl:1: expected a bt sweep journal header \(format 2: every line checksummed\), found format 1, written by an earlier bt \(its lines carry no checksum, so an edited one would go unnoticed\)\. Run the sweep again into a new folder\n$/;
    const r = bt('sweep', 'grid.yaml', '--out', 'w-format1', '--resume', '--no-report');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bt: w-format1\//);
    expect(r.stderr).toMatch(expected);
    const m = bt('merge', 'shard1-format1', 'shard2', '--out', 'merged-format1');
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^bt: shard1-format1\//);
    expect(m.stderr).toMatch(expected);
  });

  it('names the sweep-file line of an unknown path and of an out-of-range value', () => {
    writeFileSync(join(dir, 'typo.yaml'), 'base: base.yaml\nspace:\n  grid:\n    targets.cash_bufer: [0.1]\n');
    const a = bt('sweep', 'typo.yaml');
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/typo\.yaml:4: targets\.cash_bufer: expected a scenario field under 'targets', found 'cash_bufer'\. Did you mean 'cash_buffer'\?/);
    writeFileSync(join(dir, 'range.yaml'), 'base: base.yaml\nspace:\n  list:\n    - targets.cash_buffer: 0.1\n    - targets.cash_buffer: 1.5\n');
    const b = bt('sweep', 'range.yaml');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/range\.yaml:5: targets\.cash_buffer: expected a number in \[0, 1\), found 1\.5\. In configuration 2 of 2/);
    writeFileSync(join(dir, 'data.yaml'), 'base: base.yaml\nspace:\n  grid:\n    data.prices: [a.arrow]\n');
    const c = bt('sweep', 'data.yaml');
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/data\.yaml:4: space\.grid\.data\.prices: expected a path outside data and output/);
    // nothing ran, so nothing is left behind (the default output is results/sweeps/<name>)
    expect(existsSync(join(dir, 'results'))).toBe(false);
  });

  it('refuses the whole sweep before any run when one configuration holds a value the scenario parser refuses (exit 2, naming the line and configuration, nothing written), unlike a failure only a run can see', () => {
    writeFileSync(join(dir, 'out-of-range.yaml'), 'base: base.yaml\nspace:\n  grid:\n    targets.cash_buffer: [0.05, 1.5]\n');
    const r = bt('sweep', 'out-of-range.yaml', '--workers', '1', '--out', 'out-of-range');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: out-of-range.yaml:4: targets.cash_buffer: expected a number in [0, 1), found 1.5. In configuration 2 of 2 (targets.cash_buffer=1.5) over base.yaml\n');
    expect(existsSync(join(dir, 'out-of-range'))).toBe(false);
    // the example docs/sweeps.md gave for a recorded run-time failure is refused the same way
    writeFileSync(join(dir, 'short.yaml'), 'base: base.yaml\nspace:\n  list:\n    - targets.cash_buffer: 0.1\n    - targets.allow_short: true\n');
    const s = bt('sweep', 'short.yaml', '--workers', '1', '--out', 'short');
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/^bt: short\.yaml:5: targets\.allow_short: expected false .*In configuration 2 of 2/);
    expect(existsSync(join(dir, 'short'))).toBe(false);
  });

  it('records a failing configuration with its error, finishes the others and exits 1; --fail-fast stops at it', async () => {
    // costs.symbols.NOPE passes validation but the run refuses it (not a symbol of the prices file).
    writeFileSync(join(dir, 'failing.yaml'), 'base: base.yaml\nspace:\n  list:\n    - targets.cash_buffer: 0.1\n    - costs.symbols.NOPE.slippage_bps: 1\n    - targets.cash_buffer: 0.2\n');
    const [r, fast] = await Promise.all([btAsync('sweep', 'failing.yaml', '--workers', '2', '--out', 'failing', '--quiet'), btAsync('sweep', 'failing.yaml', '--workers', '1', '--out', 'fast', '--fail-fast', '--quiet')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^bt: 1 of 3 configurations failed \(status and error columns of results\.csv\):\n {2}[0-9a-f]{12}: .*costs\.symbols\.NOPE: expected a symbol of .*, found 'NOPE'\n$/);
    const t = tableFromIPC(readFileSync(join(dir, 'failing', 'results.arrow')));
    const col = (name: string): unknown[] => Array.from({ length: t.numRows }, (_, i) => t.getChild(name)?.get(i));
    expect(t.numRows).toBe(3);
    const bad = col('status').indexOf('failed');
    expect(col('status').filter((x) => x === 'ok')).toHaveLength(2);
    expect(col('costs.symbols.NOPE.slippage_bps')[bad]).toBe(1);
    expect(String(col('error')[bad])).toContain('costs.symbols.NOPE: expected a symbol of');
    expect(col('sharpe')[bad]).toBeNull();
    expect(col('rank')[bad]).toBeNull();
    expect(col('rank').filter((x) => x !== null).sort()).toEqual([1, 2]);
    expect(new Set(col('n_trials'))).toEqual(new Set([3]));
    const summary = JSON.parse(readFileSync(join(dir, 'failing', 'summary.json'), 'utf8')) as { sweep_id: string; failures: { config_id: string }[] };
    expect(new Set(col('sweep_id'))).toEqual(new Set([summary.sweep_id]));
    expect(summary.failures.map((f) => f.config_id)).toEqual([col('config_id')[bad]]);
    expect(existsSync(join(dir, 'failing', 'report', 'index.html'))).toBe(true);
    // the report says a configuration failed, where its row is all n/a
    expect(readFileSync(join(dir, 'failing', 'report', 'index.html'), 'utf8')).toContain('3 configurations (1 failed: no metrics; the status and error columns of results.csv say why) over 2 parameters');
    // the summary line counts the configurations with results and says how many more failed
    const loud = bt('sweep', 'failing.yaml', '--out', 'failing', '--resume', '--no-report');
    expect(loud.code).toBe(1);
    expect(loud.stdout).toMatch(/^bt sweep \S+: 2 configurations \(and 1 failed\), all 3 already in the journal\n/);
    // a gate on the failed configuration (or on all) fails for it, in the table and the JUnit report, rather than refusing its id (exit 2) or leaving it out
    const badId = String(col('config_id')[bad]);
    const own = bt('sweep', 'failing.yaml', '--out', 'failing', '--resume', '--no-report', '--check-on', badId, '--check', 'sharpe>-100');
    expect(own.code, own.stderr).toBe(1);
    expect(own.stderr).toContain(`1 of 1 checks failed: sharpe>-100 on config ${badId} (sharpe = n/a)`);
    const all = bt('sweep', 'failing.yaml', '--out', 'failing', '--resume', '--no-report', '--check-on', 'all', '--check', 'sharpe>-100', '--junit', 'gates.xml');
    expect(all.code).toBe(1);
    expect(readFileSync(join(dir, 'gates.xml'), 'utf8')).toMatch(/<testsuite name="\S+ gates" tests="3" failures="1" errors="0">/);
    // --fail-fast: the first failure ends the sweep as bad input (exit 2), as before this option.
    expect(fast.code).toBe(2);
    expect(fast.stderr).toMatch(/costs\.symbols\.NOPE: expected a symbol of/);
  });
});
