import { describe, expect, it } from 'vitest';
import { MS } from '../../../engine/core/time.js';
import { createRng } from '../../../engine/core/rng.js';
import { runBacktest, type RunOutcome } from '../../../engine/run/run.js';
import { runAllocation } from '../../../engine/run/staged/allocation-replay.js';
import { runDownstream } from '../../../engine/run/staged/downstream-run.js';
import { recordSupervisorTape, type SupervisorTape } from '../../../engine/run/staged/supervisor-tape.js';
import { recordUpstreamTape, type UpstreamTape } from '../../../engine/run/staged/upstream-tape.js';
import { tickVector } from '../../../engine/run/staged/vector-tape.js';
import { finalStateOf } from '../../../engine/run/final-state.js';
import { runMetrics } from '../../../engine/run/run-metrics.js';
import type { RunConfig } from '../../../engine/run/config.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import { drawReferenceSpec, MATRIX_CALENDARS, MATRIX_VARIANTS, referenceScenario, variantModeFrames, type ReferenceScenarioSpec } from '../../helpers/reference-scenario.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { runFootprint } from '../../helpers/run-footprint.js';

/**
 * An allocation replay over a supervisor tape gives the upstream tape a full run of the
 * configuration records, and with a downstream replay every output of that full run, byte for
 * byte, for any allocator variant and parameters: generated scenarios over every variant as the
 * recorder, both modes, sparse and dense prices and findings, decisions (promotion, kill, class kill),
 * late joiners and `since`.
 */

function specs(): ReferenceScenarioSpec[] {
  const rng = createRng(20261203, 'allocation-replay');
  const out: ReferenceScenarioSpec[] = variantModeFrames(500).map((frame) => ({ ...drawReferenceSpec(rng, frame, [0.1, 0.6], [0, 0.02]), killList: true }));
  let i = out.length;
  // Sparse findings: most ticks skipped, so an allocator's own changes decide more of the evaluations.
  for (const variant of MATRIX_VARIANTS) {
    const cal = MATRIX_CALENDARS[i % MATRIX_CALENDARS.length] as (typeof MATRIX_CALENDARS)[number];
    const mode = i % 2 === 0 ? 'default' : 'seed';
    out.push({ ...drawReferenceSpec(rng, { name: `${variant}-${mode}-${cal.barMs / MS.hour}h-sparse`, seed: 500 + i++, variant, mode, ...cal }, [0.02], [0, 0.02]), killList: true });
  }
  return out;
}

/** The allocators a sweep over allocator.variant and allocator.params.* tries: every variant at its defaults and at other parameters. */
function allocations(): { plugin: AllocatorPlugin; params: Record<string, unknown>; name: string }[] {
  const at = (variant: string, over: Record<string, unknown>): { plugin: AllocatorPlugin; params: Record<string, unknown>; name: string } => {
    const plugin = ALLOCATORS[variant] as AllocatorPlugin;
    return { plugin, params: { ...defaultsOf(plugin), ...over }, name: `${variant} ${JSON.stringify(over)}` };
  };
  return [
    at('static-schedule', {}),
    at('pnl-weighted', {}),
    at('pnl-weighted', { min_weight: 0.1 }),
    at('risk-penalized', {}),
    at('risk-penalized', { max_weight: 0.15, cvar_penalty_k: 0.05 }),
    at('risk-penalized', { dd_penalty_k: 0.03, max_error_rate: 0.3 }),
    at('capital-governor', {}),
    at('capital-governor', { min_alloc: 0.1, max_alloc: 0.3, pnl_scale_bps: 50, sharpe_scale: 0.5, drawdown_scale_bps: 200 }),
  ];
}

function footprint(o: RunOutcome, data: RunData, cfg: RunConfig): unknown {
  const s = o.state;
  return { ...runFootprint(o, data), final: finalStateOf(data, s), metrics: runMetrics(s, cfg.initialCapital, null), model: [s.expectation.fits, s.expectation.fallbacks] };
}

/** A full run of `plugin` recording both tapes (as a sweep's recording task does). */
function recorded(data: RunData, cfg: RunConfig, plugin: AllocatorPlugin, params: Record<string, unknown>, withRows: boolean): { run: RunOutcome; up: UpstreamTape; sup: SupervisorTape } {
  const up = recordUpstreamTape(data.agents.length, data.symbols.length);
  const sup = recordSupervisorTape(data.agents.length, data.strategies.length, true);
  const run = runBacktest(data, cfg, plugin, params, {
    onTick: (v) => {
      up.observe(v);
      sup.observe(v);
    },
  });
  return { run, up: up.finish(run.state, run.counters, withRows, data), sup: sup.finish(run.state, run.counters, withRows, data) };
}

