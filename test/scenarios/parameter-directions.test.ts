import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../datasets/write/write-prices.js';
import { writeAgentsArrow, writeKillListYaml } from '../../datasets/write/write-agents.js';
import type { PricesColumns } from '../../datasets/schemas/columns.js';
import { MS } from '../../engine/core/time.js';
import { loadScenario, runScenario } from '../../engine/index.js';
import { prepareScenarioRun } from '../../engine/run/run-scenario.js';
import { loadRunData } from '../../engine/io/load-run-data.js';
import { runDataPaths } from '../../engine/io/run-data-paths.js';
import { ALLOCATORS } from '../../strategies/index.js';
import { riskWeights, type AgentStatsArrays } from '../../engine/modules/allocator/risk-weights-array.js';
import { createRng } from '../../engine/core/rng.js';

/*
 * Does each key move a run the way its documentation says? Every claim below is derived from the
 * seeds' formulas and the docs (scenarios/README.md, docs/modules/), not from bt's output, and is
 * checked tick by tick on generated desks over two calendars: hourly prices ticked every 4 h
 * (prices denser than ticks) and daily prices ticked every 6 h (prices sparser than ticks), in
 * both allocator modes where the claim holds in both. The upstream stages (statistics, decay,
 * decisions) never read the portfolio (docs/sweeps.md), so two configurations that differ only
 * downstream see the same agent weights at every tick: the comparisons are pointwise.
 */

const EPS = 1e-12;

interface Calendar {
  readonly name: string;
  readonly freqMs: number;
  readonly days: number;
  readonly cadence: string;
  readonly findingsPerAgentPerBar: number;
  readonly horizonHours: number;
  readonly seed: number;
  /** The mode of the claims that run in one mode per calendar (both modes are covered across the calendars). */
  readonly mode: 'default' | 'seed';
}

const CALENDARS: readonly Calendar[] = [
  { name: 'hourly prices, 4h ticks', freqMs: MS.hour, days: 30, cadence: '4h', findingsPerAgentPerBar: 0.06, horizonHours: 24, seed: 21, mode: 'default' },
  { name: 'daily prices, 6h ticks', freqMs: MS.day, days: 160, cadence: '6h', findingsPerAgentPerBar: 0.7, horizonHours: 48, seed: 22, mode: 'seed' },
];

