import { describe, expect, it } from 'vitest';
import { runBacktest, type RunOutcome } from '../../../engine/run/run.js';
import { runAllocation } from '../../../engine/run/staged/allocation-replay.js';
import { runDownstream } from '../../../engine/run/staged/downstream-run.js';
import { runPortfolioReplay } from '../../../engine/run/staged/portfolio-replay.js';
import { recordSupervisorTape } from '../../../engine/run/staged/supervisor-tape.js';
import { recordUpstreamTape } from '../../../engine/run/staged/upstream-tape.js';
import { finalStateOf } from '../../../engine/run/final-state.js';
import { runMetrics } from '../../../engine/run/run-metrics.js';
import type { RunConfig } from '../../../engine/run/config.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { runFootprint } from '../../helpers/run-footprint.js';
import { propertyCases, randomCalendarCases } from '../../helpers/random-calendar-run.js';

/**
 * A sweep's staged replays give each configuration the outputs of running it alone on the
 * random calendars of tick-skipping.test.ts (prices sparser and denser than ticks in any ratio,
 * ticks offset, findings off the bar grid, short and long windows, every variant, both modes):
 * the allocation replay over a supervisor tape recorded by one variant, with the downstream
 * replay after it, for another variant or parameters; the downstream replay for another cash
 * buffer; the portfolio replay for other costs and capital. One allocation is not idempotent
 * (halfway, below). Each is compared, every output and
 * the metrics and final state, with a full run of that configuration. (allocation-replay.test.ts
 * and accounting-invariants.test.ts pin the same on fixed calendar matrices.)
 */

/** Allocations a sweep over allocator.variant and allocator.params.* would try against a recorder. */
const ALLOCATIONS: readonly { readonly variant: string; readonly over: Readonly<Record<string, unknown>> }[] = [
  { variant: 'static-schedule', over: {} },
  { variant: 'pnl-weighted', over: { min_weight: 0.1 } },
  { variant: 'halfway', over: {} },
  { variant: 'risk-penalized', over: { max_weight: 0.15, cvar_penalty_k: 0.05 } },
  { variant: 'capital-governor', over: { min_alloc: 0.1, max_alloc: 0.3, pnl_scale_bps: 50 } },
];

/**
 * A variant that is not idempotent: it moves each weight halfway from the previous tick's to
 * risk-penalized's, so unchanged inputs still give new weights for a while. The engine must
 * evaluate the ticks after its own change (tick.ts: weightsChanged), in a full run and in an
 * allocation replay alike; the built-in variants give the same weights again and cannot show it.
 */
const riskPenalized = ALLOCATORS['risk-penalized'] as AllocatorPlugin;
const halfway: AllocatorPlugin = {
  name: 'halfway',
  description: 'half the way from the last weights to risk-penalized',
  params: riskPenalized.params,
  allocate(input, params, mode) {
    const target = riskPenalized.allocate(input, params, mode);
    const prev = input.prevWeights;
    return Float64Array.from(target, (w, a) => (prev === null ? w : 0.5 * (prev[a] as number) + 0.5 * w));
  },
};

function footprint(o: RunOutcome, data: RunData, cfg: RunConfig): string {
  const s = o.state;
  return JSON.stringify({ ...runFootprint(o, data), final: finalStateOf(data, s), metrics: runMetrics(s, cfg.initialCapital, null) });
}

describe('staged replays on random calendars', () => {
  it('give every configuration the outputs of running it alone: allocation + downstream, downstream alone, portfolio alone', () => {
    const cases = randomCalendarCases(20261206, propertyCases(24));
    let compared = 0;
    let otherWeights = 0;
    let halfwayRuns = 0;
    for (const [k, c] of cases.entries()) {
      const { data, cfg } = c;
      const recorder = ALLOCATORS[c.spec.variant] as AllocatorPlugin;
      const up = recordUpstreamTape(data.agents.length, data.symbols.length);
      const sup = recordSupervisorTape(data.agents.length, data.strategies.length, true);
      const run = runBacktest(data, cfg, recorder, defaultsOf(recorder), {
        onTick: (v) => {
          up.observe(v);
          sup.observe(v);
        },
      });
      const upstream = up.finish(run.state, run.counters, true, data);
      const supervisor = sup.finish(run.state, run.counters, true, data);
      const where = JSON.stringify(c.drawn);
      // two allocations per case, in turn, so every one meets every recorder across the cases
      for (const a of [ALLOCATIONS[k % ALLOCATIONS.length], ALLOCATIONS[(k + 2) % ALLOCATIONS.length]]) {
        if (a?.variant === 'halfway') halfwayRuns++;
        const plugin = a?.variant === 'halfway' ? halfway : (ALLOCATORS[a?.variant ?? ''] as AllocatorPlugin);
        const params = { ...defaultsOf(plugin), ...a?.over };
        const full = runBacktest(data, cfg, plugin, params);
        const replay = runDownstream(data, cfg, runAllocation(data, cfg, plugin, params, supervisor)).outcome;
        expect(footprint(replay, data, cfg), `${where} / ${a?.variant ?? ''}`).toBe(footprint(full, data, cfg));
        // and its skipped ticks are exact too: the every-tick reference path gives the same
        if (plugin === halfway) expect(footprint(runBacktest(data, cfg, plugin, params, { everyTick: true }), data, cfg), where).toBe(footprint(full, data, cfg));
        if (JSON.stringify(Array.from(full.state.agentWeights ?? [])) !== JSON.stringify(Array.from(run.state.agentWeights ?? []))) otherWeights++;
        compared++;
      }
      const downstream: RunConfig = { ...cfg, targets: { ...cfg.targets, cashBuffer: cfg.targets.cashBuffer > 0.2 ? 0 : 0.35 } };
      const portfolio: RunConfig = { ...cfg, costs: { bpsPerTurnover: 25, slippageBps: 10 }, initialCapital: 250_000 };
      for (const [v, replay] of [[downstream, runDownstream(data, downstream, upstream).outcome], [portfolio, runPortfolioReplay(data, portfolio, upstream)]] as const) {
        expect(footprint(replay, data, v), where).toBe(footprint(runBacktest(data, v, recorder, defaultsOf(recorder)), data, v));
        compared++;
      }
    }
    expect(compared).toBe(cases.length * 4);
    // the allocations do end on other weights than the recorder's, or the replays would prove little
    expect(otherWeights).toBeGreaterThan(cases.length / 2);
    expect(halfwayRuns).toBeGreaterThanOrEqual(4);
  }, 300_000);
});
