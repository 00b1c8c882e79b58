import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { btSync } from '../helpers/tiny-workspace.js';
import { readEventsArrow } from '../../engine/io/read-events.js';

// The reporting period of bt governance and bt report lp is the run's: from its start as
// manifest.json records it (time.start, else the first price or finding), not from its first
// logged event, which a time.start's warm-up puts before the start and prices before the first
// finding put after it.
const dir = mkdtempSync(join(tmpdir(), 'bt-reporting-period-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bt = (...args: string[]) => btSync(dir, args);

/** A scenario over the hourly universe u/ (prices from 2021-03-01T00:00Z, the first finding at 04:00). */
const scenario = (name: string, time: readonly string[], cadence = '1d'): string =>
  [`name: ${name}`, 'seed: 3', 'data:', '  findings: u/findings.arrow', '  prices: u/prices.arrow', '  agents: u/agents.arrow', ...time, 'clock:', `  cadence: ${cadence}`, 'allocator:', '  variant: risk-penalized', ''].join('\n');

beforeAll(() => {
  const g = bt('data', 'generate', '--seed', '7', '--out', 'u', '--start', '2021-03-01', '--end', '2021-03-31', '--freq', '1h', '--agents', '6', '--symbols', '4', '--findings-per-agent-per-bar', '0.05');
  expect(g.code, g.stderr).toBe(0);
  // data from 2021-03-01; the run starts on Wednesday 2021-03-10 (ISO week 2021-W10 began on the 8th)
  writeFileSync(join(dir, 'warm.yaml'), scenario('warm', ['time:', "  start: '2021-03-10'", "  end: '2021-03-20'"]));
  writeFileSync(join(dir, 'open.yaml'), scenario('open', []));
  // the clock ticks to a time.end later than the data (the last price is 2021-03-31T23:00Z): Tuesday 2021-04-13, ISO week 2021-W15;
  // weekly ticks (epoch-aligned: Thursdays) make the last event the tick of Thursday 2021-04-08, in 2021-W14
  writeFileSync(join(dir, 'late.yaml'), scenario('late', ['time:', "  end: '2021-04-13'"], '7d'));
  for (const name of ['warm', 'open', 'late']) {
    const r = bt('run', `${name}.yaml`, '--out', `run-${name}`, '--quiet', '--no-report');
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

const manifest = (run: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, run, 'manifest.json'), 'utf8')) as Record<string, unknown>;

/** The agents table of a daily Markdown summary: agent -> [findings bps, to date bps]. */
function agentBps(md: string): Map<string, [string, string]> {
  const rows = md.split('\n').filter((l) => /^\| \w+_\d+ \|/.test(l));
  return new Map(rows.map((l) => l.split('|').map((c) => c.trim())).map((c) => [c[1] as string, [c[5] as string, c[6] as string]]));
}

describe('the reporting period of bt governance and bt report lp', () => {
  it("records the run's start in manifest.json: time.start, else the first price (before the first finding)", () => {
    expect(manifest('run-warm')['run_start']).toBe('2021-03-10T00:00:00.000Z');
    expect(manifest('run-open')['run_start']).toBe('2021-03-01T00:00:00.000Z');
    // the premise: the warm-up logged joins and outcomes before the start, and the open run's first logged event comes after its first price
    const warm = readEventsArrow(join(dir, 'run-warm/events.arrow'));
    expect(warm.filter((e) => e.kind === 'outcome_reconciled' && e.tsMs < Date.UTC(2021, 2, 10)).length).toBeGreaterThan(20);
    expect(readEventsArrow(join(dir, 'run-open/events.arrow'))[0]?.tsMs).toBeGreaterThan(Date.UTC(2021, 2, 1, 1));
  });

  it("writes no LP week or day before time.start, heads every report with the run's start, and counts no warm-up outcome in the agents' to date bps", () => {
    const r = bt('report', 'lp', 'run-warm', '--out', 'lp-warm', '--all', '--format', 'md,html');
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(join(dir, 'lp-warm')).sort();
    expect(files.filter((f) => f.endsWith('.html'))).toEqual(['lp_weekly_2021-W10.html', 'lp_weekly_2021-W11.html']);
    expect(files.filter((f) => f.endsWith('.md'))[0]).toBe('lp_daily_2021-03-10.md');
    const first = readFileSync(join(dir, 'lp-warm/lp_daily_2021-03-10.md'), 'utf8');
    expect(first).toContain('Run warm (risk-penalized), 2021-03-10 .. 2021-03-20.');
    expect(readFileSync(join(dir, 'lp-warm/lp_weekly_2021-W10.html'), 'utf8')).toContain('2021-03-10 .. 2021-03-20');
    // on the first day, to date is the day itself: the warm-up's outcomes (reconciled before the start) are not the fund's
    const bps = agentBps(first);
    expect(bps.size).toBe(6);
    for (const [agent, [day, toDate]] of bps) expect(toDate, agent).toBe(day);
    const r1 = bt('report', 'lp', 'run-warm', '--out', 'lp-w09', '--week', '2021-W09');
    expect(r1.code).toBe(2);
    expect(r1.stderr).toBe("bt: --week: expected an ISO week of the run (2021-W10 .. 2021-W11), found '2021-W09'\n");
  });

  it('takes --at anywhere from the run start to its end: before the first logged event, but not in the warm-up', () => {
    // the open run starts at its first price, 2021-03-01T00:00Z; its first equity point is at 01:00 and its first event at 04:00
    const open = bt('governance', 'run-open', '--out', 'gov-open', '--at', '2021-03-01T00:30:00Z', '--quiet');
    expect(open.code, open.stderr).toBe(0);
    const before = bt('governance', 'run-open', '--out', 'gov-open-before', '--at', '2021-02-28T23:00:00Z');
    expect(before.code).toBe(2);
    expect(before.stderr).toBe('bt: --at: expected a time within the run (2021-03-01T00:00:00Z .. 2021-03-31T23:00:00Z), found 2021-02-28T23:00:00Z\n');
    const warm = bt('governance', 'run-warm', '--out', 'gov-warm', '--at', '2021-03-09T12:00:00Z');
    expect(warm.code).toBe(2);
    expect(warm.stderr).toBe('bt: --at: expected a time within the run (2021-03-10T00:00:00Z .. 2021-03-20T00:00:00Z), found 2021-03-09T12:00:00Z\n');
    expect(existsSync(join(dir, 'gov-warm'))).toBe(false);
    expect(bt('governance', 'run-warm', '--out', 'gov-warm', '--at', '2021-03-10', '--quiet').code).toBe(0);
  });

  it("takes the start of a run folder without run_start (written before it was recorded) from its scenario's time.start, else its first event or equity point", () => {
    for (const [run, at] of [['run-warm', '2021-03-10'], ['run-open', '2021-03-01T01:00:00Z']] as const) {
      const old = join(dir, `${run}-old`);
      cpSync(join(dir, run), old, { recursive: true });
      const m = manifest(run);
      delete m['run_start'];
      writeFileSync(join(old, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
      expect(bt('governance', `${run}-old`, '--out', `gov-${run}-old`, '--at', at, '--quiet').code).toBe(0);
    }
    expect(bt('report', 'lp', 'run-warm-old', '--out', 'lp-warm-old', '--all', '--format', 'md,html').code).toBe(0);
    expect(readdirSync(join(dir, 'lp-warm-old'))).toEqual(readdirSync(join(dir, 'lp-warm')));
    for (const f of readdirSync(join(dir, 'lp-warm'))) expect(readFileSync(join(dir, 'lp-warm-old', f), 'utf8'), f).toBe(readFileSync(join(dir, 'lp-warm', f), 'utf8'));
  });

  it("records the run's end in manifest.json: time.end, else the last price", () => {
    expect(manifest('run-warm')['run_end']).toBe('2021-03-20T00:00:00.000Z');
    expect(manifest('run-open')['run_end']).toBe('2021-03-31T23:00:00.000Z');
    expect(manifest('run-late')['run_end']).toBe('2021-04-13T00:00:00.000Z');
  });

  it('ends the LP reports and the --at range at a time.end later than the last event, which the clock ticked to', () => {
    // the premise: the late run's last event (its last tick) and equity point come in the week before its time.end's
    const events = readEventsArrow(join(dir, 'run-late/events.arrow'));
    expect(events[events.length - 1]?.tsMs).toBe(Date.UTC(2021, 3, 8));
    const r = bt('report', 'lp', 'run-late', '--out', 'lp-late', '--all', '--format', 'md,html');
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(join(dir, 'lp-late')).sort();
    expect(files.filter((f) => f.endsWith('.html')).slice(-2)).toEqual(['lp_weekly_2021-W14.html', 'lp_weekly_2021-W15.html']);
    expect(files.filter((f) => f.endsWith('.md')).slice(-2)).toEqual(['lp_daily_2021-04-12.md', 'lp_daily_2021-04-13.md']);
    // the last week says it is partial, up to the run's end
    const last = readFileSync(join(dir, 'lp-late/lp_weekly_2021-W15.html'), 'utf8');
    expect(last).toContain('2021-04-12 .. 2021-04-18 (the run: 2021-04-12 .. 2021-04-13)');
    expect(readFileSync(join(dir, 'lp-late/lp_weekly_2021-W14.html'), 'utf8')).not.toContain('(the run:');
    expect(readFileSync(join(dir, 'lp-late/lp_daily_2021-04-13.md'), 'utf8')).toContain('Run late (risk-penalized), 2021-03-01 .. 2021-04-13.');
    // the default week is the last one the run covers completely: W14, not W15 (Monday and one instant of Tuesday)
    expect(bt('report', 'lp', 'run-late', '--out', 'lp-late-last').code).toBe(0);
    expect(readdirSync(join(dir, 'lp-late-last')).filter((f) => f.endsWith('.pdf'))).toEqual(['lp_weekly_2021-W14.pdf']);
    // --at: up to time.end, past the last event, not past the end
    expect(bt('governance', 'run-late', '--out', 'gov-late', '--at', '2021-04-12T12:00:00Z', '--quiet').code).toBe(0);
    const past = bt('governance', 'run-late', '--out', 'gov-late-past', '--at', '2021-04-13T01:00:00Z');
    expect(past.code).toBe(2);
    expect(past.stderr).toBe('bt: --at: expected a time within the run (2021-03-01T00:00:00Z .. 2021-04-13T00:00:00Z), found 2021-04-13T01:00:00Z\n');
    expect(existsSync(join(dir, 'gov-late-past'))).toBe(false);
  });

  it('ends a run folder without run_end (written before it was recorded) at its last event or equity point, as before, without an error', () => {
    const old = join(dir, 'run-late-old');
    cpSync(join(dir, 'run-late'), old, { recursive: true });
    const m = manifest('run-late');
    delete m['run_end'];
    writeFileSync(join(old, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
    // its last event: the tick of 2021-04-08
    const r = bt('report', 'lp', 'run-late-old', '--out', 'lp-late-old', '--all', '--format', 'md,html');
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(join(dir, 'lp-late-old')).sort();
    expect(files.filter((f) => f.endsWith('.html')).at(-1)).toBe('lp_weekly_2021-W14.html');
    expect(files.filter((f) => f.endsWith('.md')).at(-1)).toBe('lp_daily_2021-04-08.md');
    expect(bt('governance', 'run-late-old', '--out', 'gov-late-old', '--at', '2021-04-08', '--quiet').code).toBe(0);
    const past = bt('governance', 'run-late-old', '--out', 'gov-late-old-past', '--at', '2021-04-12');
    expect(past.code).toBe(2);
    expect(past.stderr).toBe('bt: --at: expected a time within the run (2021-03-01T00:00:00Z .. 2021-04-08T00:00:00Z), found 2021-04-12T00:00:00Z\n');
  });
});
