import { describe, expect, it } from 'vitest';
import { BtInputError } from '../../../engine/core/errors.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { allocatorParamSpecs } from '../../../strategies/index.js';

// Values a sweep reaches at the edges of a field's range, checked against the registered
// plug-ins' specs: each one accepted here must give a meaningful run, each refused one says why.
const OPTS = { allocators: allocatorParamSpecs(), cwd: '/work/repo' };
const FILE = 'scenarios/edge.yaml';

/** Returns a scenario with `allocator` lines (from line 7) and `extra` sections after them. */
function scenario(allocator: readonly string[], extra: readonly string[] = []): string {
  return [
    'name: edge', //                         1
    'data:', //                              2
    '  findings: f.arrow', //                3
    '  prices: p.arrow', //                  4
    'clock:', //                             5
    '  cadence: 1d', //                      6
    'allocator:', //                         7
    ...allocator,
    ...extra,
  ].join('\n') + '\n';
}

function errorLines(text: string): string[] {
  try {
    parseScenario(text, FILE, OPTS);
  } catch (err) {
    if (err instanceof BtInputError) return err.message.split('\n');
    throw err;
  }
  return [];
}

describe('parseScenario at the edges of the parameter space', () => {
  it('refuses capital-governor min_alloc above max_alloc in both modes, naming max_alloc and its value', () => {
    for (const mode of ['seed', 'default']) {
      const text = scenario(['  variant: capital-governor', `  mode: ${mode}`, '  params:', '    min_alloc: 0.5', '    max_alloc: 0.1']);
      expect(errorLines(text)).toEqual(['scenarios/edge.yaml:11: allocator.params.min_alloc: expected a number <= allocator.params.max_alloc (0.1), found 0.5']);
    }
  });

  it('refuses min_alloc above the default max_alloc and accepts min_alloc equal to max_alloc', () => {
    expect(errorLines(scenario(['  variant: capital-governor', '  params: { min_alloc: 0.6 }']))).toEqual([
      'scenarios/edge.yaml:9: allocator.params.min_alloc: expected a number <= allocator.params.max_alloc (0.4), found 0.6',
    ]);
    expect(errorLines(scenario(['  variant: capital-governor', '  params: { min_alloc: 0.2, max_alloc: 0.2 }']))).toEqual([]);
  });

  it('refuses pnl-weighted min_weight 0 in seed mode, where seed 004 divides by zero, and accepts it in default mode', () => {
    const seed = errorLines(scenario(['  variant: pnl-weighted', '  mode: seed', '  params: { min_weight: 0 }']));
    expect(seed).toHaveLength(1);
    expect(seed[0]).toMatch(/^scenarios\/edge\.yaml:10: allocator\.params\.min_weight: expected a number in \(0, 1\], found 0\. In allocator\.mode seed, seed 004 divides by the sum of the floored weights/);
    expect(seed[0]).toContain('Q004-5');
    expect(errorLines(scenario(['  variant: pnl-weighted', '  mode: default', '  params: { min_weight: 0 }']))).toEqual([]);
    expect(errorLines(scenario(['  variant: pnl-weighted', '  mode: seed', '  params: { min_weight: 0.001 }']))).toEqual([]);
  });

  it('refuses a decay half-life below 1 signal, which seed 003 would run as 1, and accepts 1', () => {
    const variant = ['  variant: static-schedule'];
    expect(errorLines(scenario(variant, ['decay:', '  half_life_signals: 0.5']))).toEqual([
      "scenarios/edge.yaml:10: decay.half_life_signals: expected a number >= 1, found 0.5",
    ]);
    expect(errorLines(scenario(variant, ['decay:', '  half_life_signals: 1']))).toEqual([]);
  });

  it('refuses a decay ceiling that overflows the risk-penalized weights', () => {
    expect(errorLines(scenario(['  variant: risk-penalized'], ['decay:', '  ceil: 1e308']))).toEqual([
      'scenarios/edge.yaml:10: decay.ceil: expected a number in (0, 1000000], found 1e+308',
    ]);
    expect(errorLines(scenario(['  variant: risk-penalized'], ['decay:', '  ceil: 1000000']))).toEqual([]);
  });

  it('refuses counts that size a buffer past what a typed array holds (bt stopped with an internal RangeError), naming the line and the bound, and accepts the bound', () => {
    const variant = ['  variant: risk-penalized'];
    expect(errorLines(scenario(variant, ['stats:', '  lookback_outcomes: 1e15']))).toEqual(['scenarios/edge.yaml:10: stats.lookback_outcomes: expected an integer in [1, 1000000], found 1000000000000000']);
    expect(errorLines(scenario(variant, ['decay:', '  limit_rows: 1e15']))).toEqual(['scenarios/edge.yaml:10: decay.limit_rows: expected an integer in [1, 10000000], found 1000000000000000']);
    expect(errorLines(scenario(variant, ['costs:', '  impact_window: 1e15']))).toEqual(['scenarios/edge.yaml:10: costs.impact_window: expected an integer in [2, 100000], found 1000000000000000']);
    expect(errorLines(scenario(variant, ['stats:', '  lookback_outcomes: 1000000', 'decay:', '  limit_rows: 10000000', 'costs:', '  impact_window: 100000']))).toEqual([]);
  });

  it('refuses an expected_bps_per_score that overflows the outcome columns', () => {
    expect(errorLines(scenario(['  variant: static-schedule'], ['reconcile:', '  expected_bps_per_score: 1e308']))).toEqual([
      'scenarios/edge.yaml:10: reconcile.expected_bps_per_score: expected a number in [0, 1000000], found 1e+308',
    ]);
  });

  it('refuses a ridge lambda too small to keep the normal matrix positive definite', () => {
    const extra = ['reconcile:', '  expected_model: ridge', '  ridge:', '    lambda: 1e-300'];
    expect(errorLines(scenario(['  variant: static-schedule'], extra))).toEqual([
      'scenarios/edge.yaml:12: reconcile.ridge.lambda: expected a number >= 0.000001, found 1e-300',
    ]);
  });
});
