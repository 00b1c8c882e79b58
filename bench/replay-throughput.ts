/**
 * Replay throughput on a generated universe (default: 2 years hourly, 200 agents, 500
 * symbols, ~10M findings): warm (decoded data in memory) and cold (from the IPC files),
 * beside a bare columnar loop over the same findings and prices timed in the same run.
 *
 *   npm run build && node --max-old-space-size=8192 dist/bench/replay-throughput.js [--agents 200 --symbols 500 --per-bar 2.854 --days 730]
 *
 * (The suite, `npm run bench`, measures the same on cached workloads; this script keeps the
 * seed-mode and generate-in-process variants.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateUniverse, DEFAULT_GENERATE_OPTIONS } from '../datasets/generate/generate-universe.js';
import { writeFindingsArrow } from '../datasets/write/write-findings.js';
import { writePricesArrow } from '../datasets/write/write-prices.js';
import { writeAgentsArrow, writeKillListYaml } from '../datasets/write/write-agents.js';
import { internRunData, loadRunData } from '../engine/io/load-run-data.js';
import { runBacktest } from '../engine/run/run.js';
import { eventRowCount } from '../engine/events/event-batches.js';
import { MS } from '../engine/core/time.js';
import type { RunConfig } from '../engine/run/config.js';
import type { RunData } from '../engine/run/run-data.js';
import { ALLOCATORS } from '../strategies/index.js';
import type { AllocatorPlugin } from '../engine/modules/allocator/plugin.js';
import { bareLoop } from './bare-loop.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const agents = arg('agents', 200);
const symbols = arg('symbols', 500);
const days = arg('days', 730);
const perBar = arg('per-bar', 2.854);
const startMs = Date.UTC(2022, 0, 1);
const endMs = startMs + days * MS.day;

function benchConfig(data: RunData, mode: 'seed' | 'default'): RunConfig {
  return {
    startMs: data.prices.tsMs[0] as number,
    endMs: data.prices.tsMs[data.prices.n - 1] as number,
    cadenceMs: MS.day,
    tickOffsetMs: 0,
    mode,
    defaultHorizonMs: 24 * MS.hour,
    expectedModel: { kind: 'score-linear', bpsPerScore: 10 },
    stats: { lookback: 250, longWindowMs: 30 * MS.day, shortWindowMs: 7 * MS.day, errorAbsBps: 200 },
    targets: { maxAgentWeight: 0.25, maxSymbolWeight: 0.05, cashBuffer: 0.1 },
    decay: { enabled: true, horizonHours: 24, halfLifeSignals: 80, lossKBps: 50, floor: 0.5, ceil: 1.1, penaltyCap: 0.08, lossAmplifier: 1.3, stabilityBoost: 0.02, stabilityGoodErrBps: 30, stabilityMinGood: 10, limitRows: 8000 },
    cvar: { windowMs: 30 * MS.day, level: 0.95, minN: 20, maxOutcomes: 5000 },
    promotion: { enabled: true, minPnlSumBps: 150, minHitRate: 0.55, maxErrorRate: 0, maxAvgAbsErrorBps: 60, minAvgPnlErrorBps: -20 },
    kill: { enabled: true, killErrorRate: 0.15, retirePnlSumBps: -200, retireMinOutcomes: 30, retireDrawdownBps: -500, classKill: true, classMinOutcomes: 100 },
    governor: { reallocationThreshold: 0.02, regimeDefault: 1, guardian: { enabled: true, pauseDrawdown: 0.2, resumeDrawdown: 0.1 } },
    costs: { bpsPerTurnover: 5, slippageBps: 2 },
    initialCapital: 1_000_000,
    logOutcomes: process.argv.includes('--log-outcomes'),
    targetRows: true,
  };
}

function fmt(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(0)}k` : x.toFixed(0);
}

const t0 = performance.now();
const u = generateUniverse({ ...DEFAULT_GENERATE_OPTIONS, seed: 7, agents, symbols, startMs, endMs, freqMs: MS.hour, findingsPerAgentPerBar: perBar, horizonHours: 24 });
const tGen = performance.now() - t0;
const dir = mkdtempSync(join(tmpdir(), 'bt-bench-'));
try {
  const paths = { findings: join(dir, 'findings.arrow'), prices: join(dir, 'prices.arrow'), agents: join(dir, 'agents.arrow'), killList: join(dir, 'kill_list.yaml') };
  writeFindingsArrow(paths.findings, u.findings);
  writePricesArrow(paths.prices, u.prices as NonNullable<typeof u.prices>);
  writeAgentsArrow(paths.agents, u.agents);
  writeKillListYaml(paths.killList, u.killList);
  const data = internRunData(u.findings, u.prices as NonNullable<typeof u.prices>, u.agents, u.killList, null, {});
  const plug = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
  const params = { max_weight: 0.25, cvar_penalty_k: 0.015, dd_penalty_k: 0.01, max_error_rate: 0.15 };
  console.log(`universe: ${fmt(data.findings.n)} findings, ${fmt(data.prices.n)} prices, ${agents} agents, ${symbols} symbols, ${days} days hourly (generated in ${(tGen / 1000).toFixed(1)} s)`);
  const tb = performance.now();
  const bareEvents = bareLoop(data);
  const tBare = (performance.now() - tb) / 1000;
  console.log(`bare columnar loop (findings+prices merge, per-finding allocator work): ${fmt(bareEvents / tBare)} events/s (${tBare.toFixed(2)} s)`);
  for (const mode of ['default', 'seed'] as const) {
    const cfg = benchConfig(data, mode);
    const tw = performance.now();
    const r = runBacktest(data, cfg, plug, params);
    const tWarm = (performance.now() - tw) / 1000;
    const c = r.counters;
    const events = c.prices + c.findings + c.reconciliations + c.ticks;
    console.log(`warm run (${mode} mode, risk-penalized, daily ticks): ${fmt(events / tWarm)} events/s, ${fmt(c.findings / tWarm)} findings/s (${tWarm.toFixed(2)} s, ${fmt(events)} events, ${eventRowCount(r.state.log)} logged, ${c.ticks} ticks)`);
  }
  const tc = performance.now();
  const cold = loadRunData({ ...paths, display: {} });
  const tLoad = (performance.now() - tc) / 1000;
  const r = runBacktest(cold, benchConfig(cold, 'default'), plug, params);
  const tCold = (performance.now() - tc) / 1000;
  const events = r.counters.prices + r.counters.findings + r.counters.reconciliations + r.counters.ticks;
  console.log(`cold run (read+decode IPC ${tLoad.toFixed(2)} s + replay): ${fmt(events / tCold)} events/s (${tCold.toFixed(2)} s)`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; node ${process.version}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
