import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

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

  it('names in its "results in" line every file it wrote (run_info.json was left out)', () => {
    const listed = /results in .*?\/ \((.*)\)$/.exec(stdout.split('\n')[3] ?? '')?.[1]?.split(', ') ?? [];
    const written = readdirSync(out).filter((f) => !f.startsWith('.'));
    expect([...listed].sort()).toEqual([...written].sort());
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

  describe("the risk penalties (allocator.params, recomputed here from the outcomes in events.arrow)", () => {
    const scenario = parse(readFileSync(join(repo, 'scenarios/quickstart.yaml'), 'utf8')) as { allocator: { params?: { dd_penalty_k?: number; cvar_penalty_k?: number } }; cvar?: { window_days: number } };
    // risk-penalized's defaults (strategies/risk-penalized.ts) where the scenario sets none
    const ddK = scenario.allocator.params?.dd_penalty_k ?? 0.01;
    const cvarK = scenario.allocator.params?.cvar_penalty_k ?? 0.015;
    const windowDays = scenario.cvar?.window_days ?? 30; // cvar.window_days' default
    type Outcome = { ts: number; agent: string; strategy: string; pnl: number; gap: number };
    let outcomes: Outcome[] = [];
    beforeAll(() => {
      outcomes = rows('events.arrow')
        .filter((e) => e['kind'] === 'outcome_reconciled')
        .map((e) => ({ ts: e['ts'] as number, agent: String(e['agent']), strategy: String(e['strategy']), pnl: e['v1'] as number, gap: (e['v1'] as number) - (e['v2'] as number) }));
    });
    // seed 001: max(0.4, 1 + max_drawdown_bps x k), the drawdown of the agent's summed pnl from 0, over all its outcomes
    const drawdown = (agent: string, beforeMs: number): number => {
      let cum = 0;
      let peak = 0;
      let dd = 0;
      for (const o of outcomes) {
        if (o.agent !== agent || o.ts >= beforeMs) continue;
        cum += o.pnl;
        peak = Math.max(peak, cum);
        dd = Math.min(dd, cum - peak);
      }
      return dd;
    };
    const ddFactor = (agent: string, beforeMs: number): number => Math.max(0.4, 1 + drawdown(agent, beforeMs) * ddK);
    // CVaR95 of realized - expected over the class's outcomes in (t - window, t]: numpy's default
    // (type 7) 5% quantile, then the mean of the values strictly below it; none under cvar.min_n 20
    const cvarFactor = (strategy: string, tMs: number): number => {
      const x = outcomes.filter((o) => o.strategy === strategy && o.ts > tMs - windowDays * DAY_MS && o.ts <= tMs).map((o) => o.gap);
      if (x.length < 20) return 1;
      const sorted = [...x].sort((a, b) => a - b);
      const h = (sorted.length - 1) * 0.05;
      const lo = Math.floor(h);
      const q = (sorted[lo] as number) + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] as number) - (sorted[lo] as number));
      const tail = x.filter((v) => v < q);
      const cvar = tail.length === 0 ? q : tail.reduce((a, b) => a + b, 0) / tail.length;
      return cvar < 0 ? Math.max(0.25, 1 + cvar * cvarK) : 1;
    };

    it('gives each agent its own drawdown factor, none at the 0.4 floor while in play: arb_01 never below 0.92, momentum_02 down to 0.61 before its retirement', () => {
      const retired = new Map(rows('kills.arrow').filter((k) => k['kind'] === 'agent_retired').map((k) => [String(k['agent']), k['ts'] as number]));
      const agents = [...new Set(outcomes.map((o) => o.agent))].sort();
      expect(agents).toHaveLength(12);
      // the lowest factor an agent has while in play: from its outcomes before its retirement (or all of them)
      const lowest = new Map(agents.map((a) => [a, ddFactor(a, retired.get(a) ?? Number.POSITIVE_INFINITY)]));
      for (const [a, f] of lowest) expect(f, a).toBeGreaterThan(0.4);
      expect(lowest.get('arb_01')?.toFixed(2)).toBe('0.92');
      expect(lowest.get('momentum_02')?.toFixed(2)).toBe('0.61');
      expect(Math.min(...lowest.values())).toBe(lowest.get('momentum_02'));
      // the seed's slope (0.01 per bps) floors the factor from a 60 bps drawdown: every agent had one by 2000-09
      for (const a of agents) expect(drawdown(a, ms('2000-09-01')), a).toBeLessThan(-60);
      expect(readme).toContain('from 0.92 for arb_01 down to 0.61 for momentum_02 before its retirement, never at its 0.4 floor');
    });

    it("moves each class's CVaR factor with its last year's worst misses: 0.32 to 0.84 over the run, sentiment's 0.59 at its break and 0.54 at its retirement", () => {
      const classes = ['arb', 'funding', 'macro', 'momentum', 'sentiment'];
      // every day at midnight, as the daily ticks read it
      const range = new Map(classes.map((c) => [c, [1, 0] as [number, number]]));
      for (let t = ms('2000-01-01'); t <= ms('2010-03-01'); t += DAY_MS) {
        for (const c of classes) {
          const f = cvarFactor(c, t);
          const r = range.get(c) as [number, number];
          if (f < 1) range.set(c, [Math.min(r[0], f), Math.max(r[1], f)]);
        }
      }
      const all = [...range.values()];
      expect(Math.min(...all.map((r) => r[0])).toFixed(2)).toBe('0.32');
      expect(range.get('arb')?.[0].toFixed(2)).toBe('0.32');
      expect(Math.max(...all.map((r) => r[1])).toFixed(2)).toBe('0.84');
      for (const [c, [lo]] of range) expect(lo, c).toBeGreaterThan(0.25);
      const at = (c: string, date: string): string => cvarFactor(c, ms(date)).toFixed(2);
      expect([at('sentiment', '2005-02-01'), at('sentiment', '2005-07-03')]).toEqual(['0.59', '0.54']);
      expect([at('macro', '2005-02-01'), at('macro', '2005-07-03')]).toEqual(['0.69', '0.61']);
      expect(readme).toContain("a class's CVaR factor moves between 0.32 and 0.84");
      expect(readme).toContain("the sentiment class's falls from 0.59 at its break to 0.54 at its retirement");
    });
  });
});
