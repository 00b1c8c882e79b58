import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyOverrides } from '../../../engine/sweep/apply-overrides.js';

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
});
