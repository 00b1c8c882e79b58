import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBt, type CliResult } from '../helpers/run-cli.js';
import { expectSameSweepOutputs } from '../helpers/sweep-outputs.js';
import { shortQuickstartYaml } from '../helpers/short-quickstart.js';

// Gates relative to the best and to the base scenario's own configuration (docs/sweeps.md, Gates for CI).
const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-sweep-gates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bt = (...args: string[]): CliResult => runBt(args, dir);

// the quickstart over 2000-01 .. 2001-06 (test/helpers/short-quickstart.ts): the base's own max_weight 0.25, cash buffer 0.1
const BASE = (data: string): string => shortQuickstartYaml('gates-base', data);

/** results.csv read by column name (no field here holds a comma: the notes of these runs are checked below). */
function table(out: string): Record<string, string>[] {
  const lines = readFileSync(join(dir, out, 'results.csv'), 'utf8').trim().split('\n');
  const head = (lines[0] as string).split(',');
  return lines.slice(1).map((l) => {
    expect(l).not.toContain('"');
    const cells = l.split(',');
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
  });
}

interface Summary {
  base_config_id: string | null;
  best: { config_id: string };
  gates: { check_on: string; passed: boolean; results: { config_id: string; value: unknown; threshold: unknown; passed: boolean }[] };
}
const summary = (out: string): Summary => JSON.parse(readFileSync(join(dir, out, 'summary.json'), 'utf8')) as Summary;

beforeAll(() => {
  const data = join(repo, 'datasets/data/real-stocks').replaceAll('\\', '/');
  writeFileSync(join(dir, 'base.yaml'), BASE(data));
  // holds the base's values (0.25, 0.1): its configuration is one of the four
  writeFileSync(join(dir, 'with-base.yaml'), 'base: base.yaml\nobjective: sharpe\nspace:\n  grid:\n    allocator.params.max_weight: [0.15, 0.25]\n    targets.cash_buffer: [0.1, 0.3]\n');
  // does not: no 0.25, no 0.1
  writeFileSync(join(dir, 'without-base.yaml'), 'base: base.yaml\nobjective: sharpe\nspace:\n  grid:\n    allocator.params.max_weight: [0.15, 0.35]\n    targets.cash_buffer: [0.05, 0.3]\n');
  // the base alone, the workaround docs/sweeps.md showed before --check-on base: its one id is the base's
  writeFileSync(join(dir, 'base-only.yaml'), 'base: base.yaml\nspace:\n  list:\n    - {}\n');
  const first = bt('sweep', 'with-base.yaml', '--out', 'g', '--workers', '1', '--no-report', '--quiet');
  expect(first.code, first.stderr).toBe(0);
});

describe('bt sweep --check-on base', () => {
  it("gates the base scenario's own configuration: the grid point with its settings, the id a one-entry list of {} gives", () => {
    const alone = bt('sweep', 'base-only.yaml', '--out', 'alone', '--workers', '1', '--no-report', '--quiet');
    expect(alone.code, alone.stderr).toBe(0);
    const baseId = table('alone')[0]?.config_id as string;
    const row = table('g').find((r) => r['allocator.params.max_weight'] === '0.25' && r['targets.cash_buffer'] === '0.1');
    expect(row?.config_id).toBe(baseId);
    const r = bt('sweep', 'with-base.yaml', '--out', 'g', '--resume', '--no-report', '--check-on', 'base', '--check', `sharpe==${row?.sharpe ?? ''}`, '--check', `rank<=${row?.rank ?? ''}`);
    expect(r.code, r.stderr).toBe(0);
    const s = summary('g');
    expect(s.base_config_id).toBe(baseId);
    expect(s.gates.check_on).toBe('base');
    expect(s.gates.results.map((g) => [g.config_id, g.passed])).toEqual([
      [baseId, true],
      [baseId, true],
    ]);
    expect(r.stdout).toContain(`  base scenario's own settings: config ${baseId}, rank ${row?.rank ?? ''} of 4`);
    // one rank worse than it is fails, naming the base's id
    const worse = bt('sweep', 'with-base.yaml', '--out', 'g', '--resume', '--no-report', '--check-on', 'base', '--check', `rank<${row?.rank ?? ''}`, '--junit', 'base.xml');
    expect(worse.code).toBe(1);
    expect(worse.stderr).toBe(`bt: 1 of 1 checks failed: rank<${row?.rank ?? ''} on config ${baseId} (rank = ${row?.rank ?? ''})\n`);
    expect(readFileSync(join(dir, 'base.xml'), 'utf8')).toContain(`<testcase classname="bt.sweep.with-base.gates" name="rank&lt;${row?.rank ?? ''} [${baseId}]">`);
  });

  it("refuses before running anything when the grid does not hold the base's settings, naming each path the base's value is missing from", () => {
    const r = bt('sweep', 'without-base.yaml', '--out', 'no-base', '--check-on', 'base', '--check', 'sharpe>=0.5');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "bt: --check-on base: expected a sweep whose space holds the base scenario's own settings, found no configuration with the base's own settings (allocator.params.max_weight: the base has 0.25, the sweep 0.15, 0.35; targets.cash_buffer: the base has 0.1, the sweep 0.05, 0.3). Add the base's values to the grid (a list: an entry {}), so its configuration runs and is ranked with the others\n",
    );
    expect(existsSync(join(dir, 'no-base'))).toBe(false);
    // a threshold relative to base needs it too
    const relative = bt('sweep', 'without-base.yaml', '--out', 'no-base', '--check', 'sharpe>=base');
    expect(relative.code).toBe(2);
    expect(relative.stderr).toMatch(/^bt: --check sharpe>=base: expected a sweep whose space holds the base scenario's own settings, found no configuration with the base's own settings/);
    expect(existsSync(join(dir, 'no-base'))).toBe(false);
  });
});

