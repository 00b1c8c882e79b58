import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { MS } from '../../../engine/core/time.js';
import { runBacktest, type RunOutcome } from '../../../engine/run/run.js';
import type { RunData } from '../../../engine/run/run-data.js';
import { runScenario } from '../../../engine/api/run-scenario.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { TickView } from '../../../engine/run/tick.js';
import { drawReferenceSpec, referenceScenario, type ReferenceScenarioSpec } from '../../helpers/reference-scenario.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';
import { runFootprint } from '../../helpers/run-footprint.js';
import { createRng } from '../../../engine/core/rng.js';
import { propertyCases, randomCalendarCases } from '../../helpers/random-calendar-run.js';

/**
 * Event-driven ticks are exact: a tick whose inputs did not change reuses the last proposal,
 * and every output equals the every-tick reference path's, byte for byte, on generated
 * scenarios (all variants, both modes, prices sparser and denser than ticks, guardian, regime,
 * kill list, late joiners, `since`, mixed horizons, the ridge expectation) and on every shipped scenario.
 */

const VARIANTS = ['static-schedule', 'risk-penalized', 'capital-governor', 'pnl-weighted'] as const;
const CALENDARS = [
  { barMs: 7 * MS.day, bars: 50, cadenceMs: MS.day }, // prices sparser than ticks
  { barMs: MS.day, bars: 200, cadenceMs: MS.day }, // one close per tick
  { barMs: MS.hour, bars: 24 * 30, cadenceMs: 6 * MS.hour, tickOffsetMs: 2 * MS.hour }, // prices denser than ticks, ticks at 02:00, 08:00, ...
  { barMs: MS.day, bars: 400, cadenceMs: 7 * MS.day, tickOffsetMs: 4 * MS.day }, // weekly ticks, on Mondays (clock.offset 4d)
] as const;

/** A seeded draw of scenario specs covering the matrix above. */
function specs(): ReferenceScenarioSpec[] {
  const rng = createRng(20261202, 'tick-skipping');
  const out: ReferenceScenarioSpec[] = [];
  let i = 0;
  for (const variant of VARIANTS) {
    for (const mode of ['default', 'seed'] as const) {
      for (const cal of CALENDARS) {
        const { tickOffsetMs, ...grid } = { tickOffsetMs: 0, ...cal };
        const frame = { name: `${variant}-${mode}-${cal.barMs / MS.hour}h-bars-${cal.cadenceMs / MS.hour}h-ticks`, seed: 100 + i++, variant, mode, ...grid };
        const spec = { ...drawReferenceSpec(rng, frame), ...(rng() < 0.5 ? { limitRows: 120 } : {}) };
        // a third fit the ridge expectation (model_fitted at ticks, expected values from the fit)
        const ridge = rng() < 0.33 ? { expectedModel: { kind: 'ridge', bpsPerScore: 10, lambda: 5, retrainMs: 7 * MS.day, minOutcomes: 20 } as const } : {};
        out.push({ ...spec, overrides: { ...ridge, tickOffsetMs } });
      }
    }
  }
  return out;
}

/** A TickView copied out (its arrays are the tick's own). */
function copyView(v: TickView): unknown {
  const st = v.stats as unknown as Record<string, unknown>;
  const stats: Record<string, number[]> = {};
  for (const k of Object.keys(st).sort()) {
    const x = st[k];
    if (ArrayBuffer.isView(x)) stats[k] = Array.from(x as Float64Array);
  }
  return {
    t: v.tMs,
    stats,
    cvar: [Array.from(v.cvarByClass), v.cvarUnclassified],
    multipliers: Array.from(v.multipliers),
    allocatorWeights: Array.from(v.allocatorWeights),
    agentWeights: Array.from(v.agentWeights),
    status: [Array.from(v.agentStatus), Array.from(v.classStatus)],
    proposed: Array.from(v.proposedTargets),
    regime: v.regime,
    guardian: v.guardianPaused,
    outcome: v.outcome,
  };
}

