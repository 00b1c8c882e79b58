import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/core/rng.js';
import { KIND_CODE } from '../../../engine/events/event.js';
import { runBacktest, type RunOutcome } from '../../../engine/run/run.js';
import { runDownstream } from '../../../engine/run/staged/downstream-run.js';
import { runPortfolioReplay, runTargetsReplay } from '../../../engine/run/staged/portfolio-replay.js';
import { recordUpstreamTape, type UpstreamTape } from '../../../engine/run/staged/upstream-tape.js';
import { finalStateOf } from '../../../engine/run/final-state.js';
import { runMetrics } from '../../../engine/run/run-metrics.js';
import type { RunConfig } from '../../../engine/run/config.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import { drawReferenceSpec, referenceScenario, variantModeFrames, type ReferenceScenarioSpec } from '../../helpers/reference-scenario.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { runFootprint } from '../../helpers/run-footprint.js';
import { expandedLog } from '../../helpers/expanded-log.js';
import type { EventLog } from '../../../engine/events/log.js';

/**
 * A downstream replay over an upstream tape gives every output of a full run of the same
 * configuration, and of any configuration that differs only downstream (targets caps, cash
 * buffer, governor, costs, initial capital), byte for byte: generated scenarios over every
 * variant, both modes, sparse and dense prices, guardian, regime, kill list, late joiners.
 */

function specs(): ReferenceScenarioSpec[] {
  const rng = createRng(20261202, 'downstream-run');
  // the guardian always on: a downstream stage with state of its own
  return variantModeFrames(300).map((frame) => ({ ...drawReferenceSpec(rng, frame, [0.1, 0.6], [0, 0.02]), guardian: true }));
}

/** Fixed costs with a no-trade band and a minimum trade: fills skipped, so the turnover traded is not the targets'. */
const COSTS_WITH_SKIPS = { bpsPerTurnover: 25, slippageBps: 10, noTradeBand: 0.01, minTradeFraction: 0.002 };

/** Downstream variations of a configuration (what a sweep over targets, governor, costs, capital varies). */
function downstreamVariants(cfg: RunConfig): RunConfig[] {
  const g = cfg.governor;
  return [
    cfg,
    { ...cfg, targets: { ...cfg.targets, cashBuffer: 0.3, maxAgentWeight: 0.1 } },
    { ...cfg, targets: { ...cfg.targets, maxSymbolWeight: 0.15 }, governor: { ...g, reallocationThreshold: 0.1 } },
    { ...cfg, governor: { ...g, regimeDefault: 0.6, guardian: { enabled: true, pauseDrawdown: 0.01, resumeDrawdown: 0.005 } } },
    { ...cfg, costs: COSTS_WITH_SKIPS, initialCapital: 250_000 },
  ];
}

/** Variations in what only rebalance and portfolio read (governor, costs, capital). */
function portfolioVariants(cfg: RunConfig): RunConfig[] {
  const g = cfg.governor;
  return [
    cfg,
    { ...cfg, governor: { ...g, reallocationThreshold: 0.1 } },
    { ...cfg, governor: { ...g, regimeDefault: 0.6, guardian: { enabled: true, pauseDrawdown: 0.01, resumeDrawdown: 0.005 } } },
    { ...cfg, costs: COSTS_WITH_SKIPS, initialCapital: 250_000 },
  ];
}

/** A run's footprint plus what a downstream replay must also reproduce: final state, metrics, model fits. */
function footprint(o: RunOutcome, data: RunData, cfg: RunConfig): unknown {
  const s = o.state;
  return { ...runFootprint(o, data), final: finalStateOf(data, s), metrics: runMetrics(s, cfg.initialCapital, null), model: [s.expectation.fits, s.expectation.fallbacks] };
}

/** The reference scenario of `spec`, its allocator, and a full run of it recording its upstream tape. */
function tapedRun(spec: ReferenceScenarioSpec, withRows: boolean): { data: RunData; cfg: RunConfig; plugin: AllocatorPlugin; run: RunOutcome; tape: UpstreamTape } {
  const { data, cfg } = referenceScenario(spec);
  const plugin = ALLOCATORS[spec.variant] as AllocatorPlugin;
  const rec = recordUpstreamTape(data.agents.length, data.symbols.length);
  const run = runBacktest(data, cfg, plugin, defaultsOf(plugin), { onTick: rec.observe });
  return { data, cfg, plugin, run, tape: rec.finish(run.state, run.counters, withRows, data) };
}

