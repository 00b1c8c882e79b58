import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyOverrides, overriddenValue } from '../../../engine/sweep/apply-overrides.js';

describe('applyOverrides', () => {
  it('sets existing and new dotted paths and keeps everything else, comments included', () => {
    const base = '# head\nname: q\ntargets:\n  max_symbol_weight: 0.3 # cap\n';
    const text = applyOverrides(base, [['targets.max_symbol_weight', 0.2], ['allocator.params.max_weight', 0.15], ['decay.enabled', false]]);
    expect(parse(text)).toEqual({ name: 'q', targets: { max_symbol_weight: 0.2 }, allocator: { params: { max_weight: 0.15 } }, decay: { enabled: false } });
    expect(text).toContain('# head');
  });

  it('keeps random draws exact through the YAML text', () => {
    const x = 0.1 + 0.2 * 0.123456789012345;
    const back = parse(applyOverrides('a: 1\n', [['b.c', x]])) as { b: { c: number } };
    expect(back.b.c).toBe(x);
  });

  it('replaces a whole mapping when the override is one', () => {
    const text = applyOverrides('allocator:\n  variant: a\n  params:\n    x: 1\n', [['allocator.params', { y: 2 }]]);
    expect(parse(text)).toEqual({ allocator: { variant: 'a', params: { y: 2 } } });
  });

  it("drops the base's allocator.params when an override picks another variant, in the text and in the tree, and keeps them for the same one", () => {
    const base = 'allocator:\n  variant: risk-penalized\n  params:\n    dd_penalty_k: 0.001\n';
    const value = parse(base) as unknown;
    const cases: [[string, unknown][], unknown][] = [
      [[['allocator.variant', 'pnl-weighted']], { allocator: { variant: 'pnl-weighted' } }],
      [[['allocator.params.min_weight', 0.1], ['allocator.variant', 'pnl-weighted']], { allocator: { variant: 'pnl-weighted', params: { min_weight: 0.1 } } }],
      [[['allocator.variant', 'risk-penalized'], ['allocator.params.max_weight', 0.2]], { allocator: { variant: 'risk-penalized', params: { dd_penalty_k: 0.001, max_weight: 0.2 } } }],
      [[['allocator.params.max_weight', 0.2]], { allocator: { variant: 'risk-penalized', params: { dd_penalty_k: 0.001, max_weight: 0.2 } } }],
    ];
    for (const [overrides, expected] of cases) {
      expect(parse(applyOverrides(base, overrides)), JSON.stringify(overrides)).toEqual(expected);
      expect(overriddenValue(value, overrides), JSON.stringify(overrides)).toEqual(expected);
    }
    // a base without params is left as it was
    expect(applyOverrides('name: q\n', [['allocator.variant', 'pnl-weighted']])).toBe(applyOverrides('name: q\n', [['allocator.variant', 'pnl-weighted']]));
    expect(parse(applyOverrides('name: q\n', [['allocator.variant', 'pnl-weighted']]))).toEqual({ name: 'q', allocator: { variant: 'pnl-weighted' } });
  });
});