function runBoth(spec: ReferenceScenarioSpec): { data: RunData; skip: RunOutcome; every: RunOutcome; skipViews: unknown[]; everyViews: unknown[] } {
  const { data, cfg } = referenceScenario(spec);
  const plugin = ALLOCATORS[spec.variant] as AllocatorPlugin;
  const params = defaultsOf(plugin);
  const skipViews: unknown[] = [];
  const everyViews: unknown[] = [];
  const skip = runBacktest(data, cfg, plugin, params, { onTick: (v) => skipViews.push(copyView(v)) });
  const every = runBacktest(data, cfg, plugin, params, { everyTick: true, onTick: (v) => everyViews.push(copyView(v)) });
  return { data, skip, every, skipViews, everyViews };
}

describe('runTick', () => {
  const all = specs();
  it('leaves every output identical to the every-tick reference path on generated scenarios', () => {
    let skipped = 0;
    let evaluated = 0;
    let fits = 0;
    for (const spec of all) {
      const { data, skip, every, skipViews, everyViews } = runBoth(spec);
      expect(runFootprint(skip, data), spec.name).toEqual(runFootprint(every, data));
      expect(skipViews, spec.name).toEqual(everyViews);
      expect(every.state.skip.skipped, spec.name).toBe(0);
      skipped += skip.state.skip.skipped;
      fits += skip.state.expectation.fits;
      evaluated += skip.state.skip.evaluated;
    }
    // The matrix must exercise skipping, or the equality above proves nothing.
    expect(skipped).toBeGreaterThan(300);
    expect(evaluated).toBeGreaterThan(0);
    expect(fits).toBeGreaterThan(0);
  }, 120_000);

  it('never skips a tick in seed mode with decay on: seed 003 compounds every cycle (Q003-1)', () => {
    for (const spec of all.filter((s) => s.mode === 'seed').slice(0, 4)) {
      const { skip } = runBoth(spec);
      expect(skip.state.skip.skipped, spec.name).toBe(0);
    }
  }, 60_000);

  it('skips ticks whose inputs did not change once a window boundary is far off', () => {
    // weekly closes, daily ticks, few findings: most ticks see nothing new
    const spec = all.find((s) => s.mode === 'default' && s.barMs === 7 * MS.day) as ReferenceScenarioSpec;
    const { skip } = runBoth(spec);
    expect(skip.state.skip.skipped).toBeGreaterThan(0);
    expect(skip.state.skip.skipped + skip.state.skip.evaluated).toBe(skip.counters.ticks);
  }, 60_000);
});

describe('runScenario', () => {
  // every scenario shipped in scenarios/, so one added later is covered too
  const shipped = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
  it('finds the shipped scenarios', () => expect(shipped).toEqual(expect.arrayContaining(['quickstart', 'capital-governor'])));
  for (const name of shipped) {
    it(`writes byte-identical outputs with and without tick skipping: scenarios/${name}.yaml`, async () => {
      const fast = await runScenario(`scenarios/${name}.yaml`);
      const ref = await runScenario(`scenarios/${name}.yaml`, { control: { everyTick: true } });
      const names = Object.keys(ref.files).sort();
      expect(Object.keys(fast.files).sort()).toEqual(names);
      for (const f of names) expect(Buffer.from(fast.files[f] as Uint8Array).equals(Buffer.from(ref.files[f] as Uint8Array)), f).toBe(true);
    }, 60_000);
  }
});

describe('runTick on random calendars', () => {
  it('leaves every output identical to the every-tick reference path whatever the price spacing, cadence, tick offset, windows and finding times', () => {
    const cases = randomCalendarCases(20261205, propertyCases(120));
    let skipped = 0;
    for (const c of cases) {
      const plugin = ALLOCATORS[c.spec.variant] as AllocatorPlugin;
      const params = defaultsOf(plugin);
      const skip = runBacktest(c.data, c.cfg, plugin, params);
      const every = runBacktest(c.data, c.cfg, plugin, params, { everyTick: true });
      expect(runFootprint(skip, c.data), JSON.stringify(c.drawn)).toEqual(runFootprint(every, c.data));
      skipped += skip.state.skip.skipped;
    }
    // most draws skip ticks, or the equality would prove little
    expect(skipped).toBeGreaterThan(cases.length * 50);
  }, 300_000);
});