describe('runAllocation', () => {
  it('gives the upstream tape of a full run and, replayed downstream, every output of it, for every variant and parameters over any recorder', () => {
    let compared = 0;
    let differentWeights = 0;
    let extraEvaluations = 0;
    let withKills = 0;
    for (const spec of specs()) {
      const { data, cfg } = referenceScenario(spec);
      const recorder = ALLOCATORS[spec.variant] as AllocatorPlugin;
      const { sup, up: recorderTape, run } = recorded(data, cfg, recorder, defaultsOf(recorder), true);
      if (run.state.out.kills.some((k) => k.agent === null) && run.state.out.kills.some((k) => k.agent !== null)) withKills++;
      for (const a of allocations()) {
        const full = recorded(data, cfg, a.plugin, a.params, true);
        const replay = runAllocation(data, cfg, a.plugin, a.params, sup);
        const { proposals: _p, pairs: _q, ...expected } = full.up;
        expect({ ...replay, proposals: undefined, pairs: undefined }, `${spec.name} / ${a.name}`).toEqual({ ...expected, proposals: undefined, pairs: undefined });
        const down = runDownstream(data, cfg, replay).outcome;
        expect(JSON.stringify(footprint(down, data, cfg)), `${spec.name} / ${a.name}`).toBe(JSON.stringify(footprint(full.run, data, cfg)));
        if (JSON.stringify(full.up.weights) !== JSON.stringify(recorderTape.weights)) differentWeights++;
        if (full.run.state.skip.evaluated !== sup.due.reduce((n, d) => n + d, 0)) extraEvaluations++;
        compared++;
      }
    }
    expect(compared).toBe(96);
    // The allocators do give other weights, and evaluate ticks the supervisor did not call for (the test would otherwise prove little).
    expect(differentWeights).toBeGreaterThanOrEqual(40);
    expect(extraEvaluations).toBeGreaterThan(0);
    // Decisions fire: agents and whole classes removed.
    expect(withKills).toBeGreaterThanOrEqual(4);
  });

  it('records the same supervisor values at every tick whatever the allocator, though each evaluates other ticks', () => {
    let otherEvaluations = 0;
    for (const spec of specs()) {
      const { data, cfg } = referenceScenario(spec);
      const tapes = allocations().map((a) => {
        const evaluated: number[] = [];
        const sup = recordSupervisorTape(data.agents.length, data.strategies.length, true);
        const run = runBacktest(data, cfg, a.plugin, a.params, {
          onTick: (v) => {
            sup.observe(v);
            evaluated.push(v.evaluated ? 1 : 0);
          },
        });
        const t = sup.finish(run.state, run.counters, true, data);
        const perTick = Array.from({ length: t.nTicks }, (_, i) => Array.from(tickVector(t.inputs, i)));
        return { due: Array.from(t.due), perTick, rows: t.rows, kills: Array.from(t.kills), evaluated: evaluated.join('') };
      });
      const [first, ...rest] = tapes as [(typeof tapes)[number], ...(typeof tapes)[number][]];
      for (const t of rest) {
        expect(t.due, spec.name).toEqual(first.due);
        expect(t.perTick, spec.name).toEqual(first.perTick);
        expect(t.rows, spec.name).toEqual(first.rows);
        expect(t.kills, spec.name).toEqual(first.kills);
        if (t.evaluated !== first.evaluated) otherEvaluations++;
      }
    }
    // The allocators do evaluate other ticks (5 of the 56 pairs here): the property is not vacuous.
    expect(otherEvaluations).toBeGreaterThanOrEqual(4);
  });

  it('gives the same metrics and final state from tapes without rows', () => {
    const spec = specs()[1] as ReferenceScenarioSpec;
    const { data, cfg } = referenceScenario(spec);
    const recorder = ALLOCATORS[spec.variant] as AllocatorPlugin;
    const { sup } = recorded(data, cfg, recorder, defaultsOf(recorder), false);
    expect(sup.rows).toBeNull();
    for (const a of allocations()) {
      const full = runBacktest(data, cfg, a.plugin, a.params).state;
      const replay = runDownstream(data, cfg, runAllocation(data, cfg, a.plugin, a.params, sup)).outcome.state;
      expect(runMetrics(replay, cfg.initialCapital, null)).toEqual(runMetrics(full, cfg.initialCapital, null));
      expect(finalStateOf(data, replay)).toEqual(finalStateOf(data, full));
    }
  });

  it('refuses a variant that reads window drawdowns over a tape recorded without them', () => {
    const spec = specs()[0] as ReferenceScenarioSpec;
    const { data, cfg } = referenceScenario(spec);
    const plugin = ALLOCATORS['static-schedule'] as AllocatorPlugin;
    const rec = recordSupervisorTape(data.agents.length, data.strategies.length, false);
    const run = runBacktest(data, cfg, plugin, defaultsOf(plugin), { onTick: rec.observe });
    const sup = rec.finish(run.state, run.counters, false, data);
    const governor = ALLOCATORS['capital-governor'] as AllocatorPlugin;
    expect(() => runAllocation(data, cfg, governor, defaultsOf(governor), sup)).toThrow(/window drawdowns/);
  });
});