describe('bt sweep relative gates', () => {
  it("compares every configuration with the best's value minus an offset, and names the threshold of each failure", () => {
    const rows = table('g');
    const best = rows.find((r) => r.rank === '1');
    const sharpes = rows.map((r) => Number(r.sharpe)).sort((a, b) => b - a);
    // halfway between the best and the runner-up: only the best clears best - gap/2
    const gap = ((sharpes[0] as number) - (sharpes[1] as number)) / 2;
    expect(gap).toBeGreaterThan(0);
    const r = bt('sweep', 'with-base.yaml', '--out', 'g', '--resume', '--no-report', '--check-on', 'all', '--check', `sharpe>=best-${gap}`);
    expect(r.code).toBe(1);
    const s = summary('g');
    expect(s.gates.results.filter((g) => g.passed).map((g) => g.config_id)).toEqual([best?.config_id]);
    expect(s.gates.results.every((g) => g.threshold === Number(best?.sharpe) - gap)).toBe(true);
    expect(r.stderr).toMatch(new RegExp(`^bt: 3 of 4 checks failed: sharpe>=best-${gap} on config [0-9a-f]{12} \\(sharpe = [-0-9.e]+, threshold [-0-9.e]+ from best\\);`));
    // the best beats the base by its margin, not by twice it (when the base is not the best itself)
    const base = rows.find((x) => x.config_id === s.base_config_id);
    const margin = Number(best?.sharpe) - Number(base?.sharpe);
    if (margin > 0) {
      expect(bt('sweep', 'with-base.yaml', '--out', 'g', '--resume', '--no-report', '--quiet', '--check', `sharpe>=base+${margin / 2}`).code).toBe(0);
      expect(bt('sweep', 'with-base.yaml', '--out', 'g', '--resume', '--no-report', '--quiet', '--check', `sharpe>=base+${margin * 2}`).code).toBe(1);
    }
  });

  it("gates vs_best as results.csv prints it", () => {
    const verdicts = table('g').map((r) => r.vs_best);
    const expected = verdicts.every((v) => v === 'best' || v === 'within_noise' || v === 'never_traded') ? 0 : 1;
    const r = bt('sweep', 'with-base.yaml', '--out', 'g', '--resume', '--no-report', '--quiet', '--check-on', 'all', '--check', 'vs_best!=distinct');
    expect(r.code, r.stderr).toBe(expected);
    expect(summary('g').gates.results.map((g) => g.value)).toEqual(verdicts);
  });
});