describe('runDownstream', () => {
  it('gives every output of the full run, for the taped configuration and downstream variations of it', () => {
    let compared = 0;
    let differentEquity = 0;
    let skipped = 0;
    for (const spec of specs()) {
      const { data, cfg, plugin, run, tape } = tapedRun(spec, true);
      const first = JSON.stringify(footprint(run, data, cfg));
      for (const v of downstreamVariants(cfg)) {
        const full = runBacktest(data, v, plugin, defaultsOf(plugin));
        const replay = runDownstream(data, v, tape).outcome;
        const expected = JSON.stringify(footprint(full, data, v));
        expect(JSON.stringify(footprint(replay, data, v)), `${spec.name}`).toBe(expected);
        if (expected !== first) differentEquity++;
        if (v.costs === COSTS_WITH_SKIPS) skipped += full.state.portfolio.skippedBand + full.state.portfolio.skippedMinimum;
        compared++;
      }
    }
    expect(compared).toBe(40);
    expect(skipped).toBeGreaterThan(0);
    // The variations do change the downstream outputs (the test would otherwise prove little).
    expect(differentEquity).toBeGreaterThanOrEqual(28);
  });

  it('gives the same metrics and curve from a tape without rows', () => {
    const spec = specs()[2] as ReferenceScenarioSpec;
    const { data, cfg, plugin, tape } = tapedRun(spec, false);
    expect(tape.rows).toBeNull();
    for (const v of downstreamVariants(cfg)) {
      const full = runBacktest(data, v, plugin, defaultsOf(plugin)).state;
      const replay = runDownstream(data, v, tape).outcome.state;
      expect(runMetrics(replay, v.initialCapital, null)).toEqual(runMetrics(full, v.initialCapital, null));
      expect(finalStateOf(data, replay)).toEqual(finalStateOf(data, full));
    }
  });

  it('replays rebalance and portfolio alone over the proposals of the same targets settings, from a full run or a downstream replay', () => {
    let compared = 0;
    for (const spec of specs()) {
      const { data, cfg, plugin, tape } = tapedRun(spec, true);
      // other targets settings: a downstream replay records their proposals
      const targets = { ...cfg.targets, cashBuffer: 0.25, maxSymbolWeight: 0.2 };
      const other = runDownstream(data, { ...cfg, targets }, tape, true).tape;
      for (const [t, base] of [[tape, cfg], [other, { ...cfg, targets }]] as const) {
        for (const v of portfolioVariants(base)) {
          const full = runBacktest(data, v, plugin, defaultsOf(plugin));
          const replay = runPortfolioReplay(data, v, t);
          expect(JSON.stringify(footprint(replay, data, v)), spec.name).toBe(JSON.stringify(footprint(full, data, v)));
          compared++;
        }
      }
    }
    expect(compared).toBe(64);
  });

  it('fills the proposals of any targets settings from the taped pairs (default mode), and tapes no pairs in seed mode', () => {
    let compared = 0;
    let seedTapes = 0;
    for (const spec of specs()) {
      const { data, cfg, plugin, tape } = tapedRun(spec, true);
      if (cfg.mode === 'seed') {
        expect(tape.pairs).toBeNull();
        seedTapes++;
        continue;
      }
      expect(tape.pairs?.tickRow.length).toBe(tape.nTicks);
      for (const v of downstreamVariants(cfg)) {
        const full = runBacktest(data, v, plugin, defaultsOf(plugin));
        const replay = runTargetsReplay(data, v, tape);
        expect(JSON.stringify(footprint(replay, data, v)), spec.name).toBe(JSON.stringify(footprint(full, data, v)));
        compared++;
      }
    }
    expect([compared, seedTapes]).toEqual([20, 4]);
  });

  it('merges at one time the fills first, then the upstream rows, then the rebalance rows', () => {
    // The order rule of merge-tape-log.ts on a run that has all three at one time: find such a t.
    const spec = specs()[1] as ReferenceScenarioSpec;
    const { data, cfg, plugin, run } = tapedRun(spec, true);
    const log = expandedLog(run.state.log, data);
    const phase = (k: number): number => (k === KIND_CODE.fill ? 0 : k === KIND_CODE.targets_set || k === KIND_CODE.rebalance_skipped || k === KIND_CODE.guardian_paused || k === KIND_CODE.guardian_resumed ? 2 : 1);
    let timesWithAllThree = 0;
    let i = 0;
    while (i < log.length) {
      let j = i;
      const seen = new Set<number>();
      let last = 0;
      while (j < log.length && log.tsMs[j] === log.tsMs[i]) {
        const p = phase(log.kind[j] as number);
        expect(p).toBeGreaterThanOrEqual(last);
        last = p;
        seen.add(p);
        j++;
      }
      if (seen.size === 3) timesWithAllThree++;
      i = j;
    }
    expect(timesWithAllThree).toBeGreaterThan(0);
  });

  it('hands its own event log to a spill sink in batches, the same rows as kept in memory, and the same outputs', () => {
    const spec = specs()[2] as ReferenceScenarioSpec;
    const { data, cfg, tape } = tapedRun(spec, false);
    const targets = { ...cfg, targets: { ...cfg.targets, cashBuffer: 0.3 } };
    const proposals = runDownstream(data, targets, tape, true).tape;
    const replays: [string, (spill?: Parameters<typeof runTargetsReplay>[3]) => RunOutcome][] = [
      ['downstream', (spill) => runDownstream(data, targets, tape, false, spill).outcome],
      ['portfolio', (spill) => runPortfolioReplay(data, targets, proposals, spill)],
      ...(cfg.mode === 'seed' ? [] : [['targets', (spill?: Parameters<typeof runTargetsReplay>[3]) => runTargetsReplay(data, targets, tape, spill)] as [string, (spill?: Parameters<typeof runTargetsReplay>[3]) => RunOutcome]]),
    ];
    for (const [label, replay] of replays) {
      const kept = replay();
      const batches: number[][] = [];
      const sink = { append: (log: EventLog) => batches.push(Array.from(log.kind.subarray(0, log.length))) };
      const spilled = replay({ sink, batchRows: 64 });
      // the log kept in memory as the rows it stands for (its targets blocks expanded)
      const keptLog = expandedLog(kept.state.log, data);
      const keptRows = keptLog.length;
      expect(keptRows, label).toBeGreaterThan(64);
      // every full batch went to the sink; the rest stays in the batch
      expect(spilled.state.log.spilled + spilled.state.log.length, label).toBe(keptRows);
      expect(spilled.state.log.length, label).toBeLessThanOrEqual(64);
      expect([...batches.flat(), ...Array.from(spilled.state.log.kind.subarray(0, spilled.state.log.length))], label).toEqual(Array.from(keptLog.kind.subarray(0, keptRows)));
      expect(JSON.stringify(runMetrics(spilled.state, targets.initialCapital, null)), label).toBe(JSON.stringify(runMetrics(kept.state, targets.initialCapital, null)));
      expect(finalStateOf(data, spilled.state), label).toEqual(finalStateOf(data, kept.state));
    }
  });
});
