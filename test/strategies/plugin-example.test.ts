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

/** A variant that gives every eligible agent `w` from its `from`-th call on (1 before). */
function breaking(name: string, from: number, out: (n: number) => Float64Array): AllocatorPlugin {
  let calls = 0;
  return {
    name,
    description: 'breaks the weights contract after a while',
    params: {},
    allocate({ stats }) {
      calls++;
      return calls >= from ? out(stats.n) : Float64Array.from(stats.eligible, (e) => (e ? 0.1 : 0));
    },
  };
}

describe('AllocatorPlugin contract: one finite weight >= 0 per agent', () => {
  const data = syntheticRunData({ days: 60 });
  const cfg = syntheticRunConfig(data);
  const cases: [string, (n: number) => Float64Array, RegExp][] = [
    ['a NaN weight', (n) => new Float64Array(n).fill(Number.NaN), /expected every weight finite and >= 0, found NaN for agent '[^']+'/],
    ['a negative weight', (n) => new Float64Array(n).fill(-0.01), /expected every weight finite and >= 0, found -0\.01 for agent/],
    ['an infinite weight', (n) => new Float64Array(n).fill(Number.POSITIVE_INFINITY), /expected every weight finite and >= 0, found Infinity for agent/],
    ['one weight too few', (n) => new Float64Array(n - 1), /expected a Float64Array of \d+ weights \(one per agent\), found \d+ weights/],
    ['a plain array', (n) => new Array(n).fill(0) as unknown as Float64Array, /expected a Float64Array of \d+ weights \(one per agent\), found a plain Array of \d+/],
    ['null', () => null as unknown as Float64Array, /expected a Float64Array of \d+ weights \(one per agent\), found null/],
  ];
  for (const [what, out, message] of cases) {
    it(`stops the run naming the variant and the tick when it returns ${what}`, () => {
      const variant = breaking('broken-variant', 5, out);
      expect(() => runBacktest(data, cfg, variant, {})).toThrow(new RegExp(`allocator variant 'broken-variant' broke its contract at \\d{4}-\\d\\d-\\d\\dT[^:]+:\\d\\d:\\d\\d[^ ]*: ${message.source}`));
    });
  }

  it('accepts -0 and zeros for every agent', () => {
    const variant = breaking('all-cash', 1, (n) => new Float64Array(n).fill(-0));
    expect(() => runBacktest(data, cfg, variant, {})).not.toThrow();
  });
});
