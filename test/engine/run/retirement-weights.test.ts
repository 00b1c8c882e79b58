import { describe, expect, it } from 'vitest';
import { MS } from '../../../engine/core/time.js';
import { createRng } from '../../../engine/core/rng.js';
import { runBacktest } from '../../../engine/run/run.js';
import { isAgentInPlay } from '../../../engine/run/state.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { RunData } from '../../../engine/run/run-data.js';
import type { RunConfig } from '../../../engine/run/config.js';
import type { TickView } from '../../../engine/run/tick.js';
import { syntheticRunConfig, syntheticRunData } from '../../helpers/synthetic-run.js';
import { drawReferenceSpec, referenceScenario } from '../../helpers/reference-scenario.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';

/*
 * The order within a tick (docs/modules/promotion.md): default mode decides, then weighs the
 * agents still in play, so a tick's weights are a whole allocation; seed mode weighs first (the
 * seeds' order), so an agent removed at a tick had a share, which is zeroed and not handed on.
 */

const VARIANTS = ['static-schedule', 'risk-penalized', 'capital-governor', 'pnl-weighted'] as const;
const CALENDARS = [
  { barMs: 7 * MS.day, bars: 50, cadenceMs: MS.day }, // prices sparser than ticks
  { barMs: MS.day, bars: 200, cadenceMs: MS.day },
  { barMs: MS.hour, bars: 24 * 30, cadenceMs: 6 * MS.hour }, // prices denser than ticks
  { barMs: MS.day, bars: 400, cadenceMs: 7 * MS.day }, // weekly ticks
] as const;

interface Removal {
  /** The allocator's weight, at that tick, of the agents removed at it. */
  readonly removedWeight: number;
  readonly finalSum: number;
  readonly allocatorSum: number;
}

/** Runs `data` and checks every evaluated tick of a default-mode run; returns its ticks that removed agents. */
function removals(data: RunData, cfg: RunConfig, variant: string): Removal[] {
  const plug = ALLOCATORS[variant] as AllocatorPlugin;
  const inPlay = new Uint8Array(data.agents.length);
  const out: Removal[] = [];
  const onTick = (v: TickView): void => {
    let removedWeight = 0;
    let removed = false;
    let finalSum = 0;
    let allocatorSum = 0;
    for (let a = 0; a < data.agents.length; a++) {
      const now = isAgentInPlay(v.state, data, a) ? 1 : 0;
      if (inPlay[a] === 1 && now === 0) {
        removed = true;
        removedWeight += v.allocatorWeights[a] as number;
      }
      inPlay[a] = now;
      finalSum += v.agentWeights[a] as number;
      allocatorSum += v.allocatorWeights[a] as number;
      // default mode: the allocator weighed only agents in play, and its weights are the tick's
      if (cfg.mode === 'default' && v.evaluated) {
        if (now === 0) expect(v.allocatorWeights[a], `${data.agents[a]} out of play at ${v.tMs}`).toBe(0);
        expect(v.agentWeights[a]).toBe(v.allocatorWeights[a]);
      }
    }
    if (removed && v.evaluated) out.push({ removedWeight, finalSum, allocatorSum });
  };
  runBacktest(data, cfg, plug, defaultsOf(plug), { onTick });
  return out;
}

describe('the weights of a tick that retires or kills agents', () => {
  it('default mode: every tick weighs only the agents in play and its weights are the allocator\'s, on generated scenarios of every variant and calendar', () => {
    const rng = createRng(20261204, 'retirement-weights');
    let ticks = 0;
    let i = 0;
    for (const variant of VARIANTS) {
      for (const cal of CALENDARS) {
        const spec = drawReferenceSpec(rng, { name: `${variant}-${cal.barMs / MS.hour}h-${cal.cadenceMs / MS.hour}h`, seed: 300 + i++, variant, mode: 'default', ...cal });
        const { data, cfg } = referenceScenario(spec);
        for (const r of removals(data, cfg, variant)) {
          ticks++;
          expect(r.removedWeight).toBe(0);
        }
      }
    }
    // the matrix must remove agents, or the checks at removal ticks prove nothing
    expect(ticks).toBeGreaterThan(3);
  }, 120_000);

  it('default mode hands a retired class\'s share on: the tick of the retirement sums to what the allocator gives', () => {
    const data = syntheticRunData({ days: 160, killList: { macro: { maxDrawdownBps: -50 } } });
    const cfg = syntheticRunConfig(data, { kill: { ...syntheticRunConfig(data).kill, classMinOutcomes: 5 } });
    const ticks = removals(data, cfg, 'pnl-weighted');
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) expect(t.finalSum).toBeCloseTo(t.allocatorSum, 12);
  });

  it('seed mode keeps the seeds\' order: the allocator weighed the removed agents, and their share is zeroed, not handed on', () => {
    const data = syntheticRunData({ days: 160, killList: { macro: { maxDrawdownBps: -50 } } });
    const cfg = syntheticRunConfig(data, { mode: 'seed', kill: { ...syntheticRunConfig(data).kill, classMinOutcomes: 5 } });
    const t = removals(data, cfg, 'pnl-weighted').find((x) => x.removedWeight > 0);
    expect(t).toBeDefined();
    expect((t as Removal).finalSum).toBeLessThan((t as Removal).allocatorSum - 1e-9);
  });
});
