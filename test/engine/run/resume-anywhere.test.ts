import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/core/rng.js';
import { MS } from '../../../engine/core/time.js';
import { tickTimes } from '../../../engine/clock/schedule.js';
import { runBacktest, type RunOutcome } from '../../../engine/run/run.js';
import type { RunConfig } from '../../../engine/run/config.js';
import type { RunData } from '../../../engine/run/run-data.js';
import { runMetrics } from '../../../engine/run/run-metrics.js';
import { finalStateOf } from '../../../engine/run/final-state.js';
import { runScenario as runLoadedScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../engine/api/load-scenario.js';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { openRunStream } from '../../../engine/io/stream-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import { readBenchmark } from '../../../engine/io/read-benchmark.js';
import { readSnapshotFile, SNAPSHOT_FORMAT, writeSnapshotFile, type SnapshotHeader } from '../../../engine/io/snapshot-file.js';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../../../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../../../datasets/write/write-findings.js';
import { writePricesArrow } from '../../../datasets/write/write-prices.js';
import { writeAgentsArrow, writeKillListYaml } from '../../../datasets/write/write-agents.js';
import { forEachEvent } from '../../../engine/io/read-events.js';
import { applyEvent, finalStateOfReplay, initialReplayState } from '../../../engine/run/apply-event.js';
import { stableStringify } from '../../../engine/core/stable-json.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { CostSpec } from '../../../engine/portfolio/cost-model.js';
import { calendarScenario, PRICE_CALENDARS } from '../../helpers/calendar-scenario.js';
import { drawReferenceSpec, MATRIX_VARIANTS } from '../../helpers/reference-scenario.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { runFootprint } from '../../helpers/run-footprint.js';

/*
 * A run stopped at any instant (`--stop-after T --snapshot F`) and resumed (`--resume F`)
 * equals the uninterrupted run, and so does the every-tick reference path, on generated
 * scenarios that cross what the other equality tests hold fixed: every price calendar of
 * calendar-scenario.ts (weekly, monthly, business-day, hourly without nights, hourly and weekly
 * ticks) with clock.offset, costs off / fixed / band and minimum / impact and spread column, the
 * ridge and column expectations, a warm-up before time.start and events after time.end, no
 * agents file, promotion and decay off, tight retirement, symbols that start late, stop or
 * pause; and stop instants before the first event, at the start, at a tick, at a close, at a
 * finding, at a due reconciliation, at a regime change, between events and just before the end.
 * The files half stops a `bt run` over small record batches (time blocks split across
 * batches), mixed horizons and a regime file, and compares every file written, governance and
 * CSV twins included. A throwaway wide version of both (800 kernel cases, 17,410 resumed
 * snapshots; 140 file-level runs, 635 resumed, each also run every tick and checked by bt
 * replay) found no difference; this bounded one keeps every dimension it crossed.
 */

const COSTS: readonly CostSpec[] = [
  { bpsPerTurnover: 0, slippageBps: 0 },
  { bpsPerTurnover: 5, slippageBps: 2 },
  { bpsPerTurnover: 3, slippageBps: 1, halfSpreadBps: 4, noTradeBand: 0.01, minTradeNotional: 500 },
  { bpsPerTurnover: 2, slippageBps: 0, impactK: 0.5, impactWindow: 5, minTradeFraction: 0.001, halfSpreadBps: 1, spreadColumn: true },
];

/** clock.offset choices below a cadence (0 first). */
function offsetsFor(cadenceMs: number): readonly number[] {
  if (cadenceMs >= 7 * MS.day) return [0, 4 * MS.day, 3 * MS.day + 5 * MS.hour];
  if (cadenceMs >= MS.day) return [0, 2 * MS.hour, 13 * MS.hour + 30 * MS.minute];
  if (cadenceMs > MS.hour) return [0, MS.hour, 30 * MS.minute];
  return [0, 15 * MS.minute];
}

interface Case {
  readonly data: RunData;
  readonly cfg: RunConfig;
  readonly variant: (typeof MATRIX_VARIANTS)[number];
  readonly name: string;
  readonly dims: readonly string[];
}

/**
 * Case i: variant and mode crossed (i mod 8), the calendar i mod 9, costs and offset in turn;
 * the rest drawn from a seeded stream (kill list, regime, guardian, late joiners, since,
 * horizons, gaps, finding density, threshold, lifecycles, expectation, window, agents file).
 */
function drawCase(i: number): Case {
  const rng = createRng(20261205 + i, 'resume-anywhere');
  const variant = MATRIX_VARIANTS[i % 4] as (typeof MATRIX_VARIANTS)[number];
  const mode = (i >> 2) % 2 === 0 ? 'default' : 'seed';
  const cal = PRICE_CALENDARS[i % PRICE_CALENDARS.length] as (typeof PRICE_CALENDARS)[number];
  const spec = drawReferenceSpec(rng, { name: `c${i}`, seed: 7000 + i, variant, mode, barMs: cal.barMs, bars: cal.bars, cadenceMs: cal.cadenceMs });
  const offsets = offsetsFor(cal.cadenceMs);
  const tickOffsetMs = offsets[i % offsets.length] as number;
  const costs = COSTS[(i + (i >> 2)) % COSTS.length] as CostSpec;
  const model = ['score', 'ridge', 'column'][i % 3] as 'score' | 'ridge' | 'column';
  const cuts = { lateStart: rng() < 0.4, earlyStop: rng() < 0.4, gap: rng() < 0.4 };
  const { data: d0, cfg: c0 } = calendarScenario({ ...spec, ...(rng() < 0.3 ? { limitRows: 120 } : {}) }, cal, cuts);
  const noAgentsFile = i % 5 === 3;
  const P = d0.prices;
  let data: RunData = {
    ...d0,
    prices: { ...P, volume: Float64Array.from(P.close, (_c, k) => 1e5 + ((k * 7919) % 1000) * 100), spreadBps: Float64Array.from(P.close, (_c, k) => 2 + (k % 7)) },
  };
  if (model === 'column') data = { ...data, findings: { ...data.findings, expectedPnlBps: Float64Array.from(data.findings.tsMs, (_t, k) => (k % 5 === 0 ? Number.NaN : ((k * 37) % 40) - 15)) } };
  if (noAgentsFile) {
    const { agentSinceMs: _since, ...rest } = data;
    data = { ...rest, agentEnabled: new Uint8Array(data.agents.length).fill(1), scheduleWeight: new Float64Array(data.agents.length).fill(1) };
  }
  const span = c0.endMs - c0.startMs;
  const warmUp = i % 4 === 1 ? Math.floor((0.2 * span) / MS.hour) * MS.hour : 0;
  const cutEnd = i % 4 === 2 ? Math.floor((0.15 * span) / MS.hour) * MS.hour + 30 * MS.minute : 0;
  const promotion = i % 3 !== 2;
  const decay = i % 7 !== 4;
  const tightRetire = i % 2 === 0;
  const cfg: RunConfig = {
    ...c0,
    startMs: c0.startMs + warmUp,
    endMs: c0.endMs - cutEnd,
    tickOffsetMs,
    costs,
    ...(model === 'ridge' ? { expectedModel: { kind: 'ridge', bpsPerScore: 10, lambda: 5, retrainMs: 7 * MS.day, minOutcomes: 20 } as const } : {}),
    ...(model === 'column' ? { expectedModel: { kind: 'column', bpsPerScore: 10 } as const } : {}),
    promotion: { ...c0.promotion, enabled: promotion },
    decay: { ...c0.decay, enabled: decay },
    kill: tightRetire ? { ...c0.kill, retirePnlSumBps: -150, retireDrawdownBps: -300 } : c0.kill,
  };
  const dims = [
    `${variant}/${mode}`,
    cal.name,
    tickOffsetMs > 0 ? 'clock.offset' : 'no offset',
    `costs ${COSTS.indexOf(costs)}`,
    `${model} expectation`,
    ...(warmUp > 0 ? ['warm-up'] : []),
    ...(cutEnd > 0 ? ['events after end'] : []),
    ...(noAgentsFile ? ['no agents file'] : []),
    ...(promotion ? [] : ['promotion off']),
    ...(decay ? [] : ['decay off']),
    ...(spec.killList ? ['kill list'] : []),
    ...(spec.guardian ? ['guardian'] : []),
    ...(spec.regime ? ['regime'] : []),
  ];
  return { data, cfg, variant, name: `case ${i}: ${dims.join(', ')}`, dims };
}

/** The instants a run is stopped at: each kind once, the random ones drawn from `rng`. */
function stopInstants(data: RunData, cfg: RunConfig, rng: () => number): { kind: string; t: number }[] {
  const ticks = tickTimes(cfg.startMs, cfg.endMs, cfg.cadenceMs, cfg.tickOffsetMs);
  const P = data.prices.tsMs;
  const F = data.findings.tsMs;
  const any = (a: ArrayLike<number>): number => a[Math.floor(rng() * a.length)] as number;
  const firstEvent = Math.min(P[0] as number, F.length > 0 ? (F[0] as number) : Number.POSITIVE_INFINITY);
  return [
    { kind: 'before the first event', t: firstEvent - 1 },
    { kind: 'at the first close', t: P[0] as number },
    { kind: 'just before time.start', t: cfg.startMs - 1 },
    { kind: 'at time.start', t: cfg.startMs },
    { kind: 'at the first tick', t: ticks[0] as number },
    { kind: 'at a tick', t: any(ticks) },
    { kind: 'at a close', t: any(P) },
    { kind: 'at a finding', t: any(F) },
    { kind: 'at a due reconciliation', t: any(F) + cfg.defaultHorizonMs },
    ...(data.regime !== null ? [{ kind: 'at a regime change', t: data.regime.tsMs[1] as number }] : []),
    { kind: 'between events', t: cfg.startMs + Math.floor(rng() * (cfg.endMs - cfg.startMs)) + 0.5 },
    { kind: 'just before the last tick', t: (ticks[ticks.length - 1] as number) - 1 },
    { kind: 'just before the end', t: cfg.endMs - 1 },
  ];
}

/** What the output files are written from: the log, series, state, final state and metrics. */
function outputsOf(o: RunOutcome, data: RunData, cfg: RunConfig): unknown {
  return { ...runFootprint(o, data), final: finalStateOf(data, o.state), metrics: runMetrics(o.state, cfg.initialCapital, null) };
}

/** Cases of the kernel half; RESUME_CASES=800 runs it as wide as the throwaway did (~15 min under load). */
const CASES = Number(process.env['RESUME_CASES'] ?? 12);

describe('runBacktest stopped and resumed', () => {
  it('gives the outputs of the uninterrupted run at every stop instant, resumed event-driven or every tick, and the every-tick path gives them too, on generated scenarios', () => {
    const seen = new Map<string, number>();
    const stoppedAt = new Map<string, number>();
    let snapshots = 0;
    let skipped = 0;
    for (let i = 0; i < CASES; i++) {
      const c = drawCase(i);
      for (const d of c.dims) seen.set(d, (seen.get(d) ?? 0) + 1);
      const plugin = ALLOCATORS[c.variant] as AllocatorPlugin;
      const params = defaultsOf(plugin);
      const whole = runBacktest(c.data, c.cfg, plugin, params);
      const expected = outputsOf(whole, c.data, c.cfg);
      skipped += whole.state.skip.skipped;
      expect(outputsOf(runBacktest(c.data, c.cfg, plugin, params, { everyTick: true }), c.data, c.cfg), `${c.name}: every tick`).toEqual(expected);
      const rng = createRng(i, 'resume-anywhere:stops');
      stopInstants(c.data, c.cfg, rng).forEach(({ kind, t }, k) => {
        if ((k + i) % 3 === 0) return; // two kinds in three per case, each kind in most cases
        // stopped on one path, resumed on the other every third time: the paths' states are interchangeable
        const everyTick = (k + i) % 3 === 2;
        const stopped = runBacktest(c.data, c.cfg, plugin, params, { stopAfterMs: t, everyTick: k % 2 === 1 && !everyTick });
        if (stopped.snapshot === null) return;
        snapshots++;
        stoppedAt.set(kind, (stoppedAt.get(kind) ?? 0) + 1);
        const resumed = runBacktest(c.data, c.cfg, plugin, params, { resume: deserialize(serialize(stopped.snapshot)), everyTick });
        expect(resumed.snapshot).toBeNull();
        expect(outputsOf(resumed, c.data, c.cfg), `${c.name}: stopped ${kind} (${new Date(t).toISOString()})`).toEqual(expected);
      });
    }
    // the matrix must reach what it claims to cross, or the equalities prove less than the name says
    for (const cal of PRICE_CALENDARS) expect(seen.get(cal.name), cal.name).toBeGreaterThan(0);
    for (const v of MATRIX_VARIANTS) for (const m of ['default', 'seed']) expect(seen.get(`${v}/${m}`), `${v}/${m}`).toBeGreaterThan(0);
    for (const d of ['clock.offset', 'costs 0', 'costs 1', 'costs 2', 'costs 3', 'ridge expectation', 'column expectation', 'warm-up', 'events after end', 'no agents file', 'promotion off', 'decay off', 'kill list', 'guardian', 'regime']) {
      expect(seen.get(d), d).toBeGreaterThan(0);
    }
    for (const kind of ['before the first event', 'at the first close', 'just before time.start', 'at time.start', 'at the first tick', 'at a tick', 'at a close', 'at a finding', 'at a due reconciliation', 'at a regime change', 'between events', 'just before the last tick', 'just before the end']) {
      expect(stoppedAt.get(kind), kind).toBeGreaterThan(1);
    }
    expect(snapshots).toBeGreaterThan(CASES * 6);
    expect(skipped).toBeGreaterThan(0);
  }, Math.max(120_000, CASES * 5_000));
});

const dir = mkdtempSync(join(tmpdir(), 'bt-resume-anywhere-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What bt replay checks: the final state rebuilt from events.arrow alone, as final_state.json holds it (engine/cli/replay.ts). */
function replayedFinalState(folder: string, initialCapital: number): { rebuilt: string; recorded: string } {
  const recorded = JSON.parse(readFileSync(join(folder, 'final_state.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const state = initialReplayState(initialCapital, Object.keys(recorded['agent_status'] ?? {}), Object.keys(recorded['class_status'] ?? {}));
  forEachEvent(join(folder, 'events.arrow'), (e) => applyEvent(state, e));
  return { rebuilt: stableStringify(finalStateOfReplay(state), 2), recorded: stableStringify(recorded, 2) };
}

/** Every file under `root`, by relative path. */
function filesUnder(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p));
    }
  };
  walk(root);
  return out;
}

describe('runScenario resumed from a snapshot file', () => {
  it('writes every file of the uninterrupted run, byte for byte, stopped inside record batches at a tick, a close, a finding and a due time; bt replay rebuilds its final state', async () => {
    const start = Date.UTC(2022, 0, 3);
    const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 17, agents: 7, symbols: 3, startMs: start, endMs: start + 24 * MS.day, freqMs: 4 * MS.hour, findingsPerAgentPerBar: 0.3 });
    // mixed horizons (the default among them), and record batches of a few rows: time blocks split across batches
    const horizonHours = Float64Array.from(u.findings.horizonHours, (_h, k) => [Number.NaN, 12, 48, 30][k % 4] as number);
    writeFindingsArrow(join(dir, 'findings.arrow'), { ...u.findings, horizonHours }, { batchRows: 5 });
    writePricesArrow(join(dir, 'prices.arrow'), u.prices as NonNullable<typeof u.prices>, { batchRows: 7 });
    writeAgentsArrow(join(dir, 'agents.arrow'), u.agents);
    writeKillListYaml(join(dir, 'kill_list.yaml'), u.killList);
    writeFileSync(join(dir, 'regime.csv'), 'ts,risk_multiplier\n2022-01-09T08:00:00Z,0.5\n2022-01-17T00:00:00Z,0.9\n');
    const yaml = (variant: string, mode: string): string =>
      [
        `name: resume-${variant}`,
        'data: { findings: findings.arrow, prices: prices.arrow, agents: agents.arrow, kill_list: kill_list.yaml, regime: regime.csv }',
        "time: { start: '2022-01-05T00:00:00Z' }",
        'clock: { cadence: 1d, offset: 4h }',
        `allocator: { variant: ${variant}, mode: ${mode} }`,
        'reconcile: { horizon_hours: 24 }',
        'kill: { retire_min_outcomes: 5, class_min_outcomes: 10 }',
        'governor: { reallocation_threshold: 0.02, guardian: { enabled: true, pause_drawdown: 0.02, resume_drawdown: 0.01 } }',
        'costs: { bps_per_turnover: 5, no_trade_band: 0.005, min_trade_notional: 1000 }',
        '',
      ].join('\n');
    const F = u.findings.tsMs;
    const P = (u.prices as NonNullable<typeof u.prices>).tsMs;
    const stops = [
      { kind: 'at a tick', t: Date.UTC(2022, 0, 11, 4) },
      { kind: 'at a close', t: P[Math.floor(P.length * 0.4)] as number },
      { kind: 'at a finding', t: F[Math.floor(F.length * 0.7)] as number },
      { kind: 'at a due time', t: (F[Math.floor(F.length * 0.3)] as number) + 12 * MS.hour },
    ];
    let compared = 0;
    for (const [variant, mode, stopsTaken] of [['capital-governor', 'default', [0, 1, 2]], ['pnl-weighted', 'seed', [3]]] as const) {
      writeFileSync(join(dir, `${variant}.yaml`), yaml(variant, mode));
      const sc = loadScenario(join(dir, `${variant}.yaml`));
      const opts = { csv: true, report: false, governance: {} } as const;
      await runScenario(sc, { ...opts, out: join(dir, `${variant}-whole`) });
      const whole = filesUnder(join(dir, `${variant}-whole`));
      for (const { kind, t } of stops.filter((_s, k) => (stopsTaken as readonly number[]).includes(k))) {
        // as bt run --stop-after does: a streamed replay up to t, its snapshot written to a file
        const stream = openRunStream(runDataPaths(sc));
        const { outcome } = stream.replay(() => runLoadedScenario(sc, stream.data, ALLOCATORS, { stopAfterMs: t }, readBenchmark(sc)));
        expect(outcome.snapshot, kind).not.toBeNull();
        const header: SnapshotHeader = { format: SNAPSHOT_FORMAT, bt_version: 'test', engine_version: 'test', node_major: 20, scenario: sc.settings, inputs: {} };
        writeSnapshotFile(join(dir, 'snap.bin'), header, outcome.snapshot as NonNullable<typeof outcome.snapshot>);
        const out = join(dir, `${variant}-${kind.replaceAll(' ', '-')}`);
        await runScenario(sc, { ...opts, out, control: { resume: readSnapshotFile(join(dir, 'snap.bin'), header) } });
        const resumed = filesUnder(out);
        expect([...resumed.keys()], `${variant}, stopped ${kind}`).toEqual([...whole.keys()]);
        for (const [f, bytes] of whole) {
          expect(resumed.get(f)?.equals(bytes), `${variant}, stopped ${kind}: ${f}`).toBe(true);
          compared++;
        }
        const replayed = replayedFinalState(out, sc.portfolio.initialCapital);
        expect(replayed.rebuilt, `bt replay ${variant}, stopped ${kind}`).toBe(replayed.recorded);
      }
    }
    expect(compared).toBeGreaterThan(40);
  }, 120_000);
});
