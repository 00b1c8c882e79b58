import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Holds README.md's account of the quickstart to what `bt run scenarios/quickstart.yaml`
// writes: each claim of the paragraph is asserted on the run's outputs, and the paragraph is
// checked to still make it (a changed scenario or dataset fails here until README follows).

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bt-quickstart-'));
const out = join(dir, 'q');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readmeText = readFileSync(join(repo, 'README.md'), 'utf8');
// the paragraph's phrases, whatever the line wrapping
const readme = readmeText.replace(/\s+/g, ' ');
let stdout = '';

const DAY_MS = 86_400_000;
const ms = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const day = (tsMs: number): string => new Date(tsMs).toISOString().slice(0, 10);

type Row = Record<string, unknown>;
function rows(file: string): Row[] {
  return tableFromIPC(readFileSync(join(out, file)))
    .toArray()
    .map((r) => {
      const o = r.toJSON() as Row;
      if (typeof o['ts'] === 'bigint') o['ts'] = Number(o['ts']);
      return o;
    });
}

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(repo, 'bin/bt.js'), 'run', 'scenarios/quickstart.yaml', '--out', out, '--no-report'], { cwd: repo, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  stdout = r.stdout;
});

describe('scenarios/quickstart.yaml', () => {
  it('prints the summary README.md quotes', () => {
    // README's fenced block that starts with the run's first line, word for word
    const block = /```\n(bt run quickstart:[^`]*?)```/.exec(readmeText);
    expect(block, 'README.md quotes the bt run summary in a fenced block').not.toBeNull();
    const quoted = (block?.[1] ?? '').trimEnd().split('\n');
    expect(quoted).toHaveLength(4);
    expect(stdout.split('\n').slice(0, 3)).toEqual(quoted.slice(0, 3));
    // the last line names the folder: README's run writes results/quickstart/ with its report, this one elsewhere without
    const where = (line: string): string => line.replace(/results in .*?\/ /, 'results in OUT/ ').replace(', report/index.html)', ')');
    expect(where(stdout.split('\n')[3] ?? '')).toBe(where(quoted[3] ?? ''));
  });

  it('retires the sentiment class within six months after its 2005-02-01 break, and no class before it', () => {
    const universe = JSON.parse(readFileSync(join(repo, 'datasets/data/real-stocks/universe.json'), 'utf8')) as { sample: { break: string } };
    const breakMs = Date.parse(universe.sample.break);
    expect(day(breakMs)).toBe('2005-02-01');
    const classRows = rows('kills.arrow').filter((k) => String(k['kind']).startsWith('class_'));
    expect(classRows.map((k) => [k['kind'], k['strategy'], day(k['ts'] as number), k['reason']])).toEqual([
      ['class_retired', 'sentiment', '2005-07-03', 'max_drawdown_breach'],
    ]);
    const t = classRows[0]?.['ts'] as number;
    expect(t).toBeGreaterThan(breakMs);
    expect(t - breakMs).toBeLessThanOrEqual(183 * DAY_MS);
    expect(readme).toContain('retires the class and its two agents on 2005-07-03');
    const final = JSON.parse(readFileSync(join(out, 'final_state.json'), 'utf8')) as { class_status: Record<string, string> };
    expect(final.class_status).toEqual({ arb: 'active', funding: 'active', macro: 'active', momentum: 'active', sentiment: 'retired' });
  });

  it('retires one agent of the other classes, momentum_02 on its drawdown, and keeps nine active', () => {
    const agentRows = rows('kills.arrow').filter((k) => String(k['kind']).startsWith('agent_'));
    expect(agentRows.map((k) => [k['kind'], k['agent'], day(k['ts'] as number)])).toEqual([
      ['agent_retired', 'sentiment_01', '2005-07-03'],
      ['agent_retired', 'sentiment_02', '2005-07-03'],
      ['agent_retired', 'momentum_02', '2009-04-04'],
    ]);
    expect(String(agentRows[2]?.['reason'])).toMatch(/^max_drawdown_bps -\d+(\.\d+)? < -60000$/);
    const final = JSON.parse(readFileSync(join(out, 'final_state.json'), 'utf8')) as { agent_status: Record<string, string> };
    const active = Object.keys(final.agent_status).filter((a) => final.agent_status[a] === 'active');
    expect(active).toHaveLength(9);
    // "lost money over the decade": its realized pnl summed over all its outcomes
    const pnl = rows('events.arrow').filter((e) => e['kind'] === 'outcome_reconciled' && e['agent'] === 'momentum_02');
    expect(pnl.length).toBeGreaterThan(300);
    expect(pnl.reduce((s, e) => s + (e['v1'] as number), 0)).toBeLessThan(0);
    expect(readme).toContain('momentum_02, which lost money over the decade, is retired on 2009-04-04 for its drawdown');
    expect(readme).toContain('the other nine end active');
  });

  it('ends with six agents holding capital, arb_01 at the 0.25 cap, which holds capital from its first outcomes on', () => {
    const final = JSON.parse(readFileSync(join(out, 'final_state.json'), 'utf8')) as { agent_weights: Record<string, number> };
    const holding = Object.keys(final.agent_weights).filter((a) => (final.agent_weights[a] as number) > 0).sort();
    expect(holding).toEqual(['arb_01', 'arb_03', 'funding_02', 'funding_03', 'macro_02', 'momentum_01']);
    expect(final.agent_weights['arb_01']).toBe(0.25);
    // agent_weights.arrow records changes: from its first outcomes (2000-04-03) arb_01 never drops to 0
    const arb = rows('agent_weights.arrow').filter((r) => r['agent'] === 'arb_01' && (r['ts'] as number) >= ms('2000-04-03'));
    expect(arb.length).toBeGreaterThan(50);
    for (const r of arb) expect(r['weight'] as number, day(r['ts'] as number)).toBeGreaterThan(0);
    expect(readme).toContain('six of them hold capital on the last day');
    expect(readme).toContain('arb_01 (the high-skill agent) holds capital from its first outcomes in 2000-04 to the end, at the 0.25 cap on the last day');
  });

  it('moves the confidence multipliers inside the decay bounds: 0.52 to 0.98, yearly means 0.61, 0.68, 0.57', () => {
    const updates = rows('events.arrow').filter((e) => e['kind'] === 'multiplier_updated');
    expect(updates.length).toBeGreaterThan(1000);
    const m = updates.map((e) => e['v1'] as number);
    // decay floor 0.5 and ceil 1.1 (seed 003 defaults, kept): never reached
    for (const x of m) {
      expect(x).toBeGreaterThan(0.5);
      expect(x).toBeLessThan(1.1);
    }
    expect(Math.min(...m).toFixed(2)).toBe('0.52');
    expect(Math.max(...m).toFixed(2)).toBe('0.98');
    const mean = (year: number): string => {
      const xs = updates.filter((e) => new Date(e['ts'] as number).getUTCFullYear() === year).map((e) => e['v1'] as number);
      return (xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(2);
    };
    expect([mean(2001), mean(2006), mean(2009)]).toEqual(['0.61', '0.68', '0.57']);
    expect(readme).toContain('between 0.52 and 0.98');
    expect(readme).toContain('the desk-wide mean is 0.61 in 2001, 0.68 in 2006 and 0.57 in 2009');
  });
});
