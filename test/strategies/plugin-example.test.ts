import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../engine/run/run.js';
import type { AllocatorPlugin } from '../../engine/modules/allocator/plugin.js';
import { syntheticRunConfig, syntheticRunData } from '../helpers/synthetic-run.js';

// The README's example variant, verbatim: a new allocator is one file, with no engine change.
const equalWeight: AllocatorPlugin = {
  name: 'equal-weight',
  description: 'the same weight for every eligible agent',
  params: { cap: { kind: 'number', doc: 'max weight per agent', default: 1, min: 0, max: 1 } },
  allocate({ stats }, params) {
    const n = stats.eligible.reduce((s, e) => s + e, 0);
    const w = n > 0 ? Math.min(Number(params['cap']), 1 / n) : 0;
    return Float64Array.from(stats.eligible, (e) => (e ? w : 0));
  },
};

describe('AllocatorPlugin', () => {
  it('runs a variant written outside the engine, giving every eligible agent the same weight', () => {
    const data = syntheticRunData({ days: 60 });
    const r = runBacktest(data, syntheticRunConfig(data), equalWeight, { cap: 1 });
    const w = r.state.agentWeights as Float64Array;
    const live = Array.from(w).filter((x) => x > 0);
    expect(live.length).toBeGreaterThan(0);
    for (const x of live) expect(x).toBe(1 / live.length);
    expect(r.state.out.rebalances).toBeGreaterThan(0);
  });
});
