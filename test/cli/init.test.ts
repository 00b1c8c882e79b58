import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBt, type CliResult } from '../helpers/run-cli.js';
import { readAgentsArrow } from '../../datasets/read/read-agents.js';
import { writeAgentsArrow } from '../../datasets/write/write-agents.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bt = (...args: string[]): CliResult => runBt(args, dir);

beforeAll(() => {
  const g = bt('data', 'generate', '--seed', '7', '--out', 'universe', '--agents', '6', '--symbols', '4', '--start', '2022-01-01', '--end', '2022-06-30');
  expect(g.code, g.stderr).toBe(0);
});

describe('bt init', () => {
  it('writes a commented starter scenario and sweep that run as written', () => {
    const r = bt('init', 'my-desk', '--findings', 'universe/findings.arrow', '--prices', 'universe/prices.arrow', '--agents', 'universe/agents.arrow');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'my-desk')).sort()).toEqual(['.bt-output.json', 'scenario.yaml', 'sweep.yaml']);
    const text = readFileSync(join(dir, 'my-desk/scenario.yaml'), 'utf8');
    expect(text).toContain('findings: ../universe/findings.arrow');
    expect(text).toContain('name: my-desk');
    // every set field sits under its doc comment
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (/^\s*[a-z_]+:/.test(line)) expect(lines[i - 1] ?? '', line).toMatch(/^\s*# /);
    });
    const run = bt('run', 'my-desk/scenario.yaml', '--out', 'run', '--no-report', '--quiet');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'run/metrics.json'))).toBe(true);
    const sweep = bt('sweep', 'my-desk/sweep.yaml', '--out', 'sweep', '--workers', '1', '--no-report', '--quiet');
    expect(sweep.stderr).toBe('');
    expect(sweep.code).toBe(0);
  });

  it("sweeps the two risk-penalty slopes at half, once and twice the scenario's sized values, and holds the scenario's own settings", () => {
    const text = readFileSync(join(dir, 'my-desk/scenario.yaml'), 'utf8');
    const sweepText = readFileSync(join(dir, 'my-desk/sweep.yaml'), 'utf8');
    for (const key of ['dd_penalty_k', 'cvar_penalty_k']) {
      const k = Number(new RegExp(`\n    ${key}: ([0-9.e-]+)  #`).exec(text)?.[1]);
      expect(k, key).toBeGreaterThan(0);
      const line = sweepText.split('\n').find((l) => l.startsWith(`    allocator.params.${key}: [`)) ?? '';
      const grid = line.slice(line.indexOf('[') + 1, line.indexOf(']')).split(', ').map(Number);
      // 0.5 k, k, 2 k, each within rounding to 3 significant digits
      expect(grid?.length, key).toBe(3);
      [0.5, 1, 2].forEach((m, i) => expect(Math.abs((grid?.[i] as number) - m * k), `${key} x ${m}`).toBeLessThanOrEqual(5e-3 * m * k));
      expect(grid?.[1], `${key} x 1 is the scenario's own`).toBe(k);
    }
    // the cap and cash buffer keep their three values each: 3 x 3 x 3 x 3 configurations, the base among them
    const r = bt('sweep', 'my-desk/sweep.yaml', '--out', 'sweep', '--resume', '--no-report', '--json', '--check-on', 'base', '--check', 'n>=1');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { n_configs: number; base_config_id: string | null; params: string[]; gates: { passed: boolean } };
    expect(summary.n_configs).toBe(81);
    expect(summary.base_config_id).toMatch(/^[0-9a-f]{12}$/);
    expect(summary.params).toEqual(['targets.max_agent_weight', 'targets.cash_buffer', 'allocator.params.dd_penalty_k', 'allocator.params.cvar_penalty_k']);
    expect(summary.gates.passed).toBe(true);
  });

  it('says on stderr, instead of "next: bt run", that bt run refuses an agents file lacking an agent of the findings, with the fix', () => {
    const a = readAgentsArrow(join(dir, 'universe/agents.arrow'));
    const keep = (k: number): boolean => k !== 0;
    const dropped = a.agent[0] as string;
    writeAgentsArrow(join(dir, 'agents-short.arrow'), {
      length: a.length - 1, agent: a.agent.filter((_, k) => keep(k)), strategy: a.strategy.filter((_, k) => keep(k)),
      enabled: a.enabled.filter((_, k) => keep(k)), weight: a.weight.filter((_, k) => keep(k)), intervalMinutes: a.intervalMinutes.filter((_, k) => keep(k)),
    });
    const r = bt('init', 'short-desk', '--findings', 'universe/findings.arrow', '--prices', 'universe/prices.arrow', '--agents', 'agents-short.arrow');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('next: bt run');
    expect(r.stderr).toMatch(new RegExp(`^bt init: note: bt run refuses these files as they are; fix them, then bt run short-desk/scenario\\.yaml:\n  universe/findings\\.arrow: row \\d+: agent: expected an agent listed in agents-short\\.arrow, found '${dropped}' \\(its first row; later rows naming it are not listed\\)\\. Add a row for '${dropped}' to agents-short\\.arrow \\(bt data import agents\\), or drop its findings\n$`));
    const run = bt('run', 'short-desk/scenario.yaml', '--out', 'run-short', '--no-report', '--quiet');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`found '${dropped}'`);
  });

  it('rewrites its own starter, but refuses one the user edited or added to (kept as it was), and an --agents inside it', () => {
    const args = ['--findings', 'universe/findings.arrow', '--prices', 'universe/prices.arrow'];
    expect(bt('init', 'edited', ...args).code).toBe(0);
    expect(bt('init', 'edited', ...args).code).toBe(0); // untouched: bt's own files, replaced
    const path = join(dir, 'edited/scenario.yaml');
    writeFileSync(path, `${readFileSync(path, 'utf8')}# my edit\n`);
    const r = bt('init', 'edited', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: ' + join(dir, 'edited') + ': expected a bt starter folder holding only what bt wrote, to replace, found files edited since bt wrote them (scenario.yaml). bt never deletes what it did not write: move them out of the folder, choose another DIR, or pass --force to replace the folder with them\n');
    expect(readFileSync(path, 'utf8')).toMatch(/# my edit\n$/);
    writeFileSync(join(dir, 'edited/agents.arrow'), readFileSync(join(dir, 'universe/agents.arrow')));
    const inside = bt('init', 'edited', ...args, '--agents', 'edited/agents.arrow');
    expect(inside.code).toBe(2);
    expect(inside.stderr).toBe('bt: edited/agents.arrow: expected an input outside the output folder ' + join(dir, 'edited') + ' (replacing that folder would delete it), found a file inside it. Move it out of the folder, or choose another DIR\n');
    expect(existsSync(join(dir, 'edited/agents.arrow'))).toBe(true);
  });

  it('names its DIR argument, not an --out it does not take, when it refuses the working directory', () => {
    const r = bt('init', '.', '--findings', 'universe/findings.arrow', '--prices', 'universe/prices.arrow');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: ' + dir + ': DIR: expected a folder other than the working directory or one holding it (bt swaps its output folder in whole), found the working directory. Choose a folder below it, such as results/NAME\n');
  });

  it('sizes the thresholds from the prices and keeps a daily desk of 24 h calls in play (the seeds\' left no agent by February)', () => {
    // the audit's data: 8 agents, 6 symbols, daily closes, one 24 h call per agent per day
    expect(bt('data', 'generate', '--seed', '3', '--out', 'audit-u', '--agents', '8', '--symbols', '6', '--start', '2022-01-01', '--end', '2022-12-31', '--freq', '1d', '--findings-per-agent-per-bar', '1', '--horizon-hours', '24').code).toBe(0);
    expect(bt('init', 'audit', '--findings', 'audit-u/findings.arrow', '--prices', 'audit-u/prices.arrow', '--agents', 'audit-u/agents.arrow').code).toBe(0);
    const text = readFileSync(join(dir, 'audit/scenario.yaml'), 'utf8');
    expect(text).toMatch(/\n  error_abs_bps: \d+  # 95th percentile of \|24 h close-to-close return\| over the prices \(2184 returns\): \d+ bps\n/);
    expect(text).toMatch(/\n  retire_pnl_sum_bps: -\d+  # -3 sd of a no-edge agent's sum over its window: -3 x rms \d+ bps of the 24 h returns x sqrt\(250 outcomes\)\n/);
    expect(text).toMatch(/\n  retire_drawdown_bps: -\d+  # -3 sd of a no-edge agent's whole-run pnl: -3 x rms \d+ bps of the 24 h returns x sqrt\(364 outcomes per agent, median\)\n/);
    expect(text).toContain('\n  kill_error_rate: 0.2  # a no-edge agent errs on 5% of its outcomes; 3 sd above that on 20 outcomes (kill.retire_min_outcomes), rounded up to whole percent\n');
    // the same files give the same scenario (bt init replaces its own, untouched starter)
    expect(bt('init', 'audit', '--findings', 'audit-u/findings.arrow', '--prices', 'audit-u/prices.arrow', '--agents', 'audit-u/agents.arrow').code).toBe(0);
    expect(readFileSync(join(dir, 'audit/scenario.yaml'), 'utf8')).toBe(text);
    const r = bt('run', 'audit/scenario.yaml', '--out', 'audit-run', '--no-report');
    // agents in play, and one note: each 24 h call is due at the daily close its fill waits for (README, "fill lag")
    expect([r.code, r.stderr]).toEqual([0, "bt run audit: note: 100.00% of the findings a tick saw (2912 of 2912) were reconciled at or before their symbol's next close after that tick, where the tick's targets fill: the agents' statistics count these calls, the equity never held them (median horizon 24 h; median lag from tick to next close 24 h). Give calls a horizon of several bars (reconcile.horizon_hours, or the findings' horizon_hours), tick more often (clock.cadence: a tick nearer each finding fills at an earlier close), or bring denser prices\n"]);
    const final = JSON.parse(readFileSync(join(dir, 'audit-run/final_state.json'), 'utf8')) as { agent_status: Record<string, string> };
    expect(Object.values(final.agent_status).filter((s) => s === 'active').length).toBeGreaterThanOrEqual(6);
  });

  it('gives findings without horizon_hours 3 bars of the closes, so the book holds their calls (at 1 bar, as before, it held none)', () => {
    // 2 symbols with daily closes on weekdays, 3 agents calling at 14:00 UTC, no horizon column.
    // At 24 h (the spacing) a call at day d 14:00 is seen by the tick at d+1 00:00, fills at the
    // close after it (d+2 00:00) and is due at d+1 14:00, before that: the run's note counted 100 %.
    const prices = ['ts,symbol,close'];
    const findings = ['ts,agent,symbol,severity,confidence'];
    const close = [100, 50];
    for (let d = 0; d < 120; d++) {
      const day = new Date(Date.UTC(2023, 0, 2) + d * 86_400_000);
      if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
      const date = day.toISOString().slice(0, 10);
      close.forEach((c, s) => {
        close[s] = c * (1 + 0.01 * Math.sin(d * (s + 1.3)));
        prices.push(`${date},S${s},${(close[s] as number).toFixed(4)}`);
      });
      for (let a = 0; a < 3; a++) findings.push(`${date}T14:00:00Z,agent_${a},S${(d + a) % 2},medium,0.${5 + a}`);
    }
    writeFileSync(join(dir, 'nh-prices.csv'), `${prices.join('\n')}\n`);
    writeFileSync(join(dir, 'nh-findings.csv'), `${findings.join('\n')}\n`);
    expect(bt('data', 'import', 'prices', 'nh-prices.csv', '--out', 'nh-prices.arrow').code).toBe(0);
    expect(bt('data', 'import', 'findings', 'nh-findings.csv', '--out', 'nh-findings.arrow').code).toBe(0);
    expect(bt('init', 'no-horizon', '--findings', 'nh-findings.arrow', '--prices', 'nh-prices.arrow').code).toBe(0);
    const text = readFileSync(join(dir, 'no-horizon/scenario.yaml'), 'utf8');
    expect(text).toContain("\n  horizon_hours: 72  # the findings carry no horizon_hours: 3 x the median spacing of the closes, so that the book holds a call for a bar at least before it is judged (at one bar, none: bt run's fill-lag note)\n");
    expect(text).toMatch(/\n  error_abs_bps: \d+  # 95th percentile of \|72 h close-to-close return\|/);
    const r = bt('run', 'no-horizon/scenario.yaml', '--out', 'no-horizon-run', '--no-report');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/, fills [1-9]\d*,/);
  });

  it('sizes the decay and promotion from the prices: multipliers off the floor, the high-skill agent promoted (the seeds\' left all at 0.5, nobody promoted)', () => {
    // the audit's daily desk again; with the seeds' decay every multiplier ended at the 0.5 floor
    expect(bt('data', 'generate', '--seed', '3', '--out', 'decay-u', '--agents', '8', '--symbols', '6', '--start', '2022-01-01', '--end', '2022-12-31', '--freq', '1d', '--findings-per-agent-per-bar', '1', '--horizon-hours', '24').code).toBe(0);
    expect(bt('init', 'decay', '--findings', 'decay-u/findings.arrow', '--prices', 'decay-u/prices.arrow', '--agents', 'decay-u/agents.arrow').code).toBe(0);
    const text = readFileSync(join(dir, 'decay/scenario.yaml'), 'utf8');
    expect(text).toMatch(/\n  half_life_signals: 63  # the judged window \(250 outcomes, as kill.retire_pnl_sum_bps\) \/ 4: /);
    expect(text).toMatch(/\n  loss_k_bps: \d+  # puts a no-edge agent \(random direction, misses by \|24 h return\|, loses half the time\) at multiplier 0.707 /);
    expect(text).toMatch(/\n  stability_good_err_bps: \d+  # 30th percentile of \|24 h return\|/);
    expect(text).toMatch(/\n  min_pnl_sum_bps: \d+  # the gate that tells skill from luck: 3 sd /);
    expect(text).toMatch(/\n  max_avg_abs_error_bps: \d+  # not a gate: errors are market moves/);
    const r = bt('run', 'decay/scenario.yaml', '--out', 'decay-run', '--no-report', '--csv');
    // the audit's desk's one note: each 24 h call is due at the daily close its fill waits for (README, "fill lag")
    expect([r.code, r.stderr]).toEqual([0, "bt run decay: note: 100.00% of the findings a tick saw (2912 of 2912) were reconciled at or before their symbol's next close after that tick, where the tick's targets fill: the agents' statistics count these calls, the equity never held them (median horizon 24 h; median lag from tick to next close 24 h). Give calls a horizon of several bars (reconcile.horizon_hours, or the findings' horizon_hours), tick more often (clock.cadence: a tick nearer each finding fills at an earlier close), or bring denser prices\n"]);
    const final = JSON.parse(readFileSync(join(dir, 'decay-run/final_state.json'), 'utf8')) as { confidence_multipliers: Record<string, number>; agent_status: Record<string, string> };
    const multipliers = Object.values(final.confidence_multipliers);
    expect(multipliers.every((m) => m > 0.6 && m < 0.9), multipliers.join(' ')).toBe(true);
    // arb_01 is the generator's high-skill agent (IC 0.25) and ends highest; funding_01 (IC 0) is not promoted
    expect(Math.max(...multipliers)).toBe(final.confidence_multipliers['arb_01']);
    expect(final.agent_status['arb_01']).toBe('promoted');
    expect(final.agent_status['funding_01']).toBe('active');
  });

  it("sizes risk-penalized's two penalty slopes and the CVaR window on three-month calls, where the seeds' floored every agent and gave no class a CVaR", () => {
    const rs = (f: string): string => fileURLToPath(new URL(`../../datasets/data/real-stocks/${f}`, import.meta.url));
    expect(bt('init', 'long', '--findings', rs('findings.arrow'), '--prices', rs('prices.arrow'), '--agents', rs('agents.arrow')).code).toBe(0);
    const text = readFileSync(join(dir, 'long/scenario.yaml'), 'utf8');
    // each slope puts the no-edge figure its comment names halfway between 1 and the floor
    const dd = /\n    dd_penalty_k: ([0-9.e-]+)  # puts a no-edge agent's expected whole-run drawdown, sqrt\(pi\/2\) x rms \d+ bps x sqrt\(\d+ outcomes\) = (\d+) bps, at factor 0.7, halfway between 1 and the 0.4 floor: /.exec(text);
    expect(dd, text).not.toBeNull();
    expect(Math.abs(1 - Number(dd?.[2]) * Number(dd?.[1]) - 0.7)).toBeLessThan(0.01);
    const cv = /\n    cvar_penalty_k: ([0-9.e-]+)  # puts a no-edge class's CVaR of the gap, the CVaR of \+-every 2232 h return \((-\d+) bps\), at factor 0.625, halfway between 1 and the 0.25 floor: /.exec(text);
    expect(cv, text).not.toBeNull();
    expect(Math.abs(1 + Number(cv?.[2]) * Number(cv?.[1]) - 0.625)).toBeLessThan(0.01);
    // the window holds 2 x min_n outcomes of the median class: well past the seed's 30 days on monthly calls
    const w = /\n  window_days: (\d+)  # holds 2 x cvar.min_n \(20\) outcomes of the median strategy class \((\d+) findings over (\d+) days, 5 classes\)/.exec(text);
    expect(w, text).not.toBeNull();
    expect(Number(w?.[1])).toBeGreaterThan(30);
    expect((Number(w?.[1]) * Number(w?.[2])) / Number(w?.[3])).toBeGreaterThanOrEqual(40);
    expect(text).toContain('\n  variant: risk-penalized  #');
    const run = bt('run', 'long/scenario.yaml', '--out', 'long-run', '--no-report', '--quiet');
    expect([run.code, run.stderr]).toEqual([0, '']);
  });

  it('says on stderr when the agents file enables no agent (an agent,strategy list imports them all disabled): the run made no fill', () => {
    writeFileSync(join(dir, 'desk-agents.csv'), `agent,strategy\n${readAgentsArrow(join(dir, 'universe/agents.arrow')).agent.map((a) => `${a},x`).join('\n')}\n`);
    expect(bt('data', 'import', 'agents', 'desk-agents.csv', '--out', 'desk-agents.arrow').code).toBe(0);
    expect(bt('init', 'off-desk', '--findings', 'universe/findings.arrow', '--prices', 'universe/prices.arrow', '--agents', 'desk-agents.arrow').code).toBe(0);
    const r = bt('run', 'off-desk/scenario.yaml', '--out', 'off-run', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(', fills 0,');
    expect(r.stderr).toBe('bt run off-desk: note: no agent of desk-agents.arrow (data.agents) is enabled, and a disabled agent gets no capital: the book held cash throughout (fills 0). Set enabled to true for the agents to fund, or leave data.agents out to fund every agent of the findings\n');
    // the generated universe's own agents file enables every agent: no note
    const on = bt('run', 'my-desk/scenario.yaml', '--out', 'on-run', '--no-report');
    expect([on.code, on.stderr]).toEqual([0, '']);
  });

  it('says on stderr when no agent is left in play at the end of a run (the seeds\' 24 h thresholds on a daily desk: all eight out by February)', () => {
    expect(bt('data', 'generate', '--seed', '3', '--out', 'wiped-u', '--agents', '8', '--symbols', '5', '--start', '2022-01-01', '--end', '2022-12-31', '--freq', '1d', '--horizon-hours', '24').code).toBe(0);
    expect(bt('init', 'wiped', '--findings', 'wiped-u/findings.arrow', '--prices', 'wiped-u/prices.arrow', '--agents', 'wiped-u/agents.arrow').code).toBe(0);
    // back to the seeds' thresholds, as bt init wrote them before it sized them from the prices
    const path = join(dir, 'wiped/scenario.yaml');
    const seeded = readFileSync(path, 'utf8')
      .replace(/\n  error_abs_bps: .*\n/, '\n  error_abs_bps: 200\n')
      .replace(/\n  kill_error_rate: .*\n/, '\n  kill_error_rate: 0.15\n')
      .replace(/\n  retire_pnl_sum_bps: .*\n/, '\n  retire_pnl_sum_bps: -200\n')
      .replace(/\n  retire_drawdown_bps: .*\n/, '\n  retire_drawdown_bps: -500\n');
    writeFileSync(join(dir, 'wiped-seed.yaml'), seeded.replace(/\.\.\/wiped-u\//g, 'wiped-u/'));
    const r = bt('run', 'wiped-seed.yaml', '--out', 'wiped-run', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("bt run wiped: note: 100.00% of the findings a tick saw (1456 of 1456) were reconciled at or before their symbol's next close after that tick, where the tick's targets fill: the agents' statistics count these calls, the equity never held them (median horizon 24 h; median lag from tick to next close 24 h). Give calls a horizon of several bars (reconcile.horizon_hours, or the findings' horizon_hours), tick more often (clock.cadence: a tick nearer each finding fills at an earlier close), or bring denser prices\n" + "bt run wiped: note: no agent is left in play at the end (4 killed, 4 retired, the last on 2022-02-21): the book held cash from then on. kills.arrow gives each reason; the thresholds are kill.* and reconcile.error_abs_bps (scenarios/README.md), which the seeds set for 24 h calls\n");
    const final = JSON.parse(readFileSync(join(dir, 'wiped-run/final_state.json'), 'utf8')) as { agent_status: Record<string, string> };
    expect(Object.values(final.agent_status).every((s) => s === 'killed' || s === 'retired')).toBe(true);
    // a run that keeps agents in play prints no note (the quickstart ends with nine active)
    const kept = bt('run', join(process.cwd(), 'scenarios/quickstart.yaml'), '--out', 'qs-run', '--no-report');
    expect([kept.code, kept.stderr]).toEqual([0, '']);
  });

  it("says on stderr when no finding's outcome falls within the run (24 h calls, a run of 20 h), not only 'reconciliations 0'", () => {
    const scenario = ['name: short', 'data:', '  findings: universe/findings.arrow', '  prices: universe/prices.arrow', 'time:', "  end: '2022-01-01T20:00:00Z'", 'clock:', '  cadence: 1d', 'allocator:', '  variant: risk-penalized', ''];
    writeFileSync(join(dir, 'short.yaml'), scenario.join('\n'));
    const r = bt('run', 'short.yaml', '--out', 'short-run', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/findings [1-9]\d*, reconciliations 0,/);
    expect(r.stderr).toBe("bt run short: note: no finding's outcome falls within the run (reconciliations 0): each finding's horizon (its own horizon_hours column where it has one, else reconcile.horizon_hours 24 h) passes the run's end: a run of 20 h (2022-01-01 .. 2022-01-01), so no agent's calls were judged. Lengthen the run (time.start, time.end) or shorten the horizons\n");
    // a day more, and the first calls are reconciled: no note
    writeFileSync(join(dir, 'longer.yaml'), scenario.join('\n').replace('2022-01-01T20:00:00Z', '2022-01-03T00:00:00Z').replace('name: short', 'name: longer'));
    const longer = bt('run', 'longer.yaml', '--out', 'longer-run', '--no-report');
    expect([longer.code, longer.stderr]).toEqual([0, '']);
  });

  it('refuses a non-empty folder it did not write and leaves it untouched', () => {
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine/notes.txt'), 'keep me');
    const r = bt('init', 'mine', '--findings', 'universe/findings.arrow', '--prices', 'universe/prices.arrow');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bt never deletes what it did not write');
    expect(readdirSync(join(dir, 'mine'))).toEqual(['notes.txt']);
  });

  it('exits 2 naming the missing --prices', () => {
    const r = bt('init', 'x', '--findings', 'universe/findings.arrow');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bt: --prices: expected a file (bt init DIR --findings F --prices P [--agents A]), found nothing\n');
  });
});