describe('bt sweep --json with gates', () => {
  it('writes the one JSON document on stdout, gates inside it, passing or failing (the gate table went after it)', () => {
    for (const [check, code] of [['n>=1', 0], ['rank<1', 1]] as const) {
      const r = bt('sweep', 'with-base.yaml', '--out', 'g', '--resume', '--no-report', '--json', '--check-on', 'all', '--check', check);
      expect(r.code, r.stderr).toBe(code);
      const s = JSON.parse(r.stdout) as Summary;
      expect(s.gates.results).toHaveLength(4);
      expect(s.gates.passed).toBe(code === 0);
    }
  });
});

describe('gates on shards and after bt merge', () => {
  it('refuses base and ranking gates on a shard before running, and gates them after bt merge as on the whole sweep', () => {
    const base = bt('sweep', 'with-base.yaml', '--shard', '1/2', '--out', 's1', '--check-on', 'base', '--check', 'sharpe>=0');
    expect(base.code).toBe(2);
    expect(base.stderr).toMatch(/^bt: --check-on: expected a target a shard can gate \(all, best of its slice, or a config id\), not base on shard 1\/2, found 'base'\. Gate it on the output of bt merge/);
    const rank = bt('sweep', 'with-base.yaml', '--shard', '1/2', '--out', 's1', '--check-on', 'all', '--check', 'rank<=2');
    expect(rank.code).toBe(2);
    expect(rank.stderr).toMatch(/^bt: --check: expected a gate a shard can evaluate on shard 1\/2 .*found 'rank<=2'/);
    expect(existsSync(join(dir, 's1'))).toBe(false);
    for (const s of ['1/2', '2/2']) {
      const r = bt('sweep', 'with-base.yaml', '--shard', s, '--out', `s${s[0]}`, '--workers', '1', '--no-report', '--quiet', '--check-on', 'all', '--check', 'psr>=0');
      expect(r.code, r.stderr).toBe(0);
    }
    const gates = ['--check-on', 'base', '--check', 'rank<=3', '--check', 'sharpe>=best-0.5'];
    const merged = bt('merge', 's1', 's2', '--out', 'merged', '--no-report', '--quiet', ...gates);
    const whole = bt('sweep', 'with-base.yaml', '--out', 'g', '--resume', '--no-report', '--quiet', ...gates);
    expect(merged.code).toBe(whole.code);
    expect(merged.stderr).toBe(whole.stderr);
    expectSameSweepOutputs(dir, 'g', 'merged');
  });

  it('refuses --check-on base in bt merge when the sweep does not hold the base, before writing anything', () => {
    for (const s of ['1/2', '2/2']) expect(bt('sweep', 'without-base.yaml', '--shard', s, '--out', `n${s[0]}`, '--workers', '1', '--no-report', '--quiet').code).toBe(0);
    const r = bt('merge', 'n1', 'n2', '--out', 'n-merged', '--check-on', 'base', '--check', 'sharpe>=0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bt: --check-on base: expected a sweep whose space holds the base scenario's own settings, found the sweep's space does not hold/);
    expect(existsSync(join(dir, 'n-merged'))).toBe(false);
  });
});

describe('bt sweep --junit inside its --out folder', () => {
  it('keeps the JUnit report when a rerun replaces the folder: it was written into the old folder, which the swap then removed (exit 0, no file for CI)', () => {
    for (const run of [1, 2, 3]) {
      const r = bt('sweep', 'base-only.yaml', '--out', 'ju', '--workers', '1', '--no-report', '--quiet', '--check', 'sharpe>=-100', '--junit', 'ju/gates.xml');
      expect(r.code, `run ${run}: ${r.stderr}`).toBe(0);
      expect(existsSync(join(dir, 'ju', 'gates.xml')), `run ${run}`).toBe(true);
      expect(readFileSync(join(dir, 'ju', 'gates.xml'), 'utf8'), `run ${run}`).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="bt /);
    }
  });

  it('refuses a --junit path inside the folder\'s report/ before running: bt rebuilds report/ whole, and the file stopped it (exit 2 naming a temp folder)', () => {
    const r = bt('sweep', 'base-only.yaml', '--out', 'ju', '--workers', '1', '--quiet', '--check', 'sharpe>=-100', '--junit', 'ju/report/gates.xml');
    expect(r.stderr).toBe("bt: ju/report/gates.xml: --junit: expected a path outside the sweep folder's report/ (bt rebuilds that folder whole), found one inside it. Write it beside the report (ju/gates.xml) or elsewhere\n");
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'ju', 'report'))).toBe(false);
  });
});
