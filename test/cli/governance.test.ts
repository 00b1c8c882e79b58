import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBt, type CliResult } from '../helpers/run-cli.js';
import { btSync } from '../helpers/tiny-workspace.js';
import { readFindingsArrow } from '../../datasets/read/read-findings.js';
import { writeFindingsArrow } from '../../datasets/write/write-findings.js';
import { readGovernanceInput } from '../../engine/io/read-governance-input.js';
import { lpPeriod } from '../../engine/report/lp/lp-period.js';
import { applyChangeSets, fileData } from '../reference/apply-change-sets.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-governance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bt = (...args: string[]): CliResult => runBt(args, repo);

/** Every file under `root`, by relative path, with its bytes. */
function tree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p));
    }
  };
  walk(root);
  return out;
}

const runA = join(dir, 'run-a');
const runB = join(dir, 'run-b');

beforeAll(() => {
  for (const [out, extra] of [[runA, []], [runB, ['--governance']]] as const) {
    const r = bt('run', 'scenarios/quickstart.yaml', '--out', out, '--quiet', '--no-report', ...extra);
    expect(r.code, r.stderr).toBe(0);
  }
});

describe('bt governance', () => {
  it("writes the pull request's files in the live layout, with the sentiment class retired in 2005", () => {
    const out = join(dir, 'gov-a');
    const r = bt('governance', runA, '--out', out, '--history');
    expect(r.code, r.stderr).toBe(0);
    const kill = parse(readFileSync(join(out, 'meta_supervisor/kill_list.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
    // Thresholds from datasets/data/real-stocks/kill_list.yaml; status and reason from the run's class_retired event.
    expect(kill['sentiment']).toEqual({ status: 'DISABLED', reason: 'max_drawdown_breach', max_drawdown_bps: -12677 });
    expect(kill['arb']).toEqual({ status: 'ACTIVE', max_drawdown_bps: -56533, min_hit_rate: 0.42 });
    const agents = (parse(readFileSync(join(out, 'agents/manifest.yaml'), 'utf8')) as { agents: Record<string, Record<string, unknown>> }).agents;
    expect(Object.keys(agents)).toHaveLength(12);
    for (const a of ['sentiment_01', 'sentiment_02']) {
      expect(agents[a]).toMatchObject({ status: 'RETIRED', class: 'sentiment', since: '2005-07-03T00:00:00Z' });
      // the class's figures, named so: 384 outcomes are the class's, not the agent's
      expect(agents[a]?.['class_stats']).toMatchObject({ n_outcomes: 384 });
      expect(agents[a]).not.toHaveProperty('stats');
    }
    // The quickstart retires momentum_02 on its drawdown in 2009 (README; test/scenarios/quickstart-story.test.ts).
    expect(agents['momentum_02']?.['status']).toBe('RETIRED');
    expect(agents['momentum_02']).toHaveProperty('stats'); // its own decision: its own figures
    expect(agents['arb_01']?.['status']).toBe('ACTIVE');
    const alloc = JSON.parse(readFileSync(join(out, 'runtime/capital_governor_allocations.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(alloc).sort()).toEqual(['allocations', 'max_allocation', 'min_allocation', 'source', 'timestamp']);
    expect(alloc['source']).toBe('capital_governor');
    const targets = JSON.parse(readFileSync(join(out, 'portfolio_targets.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(targets).sort()).toEqual(['agent_contributions', 'cash', 'portfolio_value', 'targets', 'timestamp']);
    const pr = readFileSync(join(out, 'PR.md'), 'utf8');
    expect(pr).toMatch(/^# Meta-Supervisor: Promotions \/ Retirements\n/);
    expect(pr).toContain('- class sentiment: CLASS_RETIRE at 2005-07-03T00:00:00Z: max_drawdown_breach');
    const csv = readFileSync(join(out, 'decisions.csv'), 'utf8').trimEnd().split('\n');
    // One row per kills.arrow row (metrics.json n_kills: retirements and kills; the quickstart promotes no one).
    const nKills = (JSON.parse(readFileSync(join(runA, 'metrics.json'), 'utf8')) as { n_kills: number }).n_kills;
    expect(csv).toHaveLength(1 + nKills);
    expect(csv.filter((l) => l.startsWith('2005-07-03T00:00:00.000Z,')).map((l) => l.split(',').slice(1, 4).join(','))).toEqual(['CLASS_RETIRE,,sentiment', 'RETIRE,sentiment_01,sentiment', 'RETIRE,sentiment_02,sentiment']);
    expect(existsSync(join(out, 'history/2005-07-03T000000Z/PR.md'))).toBe(true);
    const notes = readFileSync(join(runA, 'notifications.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(notes.some((n) => n['text']?.startsWith('🎯 Capital Reallocation:\n'))).toBe(true);
    expect(notes.filter((n) => n['kind'] === 'class_retired')).toEqual([{ channel: 'pull_request', kind: 'class_retired', text: '🛑 Strategy class retired: sentiment (2 agents): max_drawdown_breach', ts: '2005-07-03T00:00:00Z' }]);
  });

  it('writes history change sets that, merged in order up to each decision time, are the files bt governance --at writes for that time', () => {
    const out = join(dir, 'gov-a');
    const times = readdirSync(join(out, 'history')).sort();
    // one set per decision time of decisions.csv
    const csvTimes = [...new Set(readFileSync(join(out, 'decisions.csv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',').at(-1)))];
    expect(times.map((t) => `history/${t}`)).toEqual(csvTimes);
    const sets: Record<string, string>[] = [];
    for (const t of times) {
      sets.push(Object.fromEntries([...tree(join(out, 'history', t))].map(([p, b]) => [p, b.toString('utf8')])));
      const at = join(dir, `gov-at-${t}`);
      expect(bt('governance', runA, '--out', at, '--at', t.replace(/T(\d\d)(\d\d)(\d\d)Z$/, 'T$1:$2:$3Z'), '--quiet').code).toBe(0);
      const want = new Map([...tree(at)].filter(([p]) => p !== 'PR.md' && p !== '.bt-output.json').map(([p, b]) => [p, fileData(p, b.toString('utf8'))]));
      expect(applyChangeSets(sets), t).toEqual(want);
    }
    // the second set (momentum_02 retired in 2009) changes its manifest entry alone, not the whole roster
    expect(Object.keys((parse(sets[1]?.['agents/manifest.yaml'] as string) as { agents: object }).agents)).toEqual(['momentum_02']);
  });

  it('gives byte-identical files for two runs, and bt run --governance writes the same files', () => {
    const out = join(dir, 'gov-b');
    expect(bt('governance', runB, '--out', out, '--history', '--quiet').code).toBe(0);
    const a = tree(join(dir, 'gov-a'));
    expect(a.size).toBeGreaterThan(7);
    expect(tree(out)).toEqual(a);
    // --out is a bt output folder (its marker); inside a run folder the files are the same without one
    expect(a.has('.bt-output.json')).toBe(true);
    const files = new Map([...a].filter(([f]) => f !== '.bt-output.json'));
    expect(tree(join(runB, 'governance'))).toEqual(files);
    expect(readFileSync(join(runB, 'notifications.jsonl'))).toEqual(readFileSync(join(runA, 'notifications.jsonl')));
  });

  it('writes the same governance files from a run resumed from a snapshot (the collected log gets the rows held before the stop)', () => {
    const snap = join(dir, 'half.bin');
    const resumed = join(dir, 'run-resumed');
    expect(bt('run', 'scenarios/quickstart.yaml', '--stop-after', '2006-06-30', '--snapshot', snap, '--quiet').code).toBe(0);
    const r = bt('run', 'scenarios/quickstart.yaml', '--resume', snap, '--out', resumed, '--quiet', '--no-report', '--governance');
    expect(r.code, r.stderr).toBe(0);
    expect(tree(join(resumed, 'governance'))).toEqual(tree(join(runB, 'governance')));
    expect(readFileSync(join(resumed, 'notifications.jsonl'))).toEqual(readFileSync(join(runB, 'notifications.jsonl')));
  });

  it('writes the state at --at: before 2005-07-03 the sentiment class is active', () => {
    const out = join(dir, 'gov-at');
    expect(bt('governance', runA, '--out', out, '--at', '2005-07-02', '--quiet').code).toBe(0);
    const kill = parse(readFileSync(join(out, 'meta_supervisor/kill_list.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(kill['sentiment']?.['status']).toBe('ACTIVE');
    expect(readFileSync(join(out, 'PR.md'), 'utf8')).not.toContain('sentiment');
  });

  /** A copy of run A spoiled by `spoil`; governance must exit 2 naming `file`, writing nothing. */
  function rejects(name: string, spoil: (run: string) => void, message: RegExp, extra: string[] = []): void {
    const run = join(dir, name);
    cpSync(runA, run, { recursive: true });
    rmSync(join(run, 'notifications.jsonl'), { force: true });
    spoil(run);
    const out = join(dir, `${name}-out`);
    const r = bt('governance', run, '--out', out, ...extra);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(run, 'notifications.jsonl'))).toBe(false);
  }

  it('replaces its own folder whole (no history of an earlier call stays), refuses a folder bt did not write unless --force, and leaves the old folder when a write fails', () => {
    const out = join(dir, 'gov-replace');
    expect(bt('governance', runA, '--out', out, '--history', '--quiet').code).toBe(0);
    expect(existsSync(join(out, 'history'))).toBe(true);
    expect(bt('governance', runA, '--out', out, '--at', '2001-01-01', '--quiet').code).toBe(0);
    expect(existsSync(join(out, 'history'))).toBe(false);
    expect(existsSync(join(out, 'decisions.csv'))).toBe(false);
    // a repository layout with the user's own files: refused, untouched
    const repoLayout = join(dir, 'live-repo');
    mkdirSync(join(repoLayout, 'agents'), { recursive: true });
    writeFileSync(join(repoLayout, 'agents/manifest.yaml'), 'agents: {}\n');
    writeFileSync(join(repoLayout, 'PR.md'), 'my pull request\n');
    writeFileSync(join(repoLayout, 'README.md'), 'the live system\n');
    const refused = bt('governance', runA, '--out', repoLayout);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/live-repo: expected an empty folder or a bt governance folder to replace, found a folder bt did not write \(3 entries: PR\.md, README\.md, agents\)/);
    expect(readFileSync(join(repoLayout, 'PR.md'), 'utf8')).toBe('my pull request\n');
    expect(bt('governance', runA, '--out', repoLayout, '--force', '--quiet').code).toBe(0);
    expect(existsSync(join(repoLayout, 'README.md'))).toBe(false);
    // the disk full at the 4th write: exit 4, the old folder as it was, no temp left
    const before = tree(out);
    const failed = btSync(repo, ['governance', runA, '--out', out, '--history', '--quiet'], { BT_FAULT_INJECT: 'ENOSPC@4' });
    expect(failed.code).toBe(4);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('.bt-'))).toEqual([]);
  });

  it('refuses, even with --force, an --out that is the run folder or holds it (the swap would delete the run), leaving the run as it was', () => {
    const parent = join(dir, 'holds-run');
    const run = join(parent, 'run');
    mkdirSync(parent);
    cpSync(runA, run, { recursive: true });
    const before = tree(run);
    for (const out of [parent, run]) {
      const r = bt('governance', run, '--out', out, '--force', '--quiet');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`expected an input outside the output folder ${out} (replacing that folder would delete it)`);
      expect(tree(run)).toEqual(before);
    }
  });

  it('refuses, even with --force, an --out holding the kill list it reads (the swap would delete it), leaving it as it was', () => {
    const out = join(dir, 'holds-kill-list');
    mkdirSync(out);
    const killList = join(out, 'kill_list.yaml');
    cpSync(join(repo, 'datasets/data/real-stocks/kill_list.yaml'), killList);
    const before = tree(out);
    const r = bt('governance', runA, '--kill-list', killList, '--out', out, '--force', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${killList}: expected an input outside the output folder ${out} (replacing that folder would delete it), found a file inside it`);
    expect(tree(out)).toEqual(before);
  });

  it("finds the run's kill list from any working directory (run_info.json records its path), and says so when it cannot", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'bt-governance-cwd-'));
    try {
      const out = join(dir, 'gov-cwd');
      const r = runBt(['governance', runA, '--out', out, '--quiet'], elsewhere);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      const kill = parse(readFileSync(join(out, 'meta_supervisor/kill_list.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
      expect(kill['arb']).toEqual({ status: 'ACTIVE', max_drawdown_bps: -56533, min_hit_rate: 0.42 });
      // A folder moved from another machine: the recorded path is gone, the relative one is not under this cwd.
      const moved = join(dir, 'run-moved');
      cpSync(runA, moved, { recursive: true });
      const infoPath = join(moved, 'run_info.json');
      const info = JSON.parse(readFileSync(infoPath, 'utf8')) as Record<string, unknown>;
      expect(info['kill_list_file']).toBe(join(repo, 'datasets/data/real-stocks/kill_list.yaml'));
      writeFileSync(infoPath, JSON.stringify({ ...info, kill_list_file: '/nowhere/kill_list.yaml' }));
      const lost = runBt(['governance', moved, '--out', join(dir, 'gov-moved'), '--quiet'], elsewhere);
      expect(lost.code, lost.stderr).toBe(0);
      expect(lost.stderr).toMatch(/kill list \.\.\/datasets\/data\/real-stocks\/kill_list\.yaml not found \(looked for \/nowhere\/kill_list\.yaml, .*\): kill_list\.yaml has statuses but no thresholds; pass --kill-list FILE/);
      const bare = parse(readFileSync(join(dir, 'gov-moved/meta_supervisor/kill_list.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
      expect(bare['arb']).toEqual({ status: 'ACTIVE' });
      // From the repository, the relative path is found again, and gives the same files as the recorded one.
      const back = bt('governance', moved, '--out', join(dir, 'gov-moved'), '--quiet');
      expect(back.code, back.stderr).toBe(0);
      expect(tree(join(dir, 'gov-moved'))).toEqual(tree(out));
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses an --at outside the run (before it, the roster would come from its future) and writes nothing', () => {
    for (const at of ['1990-01-01', '2010-03-02']) {
      const out = join(dir, `gov-at-${at}`);
      const r = bt('governance', runA, '--out', out, '--at', at);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`bt: --at: expected a time within the run (2000-01-01T00:00:00Z .. 2010-03-01T00:00:00Z), found ${at}T00:00:00Z\n`);
      expect(existsSync(out)).toBe(false);
    }
    expect(bt('governance', runA, '--out', join(dir, 'gov-at-end'), '--at', '2010-03-01', '--quiet').code).toBe(0);
  });

  it('lists an agent only from when it joins the roster: not in the files, the PR or the LP rows before its first finding, and since its join', async () => {
    // The quickstart with arb_01's findings before 2005 deleted: it joins at its first finding in 2005.
    const f = readFindingsArrow('datasets/data/real-stocks/findings.arrow');
    const arb = f.agent.dictionary.indexOf('arb_01');
    const keep = Array.from({ length: f.length }, (_, i) => i).filter((i) => f.agent.codes[i] !== arb || (f.tsMs[i] as number) >= Date.UTC(2005, 0, 1));
    const pick = <T extends { readonly [k: number]: number }>(a: T, make: (n: number) => T & { [k: number]: number }): T => {
      const out = make(keep.length);
      keep.forEach((i, k) => (out[k] = a[i] as number));
      return out;
    };
    const cols = {
      ...f,
      length: keep.length,
      tsMs: pick(f.tsMs, (n) => new Float64Array(n)),
      agent: { dictionary: f.agent.dictionary, codes: pick(f.agent.codes, (n) => new Int32Array(n)) },
      symbol: { dictionary: f.symbol.dictionary, codes: pick(f.symbol.codes, (n) => new Int32Array(n)) },
      severity: { dictionary: f.severity.dictionary, codes: pick(f.severity.codes, (n) => new Int32Array(n)) },
      strategy: { dictionary: f.strategy.dictionary, codes: pick(f.strategy.codes, (n) => new Int32Array(n)) },
      confidence: pick(f.confidence, (n) => new Float64Array(n)),
      direction: pick(f.direction, (n) => new Int8Array(n)),
      horizonHours: pick(f.horizonHours, (n) => new Float64Array(n)),
    };
    const late = join(dir, 'late');
    mkdirSync(late);
    writeFindingsArrow(join(late, 'findings.arrow'), cols);
    const data = join(repo, 'datasets/data/real-stocks');
    writeFileSync(join(late, 'late.yaml'), readFileSync('scenarios/quickstart.yaml', 'utf8').replace('name: quickstart', 'name: late').replace('findings: ../datasets/data/real-stocks/findings.arrow', `findings: ${join(late, 'findings.arrow')}`).replaceAll('../datasets/data/real-stocks', data));
    const run = bt('run', join(late, 'late.yaml'), '--out', join(late, 'run'), '--quiet', '--no-report');
    expect(run.code, run.stderr).toBe(0);
    const at = (when: string): Record<string, Record<string, unknown>> => {
      const out = join(late, `gov-${when}`);
      const r = bt('governance', join(late, 'run'), '--out', out, '--at', when, '--quiet');
      expect(r.code, r.stderr).toBe(0);
      const w = JSON.parse(readFileSync(join(out, 'allocation/weights.json'), 'utf8')) as Record<string, unknown>;
      const gov = JSON.parse(readFileSync(join(out, 'runtime/capital_governor_allocations.json'), 'utf8')) as { allocations: Record<string, unknown> };
      const agents = (parse(readFileSync(join(out, 'agents/manifest.yaml'), 'utf8')) as { agents: Record<string, Record<string, unknown>> }).agents;
      expect(Object.keys(w).includes('arb_01'), when).toBe('arb_01' in agents);
      expect(Object.keys(gov.allocations).includes('arb_01'), when).toBe('arb_01' in agents);
      return agents;
    };
    expect(Object.keys(at('2003-06-30'))).not.toContain('arb_01');
    expect(Object.keys(at('2003-06-30'))).toHaveLength(11);
    expect(at('2006-06-30')['arb_01']).toMatchObject({ status: 'ACTIVE', since: '2005-01-01T00:00:00Z' });
    // LP rows of a week before the join have no arb_01
    const { input } = await readGovernanceInput(join(late, 'run'), {});
    const week = lpPeriod(input, 'w', Date.UTC(2003, 5, 2), Date.UTC(2003, 5, 9), []);
    expect(week.agents.map((a) => a.agent)).not.toContain('arb_01');
    expect(week.agents).toHaveLength(11);
  });

  it('writes the run folder\'s notifications.jsonl before swapping --out, under the run folder\'s lock: a failure at any write leaves --out as it was, and a bt run replacing the folder meanwhile is kept out', async () => {
    const out = join(dir, 'gov-fault');
    expect(bt('governance', runA, '--out', out, '--quiet').code).toBe(0);
    const before = tree(out);
    for (let k = 1; k <= 8; k++) {
      const r = btSync(repo, ['governance', runA, '--out', out, '--history', '--quiet'], { BT_FAULT_INJECT: `ENOSPC@${k}` });
      expect(r.code, `ENOSPC@${k}: ${r.stderr}`).toBe(4);
      expect(tree(out), `ENOSPC@${k}`).toEqual(before);
    }
    const run = join(dir, 'locked-run');
    cpSync(runA, run, { recursive: true });
    const holder = spawn(process.execPath, [join(repo, 'bin/bt.js'), 'run', 'scenarios/quickstart.yaml', '--out', run, '--quiet', '--no-report'], { cwd: repo, env: { ...process.env, BT_FAULT_PAUSE: 'locked' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<void>((res) => holder.on('exit', () => res()));
    await new Promise<void>((res) => holder.stderr.on('data', (d: Buffer) => d.toString().includes('fault pause at locked') && res()));
    const refused = bt('governance', run, '--out', join(dir, 'gov-locked'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/locked-run: expected no other bt process writing this folder while it is read, found bt process \d+ writing it \(lock \.bt-lock-locked-run\)\. Wait for it to finish, then run this again\n$/);
    expect(existsSync(join(dir, 'gov-locked'))).toBe(false);
    holder.kill('SIGKILL');
    await exited;
  });

  it('exits 2 naming a folder given as --kill-list (it was exit 4, "an output path: cannot write"), and passes over a folder at the path run_info.json records', () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    rejects('kill-list-folder', () => undefined, /^bt: .*a-folder: --kill-list: expected the kill list the run used, found a folder\n$/, ['--kill-list', folder]);
    const run = join(dir, 'recorded-folder');
    cpSync(runA, run, { recursive: true });
    const infoPath = join(run, 'run_info.json');
    writeFileSync(infoPath, JSON.stringify({ ...(JSON.parse(readFileSync(infoPath, 'utf8')) as object), kill_list_file: folder }));
    const r = bt('governance', run, '--out', join(dir, 'recorded-folder-out'), '--quiet');
    expect([r.code, r.stderr]).toEqual([0, '']); // the kill list found beside the scenarios instead
  });

  it('exits 2 naming events.arrow when the run folder has none, and writes nothing', () => {
    rejects('no-events', (run) => rmSync(join(run, 'events.arrow')), /^bt: .*no-events\/events\.arrow: expected a file of the run folder written by bt run, found no such file\. Run the scenario again/);
  });

  it('exits 2 naming manifest.json when the run is from another bt version', () => {
    rejects('old-version', (run) => {
      const p = join(run, 'manifest.json');
      writeFileSync(p, readFileSync(p, 'utf8').replace('"bt_version": "0.1.0"', '"bt_version": "0.0.9"'));
    }, /^bt: .*old-version\/manifest\.json: bt_version: expected 0\.1\.0 \(this bt\), found "0\.0\.9"\. Run the scenario again/);
  });

  it('exits 2 naming the file whose sha256 no longer matches the manifest (outputs and the kill list input)', () => {
    rejects('changed-events', (run) => appendFileSync(join(run, 'events.arrow'), 'x'), /^bt: .*changed-events\/events\.arrow: sha256: expected [0-9a-f]{64} \(manifest\.json\), found [0-9a-f]{64}\. The file changed after bt run wrote it/);
    const other = join(dir, 'kill_list.yaml');
    writeFileSync(other, `${readFileSync('datasets/data/real-stocks/kill_list.yaml', 'utf8')}# edited\n`);
    rejects('changed-kill-list', () => undefined, /^bt: .*kill_list\.yaml: sha256: expected [0-9a-f]{64} \(manifest\.json\), found [0-9a-f]{64}\. The kill list changed since the run/, ['--kill-list', other]);
  });
});