const tmp = mkdtempSync(join(tmpdir(), 'bt-param-directions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a generated desk and a base scenario for it; returns the scenario's path. */
function writeDesk(cal: Calendar): string {
  const dir = join(tmp, cal.name.replace(/[^a-z0-9]+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const start = Date.UTC(2022, 0, 3);
  const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: cal.seed, agents: 7, symbols: 5, startMs: start, endMs: start + cal.days * MS.day, freqMs: cal.freqMs, findingsPerAgentPerBar: cal.findingsPerAgentPerBar, horizonHours: cal.horizonHours });
  writeFindingsArrow(join(dir, 'findings.arrow'), u.findings);
  writePricesArrow(join(dir, 'prices.arrow'), u.prices as PricesColumns);
  writeAgentsArrow(join(dir, 'agents.arrow'), u.agents);
  writeKillListYaml(join(dir, 'kill_list.yaml'), u.killList);
  // thresholds sized so that agents live a while and some are decided on (the seeds' 24 h bps would kill all at once)
  const yaml = [
    'name: directions',
    'data: { findings: findings.arrow, prices: prices.arrow, agents: agents.arrow, kill_list: kill_list.yaml }',
    `clock: { cadence: ${cal.cadence} }`,
    `reconcile: { horizon_hours: ${cal.horizonHours}, error_abs_bps: 400 }`,
    'stats: { lookback_outcomes: 60 }',
    'decay: { half_life_signals: 15, loss_k_bps: 1500, stability_good_err_bps: 60 }',
    'allocator: { variant: risk-penalized }',
    'kill: { kill_error_rate: 0.35, retire_pnl_sum_bps: -4000, retire_drawdown_bps: -6000, retire_min_outcomes: 15, class_min_outcomes: 40 }',
    // targets taken as proposed at every tick: no threshold, no guardian
    'governor: { reallocation_threshold: 0, guardian: { enabled: false } }',
    '',
  ].join('\n');
  const file = join(dir, 'base.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** A step function of time by key: each key's values at their change times, in time order. */
type Steps = Map<string, { ts: number[]; v: number[] }>;

function stepsOf(rows: Iterable<{ ts: number; key: string; v: number }>): Steps {
  const out: Steps = new Map();
  for (const r of rows) {
    let s = out.get(r.key);
    if (s === undefined) out.set(r.key, (s = { ts: [], v: [] }));
    // a later row at the same time replaces the earlier one (the last value set at that time)
    if (s.ts.length > 0 && s.ts[s.ts.length - 1] === r.ts) s.v[s.v.length - 1] = r.v;
    else {
      s.ts.push(r.ts);
      s.v.push(r.v);
    }
  }
  return out;
}

/** The value of `key` in force at t (after every change at or before t), or `none` before its first. */
function valueAt(steps: Steps, key: string, t: number, none: number): number {
  const s = steps.get(key);
  if (s === undefined) return none;
  let lo = -1;
  for (let i = 0; i < s.ts.length && (s.ts[i] as number) <= t; i++) lo = i;
  return lo < 0 ? none : (s.v[lo] as number);
}

function timesOf(...all: Steps[]): number[] {
  const t = new Set<number>();
  for (const s of all) for (const x of s.values()) for (const ts of x.ts) t.add(ts);
  return [...t].sort((a, b) => a - b);
}

interface Run {
  /** Symbol targets, by symbol. */
  readonly targets: Steps;
  /** Agent weights (weights_set), by agent. */
  readonly weights: Steps;
  /** Confidence multipliers (multiplier_updated), by agent. */
  readonly multipliers: Steps;
  /** First removal (kill or retirement, own or its class's) per agent. */
  readonly removedAt: Map<string, number>;
  /** rebalance_skipped 'below reallocation threshold' rows: their max change. */
  readonly skippedChanges: number[];
  /** The first guardian pause (Infinity: none) and the number of promotions. */
  readonly firstPauseMs: number;
  readonly promotions: number;
  readonly symbols: string[];
  readonly agents: string[];
}

function column(t: Table, name: string): (i: number) => unknown {
  const c = t.getChild(name);
  if (c === null) throw new Error(`no column ${name}`);
  return (i) => c.get(i);
}

async function run(base: string, set: Readonly<Record<string, unknown>>): Promise<Run> {
  const r = await runScenario(loadScenario(base, { set: set as Record<string, string | number | boolean> }));
  const tg = r.tables.targets;
  const [tts, tsym, tw] = [column(tg, 'ts'), column(tg, 'symbol'), column(tg, 'weight')];
  const targetRows = Array.from({ length: tg.numRows }, (_, i) => ({ ts: Number(tts(i)), key: String(tsym(i)), v: Number(tw(i)) }));
  const ev = r.tables.events;
  const [ets, kind, agent, v1, text] = [column(ev, 'ts'), column(ev, 'kind'), column(ev, 'agent'), column(ev, 'v1'), column(ev, 'text')];
  const weights: { ts: number; key: string; v: number }[] = [];
  const mults: { ts: number; key: string; v: number }[] = [];
  const skipped: number[] = [];
  let firstPauseMs = Infinity;
  let promotions = 0;
  for (let i = 0; i < ev.numRows; i++) {
    const k = String(kind(i));
    if (k === 'guardian_paused') firstPauseMs = Math.min(firstPauseMs, Number(ets(i)));
    if (k === 'agent_promoted') promotions++;
    if (k === 'weights_set') weights.push({ ts: Number(ets(i)), key: String(agent(i)), v: Number(v1(i)) });
    else if (k === 'multiplier_updated') mults.push({ ts: Number(ets(i)), key: String(agent(i)), v: Number(v1(i)) });
    else if (k === 'rebalance_skipped' && String(text(i)) === 'below reallocation threshold') skipped.push(Number(v1(i)));
  }
  const kills = r.tables.kills;
  const [kts, kagent] = [column(kills, 'ts'), column(kills, 'agent')];
  const removedAt = new Map<string, number>();
  for (let i = 0; i < kills.numRows; i++) {
    const a = kagent(i);
    if (a === null || a === undefined) continue;
    const t = Number(kts(i));
    if (!removedAt.has(String(a)) || t < (removedAt.get(String(a)) as number)) removedAt.set(String(a), t);
  }
  const fin = JSON.parse(Buffer.from(r.files['final_state.json'] as Uint8Array).toString('utf8')) as { agent_weights: Record<string, number>; targets: Record<string, number> };
  const targets = stepsOf(targetRows);
  const weightSteps = stepsOf(weights);
  const symbols = [...new Set([...Object.keys(fin.targets), ...targets.keys()])].sort();
  const agents = [...new Set([...Object.keys(fin.agent_weights), ...weightSteps.keys()])].sort();
  return { targets, weights: weightSteps, multipliers: stepsOf(mults), removedAt, skippedChanges: skipped, firstPauseMs, promotions, symbols, agents };
}

/** Gross target (sum over symbols) at t. */
function grossAt(r: Run, t: number): number {
  let g = 0;
  for (const s of r.symbols) g += valueAt(r.targets, s, t, 0);
  return g;
}

const bases = new Map<string, string>();
beforeAll(() => {
  for (const cal of CALENDARS) bases.set(cal.name, writeDesk(cal));
});

const MODES = ['default', 'seed'] as const;

describe.each(CALENDARS)('scenario keys move the run as documented: $name', (cal) => {
  const base = (): string => bases.get(cal.name) as string;

  it.each(MODES)('targets.cash_buffer: gross targets never above 1 - cash_buffer, and a larger buffer never raises them at any tick (seed 000: cash = max(buffer, 1 - used)) [%s]', async (mode) => {
    const buffers = [0, 0.1, 0.35];
    // caps wide enough that the buffer, not the caps, is what binds at most ticks
    const wide = { 'allocator.mode': mode, 'targets.max_agent_weight': 1, 'targets.max_symbol_weight': 0.6 };
    const runs = await Promise.all(buffers.map((b) => run(base(), { ...wide, 'targets.cash_buffer': b })));
    const times = timesOf(...runs.map((r) => r.targets));
    expect(times.length).toBeGreaterThan(20);
    let binding = 0;
    for (const t of times) {
      const g = runs.map((r) => grossAt(r, t));
      g.forEach((x, i) => expect(x).toBeLessThanOrEqual(1 - (buffers[i] as number) + EPS));
      for (let i = 1; i < g.length; i++) expect(g[i] as number).toBeLessThanOrEqual((g[i - 1] as number) + EPS);
      if ((g[2] as number) < (g[0] as number) - 1e-9) binding++;
    }
    expect(binding).toBeGreaterThan(0); // the buffer bound somewhere: the comparison was not vacuous
  });

  it.each(MODES)('targets.max_symbol_weight: no target above the cap, and in default mode a tighter cap never raises the largest target of any tick [%s]', async (mode) => {
    const caps = [0.5, 0.25, 0.12];
    const runs = await Promise.all(caps.map((c) => run(base(), { 'allocator.mode': mode, 'targets.max_symbol_weight': c })));
    const times = timesOf(...runs.map((r) => r.targets));
    for (const t of times) {
      const peaks = runs.map((r) => Math.max(0, ...r.symbols.map((s) => valueAt(r.targets, s, t, 0))));
      peaks.forEach((p, i) => expect(p).toBeLessThanOrEqual(caps[i] as number));
      if (mode === 'default') for (let i = 1; i < peaks.length; i++) expect(peaks[i] as number).toBeLessThanOrEqual((peaks[i - 1] as number) + EPS);
    }
  });

  it('targets.max_agent_weight: gross targets never above (agents with a weight) x the cap, in default mode (a share of portfolio value, docs/modules/targets.md)', async () => {
    for (const cap of [0.05, 0.15]) {
      const r = await run(base(), { 'targets.max_agent_weight': cap });
      for (const t of timesOf(r.targets)) {
        const live = r.agents.filter((a) => valueAt(r.weights, a, t, 0) > 0).length;
        expect(grossAt(r, t)).toBeLessThanOrEqual(live * cap + EPS);
      }
    }
  });

  it('allocator.params.max_weight (risk-penalized, default mode): no agent weight above it, weights sum to at most 1, and a tighter cap never raises the largest weight of any tick (seed 001 MAX_WEIGHT, water-filled)', async () => {
    const caps = [0.6, 0.3, 0.15];
    const runs = await Promise.all(caps.map((c) => run(base(), { 'allocator.params.max_weight': c })));
    for (const t of timesOf(...runs.map((r) => r.weights))) {
      const ws = runs.map((r) => r.agents.map((a) => valueAt(r.weights, a, t, 0)));
      ws.forEach((w, i) => {
        for (const x of w) expect(x).toBeLessThanOrEqual((caps[i] as number) + EPS);
        expect(w.reduce((s, x) => s + x, 0)).toBeLessThanOrEqual(1 + 1e-9);
      });
      const peaks = ws.map((w) => Math.max(...w));
      for (let i = 1; i < peaks.length; i++) expect(peaks[i] as number).toBeLessThanOrEqual((peaks[i - 1] as number) + EPS);
    }
  });

  it('allocator.params.min_alloc / max_alloc (capital-governor, default mode): every in-play agent within [min, max] summing to 1 where n x min <= 1 <= n x max; all at max below that, 1/n above it (seed 002)', async () => {
    for (const [lo, hi] of [[0.05, 0.4], [0.1, 0.25], [0.2, 0.2]] as const) {
      const r = await run(base(), { 'allocator.variant': 'capital-governor', 'allocator.params.min_alloc': lo, 'allocator.params.max_alloc': hi });
      let checked = 0;
      for (const t of timesOf(r.weights)) {
        const w = r.agents.map((a) => valueAt(r.weights, a, t, 0)).filter((x) => x > 0); // min_alloc > 0: every agent in play has a weight
        const n = w.length;
        if (n === 0) continue;
        checked++;
        const sum = w.reduce((s, x) => s + x, 0);
        if (n * hi < 1) for (const x of w) expect(x).toBeCloseTo(hi, 12);
        else if (n * lo > 1) for (const x of w) expect(x).toBeCloseTo(1 / n, 12);
        else {
          for (const x of w) {
            expect(x).toBeGreaterThanOrEqual(lo - EPS);
            expect(x).toBeLessThanOrEqual(hi + EPS);
          }
          expect(sum).toBeCloseTo(1, 9);
        }
      }
      expect(checked).toBeGreaterThan(0);
    }
  });

  it.each(MODES)('decay: a longer half-life, a smaller loss_k_bps, a larger penalty_cap or loss_amplifier never raise an agent\'s multiplier at any time (seed 003: m *= 1 - x/(x+k) x cap x w x amp) [%s]', async (mode) => {
    const at = { 'allocator.mode': mode };
    const [base0, ...stricter] = await Promise.all([
      run(base(), at),
      run(base(), { ...at, 'decay.half_life_signals': 40 }),
      run(base(), { ...at, 'decay.loss_k_bps': 400 }),
      run(base(), { ...at, 'decay.penalty_cap': 0.2 }),
      run(base(), { ...at, 'decay.loss_amplifier': 2.5 }),
    ]);
    const b = base0 as Run;
    for (const s of stricter) {
      let lower = 0;
      for (const t of timesOf(b.multipliers, s.multipliers)) {
        for (const a of b.agents) {
          const mb = valueAt(b.multipliers, a, t, 1);
          const ms = valueAt(s.multipliers, a, t, 1);
          expect(ms, `${a} at ${new Date(t).toISOString()}`).toBeLessThanOrEqual(mb + EPS);
          if (ms < mb - 1e-9) lower++;
        }
      }
      expect(lower).toBeGreaterThan(0);
    }
  });

  it('governor.regime_default: every target is the multiplier times the target at 1, at every tick (seed 002: the regime scales all allocations)', async () => {
    const [one, low] = await Promise.all([run(base(), { 'allocator.mode': cal.mode }), run(base(), { 'allocator.mode': cal.mode, 'governor.regime_default': 0.4 })]);
    const times = timesOf(one.targets, low.targets);
    expect(times.length).toBeGreaterThan(20);
    for (const t of times) for (const s of one.symbols) expect(Math.abs(valueAt(low.targets, s, t, 0) - 0.4 * valueAt(one.targets, s, t, 0))).toBeLessThanOrEqual(1e-15);
  });

  it('governor.guardian.pause_drawdown: a lower pause level never pauses later (002 guardian: pause when drawdown passes it; the equity path is the same until the first pause)', async () => {
    const levels = [0.3, 0.08, 0.02];
    const runs = await Promise.all(levels.map((p) => run(base(), { 'allocator.mode': cal.mode, 'governor.guardian.enabled': true, 'governor.guardian.pause_drawdown': p, 'governor.guardian.resume_drawdown': 0 })));
    const first = runs.map((r) => r.firstPauseMs);
    for (let i = 1; i < first.length; i++) expect(first[i] as number).toBeLessThanOrEqual(first[i - 1] as number);
    expect(Number.isFinite(first[first.length - 1] as number)).toBe(true);
  });

  it('promotion: a promotion moves no capital (gates loosened until agents are promoted: the same weights and targets as with promotion off)', async () => {
    const loose = { 'promotion.min_pnl_sum_bps': -1e6, 'promotion.min_hit_rate': 0, 'promotion.max_error_rate': 1, 'promotion.max_avg_abs_error_bps': 1e6, 'promotion.min_avg_pnl_error_bps': -1e6 };
    const [off, on] = await Promise.all([run(base(), { 'allocator.mode': cal.mode, 'promotion.enabled': false }), run(base(), { 'allocator.mode': cal.mode, ...loose })]);
    expect(on.promotions).toBeGreaterThan(0);
    expect(off.promotions).toBe(0);
    expect([...on.weights.entries()]).toEqual([...off.weights.entries()]);
    expect([...on.targets.entries()]).toEqual([...off.targets.entries()]);
  });

  it('governor.reallocation_threshold: every held tick changed less than it, every rebalance after the first at least it (seed 002 "change >= threshold")', async () => {
    for (const theta of [0.03, 0.15]) {
      const r = await run(base(), { 'governor.reallocation_threshold': theta });
      expect(r.skippedChanges.length).toBeGreaterThan(0);
      for (const c of r.skippedChanges) expect(c).toBeLessThan(theta);
      const times = timesOf(r.targets);
      for (let i = 1; i < times.length; i++) {
        const t = times[i] as number;
        const prev = times[i - 1] as number;
        const change = Math.max(...r.symbols.map((s) => Math.abs(valueAt(r.targets, s, t, 0) - valueAt(r.targets, s, prev, 0))));
        expect(change).toBeGreaterThanOrEqual(theta - 1e-12);
      }
    }
  });

  it('kill thresholds: a stricter kill_error_rate, retire_pnl_sum_bps, retire_drawdown_bps or reconcile.error_abs_bps never removes an agent later, nor keeps one it removed (001 / 004 gates; one mode per calendar)', async () => {
    // the class kill list off: its removals would hide the agents' own (they do not depend on these keys)
    const at = { 'allocator.mode': cal.mode, 'kill.class_kill': false, 'kill.kill_error_rate': 0.2 };
    const ladders: [string, number[]][] = [
      ['kill.kill_error_rate', [0.6, 0.2, 0.1]],
      ['kill.retire_pnl_sum_bps', [-8000, -1000, -300]],
      ['kill.retire_drawdown_bps', [-12000, -2000, -800]],
      // a smaller error_abs_bps counts more outcomes as errors: a higher error_rate at every tick
      ['reconcile.error_abs_bps', [900, 300, 120]],
    ];
    let earlier = 0;
    for (const [key, levels] of ladders) {
      const runs = await Promise.all(levels.map((v) => run(base(), { ...at, [key]: v })));
      for (let i = 1; i < runs.length; i++) {
        const [l, s] = [runs[i - 1] as Run, runs[i] as Run];
        for (const a of l.agents) {
          const tl = l.removedAt.get(a) ?? Infinity;
          const ts = s.removedAt.get(a) ?? Infinity;
          expect(ts, `${a}: ${key} ${levels[i - 1]} -> ${levels[i]}`).toBeLessThanOrEqual(tl);
          if (ts < tl) earlier++;
        }
      }
    }
    expect(earlier).toBeGreaterThan(0);
  });

  it('keys a variant does not read change no weight and no target (the settings bt run notes as unread)', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['capital-governor', { 'decay.half_life_signals': 3, 'decay.floor': 0.1, 'cvar.window_days': 3, 'cvar.min_n': 2 }],
      ['pnl-weighted', { 'decay.loss_k_bps': 10, 'cvar.level': 0.6, 'stats.window_days': 3, 'stats.pnl_window_days': 1 }],
      ['risk-penalized', { 'allocator.params.cvar_penalty_k': 0, 'cvar.window_days': 3, 'cvar.min_n': 2, 'stats.window_days': 3 }],
    ];
    for (const [variant, keys] of cases) {
      const same = variant === 'risk-penalized' ? { 'allocator.params.cvar_penalty_k': 0 } : {};
      const [a, b] = await Promise.all([run(base(), { 'allocator.variant': variant, ...same }), run(base(), { 'allocator.variant': variant, ...keys })]);
      expect([...b.weights.entries()]).toEqual([...a.weights.entries()]);
      expect([...b.targets.entries()]).toEqual([...a.targets.entries()]);
    }
  });

  it('windows in days are calendar days whatever the spacing of prices and ticks (stats.*_days, cvar.window_days)', () => {
    const sc = loadScenario(base(), { set: { 'stats.window_days': 7, 'stats.pnl_window_days': 2, 'cvar.window_days': 3 } });
    const { cfg } = prepareScenarioRun(sc, loadRunData(runDataPaths(sc)), ALLOCATORS);
    expect([cfg.stats.longWindowMs, cfg.stats.shortWindowMs, cfg.cvar.windowMs]).toEqual([7 * 86_400_000, 2 * 86_400_000, 3 * 86_400_000]);
  });
});

/**
 * The penalty slopes act through factors the run's outputs do not show (a class's CVaR, an agent's
 * drawdown), so their claims are checked on the allocator itself over drawn desks: seed 001's
 * q *= max(0.25, 1 + cvar x CVAR_PENALTY_K) for cvar < 0 and q *= max(0.4, 1 + dd x DD_PENALTY_K)
 * for dd < 0, then default mode's water-filling under max_weight.
 */
describe('allocator.params.cvar_penalty_k and dd_penalty_k (risk-penalized, default mode) over drawn desks', () => {
  const rng = createRng(7, 'penalty-directions');
  const draw = (): { stats: AgentStatsArrays; cvar: Float64Array; mult: Float64Array; cap: number } => {
    const n = 3 + Math.floor(rng() * 8);
    const classes = 1 + Math.floor(rng() * 4);
    // a class CVaR below 0 (penalized, some past the floor), at or above 0, or none (NaN: fewer than min_n)
    const cvar = Float64Array.from({ length: classes }, () => { const u = rng(); return u < 0.6 ? -(0.5 + rng() * 300) : u < 0.8 ? rng() * 50 : Number.NaN; });
    const stats: AgentStatsArrays = {
      n,
      pnlSumBps: Float64Array.from({ length: n }, () => 1 + rng() * 3000),
      hitRate: Float64Array.from({ length: n }, () => rng()),
      errorRate: Float64Array.from({ length: n }, () => rng() * 0.15),
      avgAbsErrorBps: Float64Array.from({ length: n }, () => rng() * 300),
      maxDrawdownBps: Float64Array.from({ length: n }, () => (rng() < 0.3 ? 0 : -rng() * 150)),
      strategyId: Int32Array.from({ length: n }, () => Math.floor(rng() * (classes + 1)) - 1),
      eligible: Uint8Array.from({ length: n }, () => (rng() < 0.9 ? 1 : 0)),
    } as AgentStatsArrays;
    return { stats, cvar, mult: Float64Array.from({ length: n }, () => 0.5 + rng() * 0.6), cap: [1, 0.5, 0.25][Math.floor(rng() * 3)] as number };
  };
  const weights = (d: ReturnType<typeof draw>, cvarK: number, ddK: number, unclassified: number): Float64Array =>
    riskWeights(d.stats, d.mult, d.cvar, { maxWeight: d.cap, cvarPenaltyK: cvarK, ddPenaltyK: ddK, unclassifiedCvarBps: unclassified }, 'default');

  it('a larger slope never lowers the weight of an agent it does not penalize (class CVaR >= 0 or none; drawdown 0), and past the floor (k >= 0.75 / |cvar|, 0.6 / |dd|) a larger one changes nothing', () => {
    let moved = 0;
    for (let trial = 0; trial < 300; trial++) {
      const d = draw();
      const unclassified = rng() < 0.5 ? -(0.5 + rng() * 200) : Number.NaN;
      const cvarOf = (a: number): number => { const k = d.stats.strategyId[a] as number; return k < 0 ? unclassified : (d.cvar[k] as number); };
      const ks = [0, 0.001, 0.015, 0.2];
      for (let i = 1; i < ks.length; i++) {
        const [lo, hi] = [ks[i - 1] as number, ks[i] as number];
        const [wc0, wc1] = [weights(d, lo, 0.01, unclassified), weights(d, hi, 0.01, unclassified)];
        const [wd0, wd1] = [weights(d, 0.015, lo, unclassified), weights(d, 0.015, hi, unclassified)];
        for (let a = 0; a < d.stats.n; a++) {
          if (!(cvarOf(a) < 0)) expect(wc1[a] as number).toBeGreaterThanOrEqual((wc0[a] as number) - EPS);
          if (!((d.stats.maxDrawdownBps[a] as number) < 0)) expect(wd1[a] as number).toBeGreaterThanOrEqual((wd0[a] as number) - EPS);
          if (Math.abs((wc1[a] as number) - (wc0[a] as number)) > 1e-9) moved++;
        }
      }
      // every penalized CVaR here is at most -0.5 bps: from k = 1.5 all sit at the 0.25 floor; every drawdown past 0.6 / 20 bps at 0.4 from k = 20
      const deep = Array.from(d.stats.maxDrawdownBps).every((x) => x === 0 || x <= -0.03);
      expect(Array.from(weights(d, 10, 0.01, unclassified))).toEqual(Array.from(weights(d, 1.5, 0.01, unclassified)));
      if (deep) expect(Array.from(weights(d, 0.015, 50, unclassified))).toEqual(Array.from(weights(d, 0.015, 20, unclassified)));
    }
    expect(moved).toBeGreaterThan(100);
  });
});
