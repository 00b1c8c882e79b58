import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../engine/run/run.js';
import { MS } from '../../../engine/core/time.js';
import { ALLOCATORS } from '../../../strategies/index.js';
import type { AllocatorPlugin } from '../../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig } from '../../helpers/synthetic-run.js';
import { generatedRunData } from '../../helpers/generated-run.js';

describe('runBacktest guardian', () => {
  it('pauses above pause_drawdown, holds targets while paused and resumes below resume_drawdown, tick by tick', () => {
    const data = generatedRunData({ seed: 21, days: 120, priceStepHours: [24, 24, 24], agentClasses: [0, 1, -1, -1], findingsPerDay: 1.5, horizonsHours: [24, 72], shortFraction: 0.5 });
    const t0 = data.prices.tsMs[0] as number;
    const base = syntheticRunConfig(data);
    const guardian = { enabled: true, pauseDrawdown: 0.02, resumeDrawdown: 0.01 };
    const cfg = syntheticRunConfig(data, {
      startMs: t0,
      endMs: t0 + 119 * MS.day,
      targets: { maxAgentWeight: 1, maxSymbolWeight: 1, cashBuffer: 0 },
      governor: { ...base.governor, guardian },
    });
    // Equity is recorded at every close from t0 on; the guardian reads the latest one and the
    // running peak (from the initial capital), so the expected state follows by hand.
    const full = runBacktest(data, cfg, ALLOCATORS['static-schedule'] as AllocatorPlugin, {});
    const eqTs = full.state.out.equityTs.data;
    const eq = full.state.out.equity.data;
    let j = 0;
    let peak = cfg.initialCapital;
    let paused = false;
    let pauses = 0;
    let held = 0;
    runBacktest(data, cfg, ALLOCATORS['static-schedule'] as AllocatorPlugin, {}, {
      onTick: (v) => {
        let last = cfg.initialCapital;
        for (; j < full.state.out.equityTs.length && (eqTs[j] as number) <= v.tMs; j++) peak = Math.max(peak, eq[j] as number);
        if (j > 0) last = eq[j - 1] as number;
        const dd = 1 - last / peak;
        if (!paused && dd > guardian.pauseDrawdown) {
          paused = true;
          pauses++;
        } else if (paused && dd < guardian.resumeDrawdown) paused = false;
        expect(v.guardianPaused, new Date(v.tMs).toISOString()).toBe(paused);
        expect(v.outcome === 'guardian_paused').toBe(paused);
        if (paused) held++;
      },
    });
    expect(pauses).toBeGreaterThan(0);
    expect(held).toBeGreaterThan(pauses);
  });
});
