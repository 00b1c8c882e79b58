import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, allocatorParamSpecs } from '../../../strategies/index.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { loadRunData } from '../../../engine/io/load-run-data.js';
import { runDataPaths } from '../../../engine/io/run-data-paths.js';
import { prepareScenarioRun, runScenario } from '../../../engine/run/run-scenario.js';
import { newRunState } from '../../../engine/run/state.js';
import { runBacktest } from '../../../engine/run/run.js';
import type { EventLog } from '../../../engine/events/log.js';
import { expandedLog } from '../../helpers/expanded-log.js';

const scenario = parseScenario(readFileSync('scenarios/quickstart.yaml', 'utf8'), 'scenarios/quickstart.yaml', { allocators: allocatorParamSpecs(), cwd: process.cwd() });
const data = loadRunData(runDataPaths(scenario));
const { cfg } = prepareScenarioRun(scenario, data, ALLOCATORS);

/** The quickstart's data with 300x its findings over the same span, each row's time spread evenly (only the times and count matter here). */
function denseData(): typeof data {
  const f = data.findings;
  const first = f.tsMs[0] as number;
  const span = (f.tsMs[f.n - 1] as number) - first;
  const n = 300 * f.n;
  return { ...data, findings: { ...f, n, tsMs: Float64Array.from({ length: n }, (_, i) => first + (span * i) / (n - 1)) } };
}

describe('the event log of a run over in-memory data', () => {
  it('reserves the same rows whether it logs outcomes or not, and outcome room only when it does', () => {
    const logged = newRunState(data, cfg).log;
    const unlogged = newRunState(data, { ...cfg, logOutcomes: false }).log;
    expect(unlogged.kind.length).toBe(logged.kind.length);
    expect(logged.outcomes.reserve).toBe(data.findings.n);
    expect(unlogged.outcomes.reserve).toBe(0);
  });

  it('reserves no room when the run spills its log to a sink, and spills the rows a log kept in memory holds', () => {
    const kept = newRunState(data, cfg).log;
    const spilling = newRunState(data, cfg, { sink: { append: () => undefined }, batchRows: 1024 }).log;
    expect(kept.kind.length).toBeGreaterThan(4096);
    expect(spilling.kind.length).toBeLessThanOrEqual(1024);
    expect(spilling.outcomes.reserve).toBe(0);
    // a run that spills hands on, batch by batch, the rows a run that keeps its log holds
    const p = prepareScenarioRun(scenario, data, ALLOCATORS);
    // the log kept in memory as the rows it stands for (its targets blocks expanded)
    const inMemory = expandedLog(runBacktest(data, { ...p.cfg, logOutcomes: false }, p.plugin, p.params).state.log, data);
    const kinds: number[] = [];
    const sink = { append: (log: EventLog) => kinds.push(...Array.from(log.kind.subarray(0, log.length))) };
    const spilled = runBacktest(data, { ...p.cfg, logOutcomes: false }, p.plugin, p.params, { spill: { sink, batchRows: 256 } }).state.log;
    kinds.push(...Array.from(spilled.kind.subarray(0, spilled.length)));
    expect(inMemory.length).toBeGreaterThan(256);
    expect(kinds).toEqual(Array.from(inMemory.kind.subarray(0, inMemory.length)));
  });
});

describe('the output columns and statistics log of a run over in-memory data', () => {
  const ticks = Math.floor((cfg.endMs - cfg.startMs) / cfg.cadenceMs) + 1;

  it('reserve a target per symbol and a weight per agent at every tick, which a whole run stays within (no copy while it goes)', () => {
    const st = newRunState(data, cfg);
    expect(st.out.targetTs.data.length).toBe(Math.max(256, ticks * data.symbols.length));
    expect(st.out.targetWeight.data.length).toBe(st.out.targetTs.data.length);
    expect(st.out.weightMultiplier.data.length).toBe(Math.max(256, ticks * data.agents.length));
    const run = runScenario(scenario, data, ALLOCATORS).outcome.state.out;
    expect(run.targetTs.length).toBeGreaterThan(0);
    expect(run.targetTs.data.length).toBe(st.out.targetTs.data.length);
    expect(run.weightTs.data.length).toBe(st.out.weightTs.data.length);
  });

  it('reserve no room for a whole run\'s weights rows in a replay or an allocation replay, which take theirs from a tape or grow them', () => {
    const run = newRunState(data, cfg);
    expect(run.out.weightTs.data.length).toBeGreaterThan(4096);
    for (const use of ['replay', 'allocation'] as const) {
      const st = newRunState(data, cfg, undefined, use);
      expect(st.out.weightTs.data.length, use).toBeLessThanOrEqual(256);
      expect(st.out.weightMultiplier.data.length, use).toBeLessThanOrEqual(256);
      expect(st.out.targetTs.data.length, use).toBe(run.out.targetTs.data.length);
    }
  });

  it('reserve seed-mode decay\'s ring of recent outcomes in a run only: no replay reconciles or decays', () => {
    const seed = { ...cfg, mode: 'seed' as const };
    expect(newRunState(data, seed).seedRows.absErr.length).toBe(Math.max(1, seed.decay.limitRows));
    for (const use of ['replay', 'allocation'] as const) expect(newRunState(data, seed, undefined, use).seedRows.absErr.length, use).toBe(1);
  });

  it('reserve an allocation replay a small log for its weights_set rows, and a replay the log of a run', () => {
    const run = newRunState(data, { ...cfg, logOutcomes: false });
    expect(newRunState(data, { ...cfg, logOutcomes: false }, undefined, 'allocation').log.kind.length).toBeLessThanOrEqual(1024);
    expect(newRunState(data, { ...cfg, logOutcomes: false }, undefined, 'replay').log.kind.length).toBe(run.log.kind.length);
  });

  it('reserve the statistics log for the outcomes a long window and a tick interval hold if findings were spread evenly, an eighth more (no power of two)', () => {
    const dense = denseData();
    const span = (data.findings.tsMs[data.findings.n - 1] as number) - (data.findings.tsMs[0] as number);
    for (const d of [data, dense]) {
      const log = newRunState(d, cfg).outcomes.logAgent.length;
      const held = (d.findings.n * (cfg.stats.longWindowMs + cfg.cadenceMs)) / span;
      expect(log).toBeGreaterThanOrEqual(Math.max(1024, held));
      expect(log).toBeLessThanOrEqual(Math.max(1024, Math.ceil(1.125 * held)));
    }
    expect(newRunState(dense, cfg).outcomes.logAgent.length).toBeGreaterThan(1024);
  });

  it('size a streamed run\'s statistics log by the findings file\'s row count, as an in-memory run\'s', () => {
    const dense = denseData();
    const span = { first: dense.findings.tsMs[0] as number, last: dense.findings.tsMs[dense.findings.n - 1] as number };
    const stream = { prices: () => () => null, findings: () => () => null, priceSpan: span, findingSpan: span };
    const inMemory = newRunState(dense, cfg).outcomes.logAgent.length;
    expect(inMemory).toBeGreaterThan(1024);
    expect(newRunState({ ...dense, stream: { ...stream, findingsRows: dense.findings.n } }, cfg).outcomes.logAgent.length).toBe(inMemory);
    expect(newRunState({ ...dense, stream }, cfg).outcomes.logAgent.length).toBe(1024);
  });
});
