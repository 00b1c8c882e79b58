import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { isAgentInPlay } from '../../../engine/run/state.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import type { TickView } from '../../../engine/run/tick.js';
import { syntheticRunConfig, syntheticRunData } from '../../helpers/synthetic-run.js';
import { defaultsOf } from '../../helpers/allocator-defaults.js';

/** At each tick where an agent left play: the allocator's weight of the agents removed then, and the tick's final weights' sum. */
function removalTicks(mode: 'seed' | 'default', variant: string): { removedWeight: number; finalSum: number; allocatorSum: number }[] {
  const data = syntheticRunData({ days: 160, killList: { macro: { maxDrawdownBps: -50 } } });
  const base = syntheticRunConfig(data);
  const cfg = syntheticRunConfig(data, { mode, kill: { ...base.kill, classMinOutcomes: 5 } });
  const plug = ALLOCATORS[variant] as AllocatorPlugin;
  const inPlay = new Uint8Array(data.agents.length);
  const out: { removedWeight: number; finalSum: number; allocatorSum: number }[] = [];
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
    }
    if (removed && v.evaluated) out.push({ removedWeight, finalSum, allocatorSum });
  };
  runBacktest(data, cfg, plug, defaultsOf(plug), { onTick });
  return out;
}

describe('the weights of a tick that retires or kills agents', () => {
  for (const variant of ['pnl-weighted', 'static-schedule', 'risk-penalized']) {
    it(`default mode (${variant}): the allocator weighs only the agents still in play, so no removed agent's share is left in cash`, () => {
      const ticks = removalTicks('default', variant);
      expect(ticks.length).toBeGreaterThan(0);
      for (const t of ticks) {
        expect(t.removedWeight).toBe(0);
        expect(t.finalSum).toBeCloseTo(t.allocatorSum, 12);
      }
    });
  }

  it('seed mode keeps the seeds\' order: the allocator weighed the removed agents, and their share is zeroed, not handed on', () => {
    const ticks = removalTicks('seed', 'pnl-weighted');
    expect(ticks.length).toBeGreaterThan(0);
    const t = ticks.find((x) => x.removedWeight > 0);
    expect(t).toBeDefined();
    expect((t as { finalSum: number }).finalSum).toBeLessThan((t as { allocatorSum: number }).allocatorSum - 1e-9);
  });
});
