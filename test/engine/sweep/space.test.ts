import { describe, expect, it } from 'vitest';
import { drawParam, expandSpace, spacePaths, spaceSize, type SweepSpace } from '../../../engine/sweep/space.js';

describe('expandSpace', () => {
  it('expands a grid in itertools.product order (the first parameter varies slowest)', () => {
    const space: SweepSpace = { kind: 'grid', params: [{ path: 'a', values: [1, 2] }, { path: 'b.c', values: ['x', 'y', 'z'] }] };
    const out = expandSpace(space);
    expect(out).toHaveLength(6);
    expect(out[0]).toEqual([['a', 1], ['b.c', 'x']]);
    expect(out[1]).toEqual([['a', 1], ['b.c', 'y']]);
    expect(out[5]).toEqual([['a', 2], ['b.c', 'z']]);
    expect(spaceSize(space)).toBe(6);
  });

  it('returns a list space as written', () => {
    const space: SweepSpace = { kind: 'list', configs: [[['a', 1]], [['b', true], ['a', 2]]] };
    expect(expandSpace(space)).toEqual([[['a', 1]], [['b', true], ['a', 2]]]);
    expect(spacePaths(space)).toEqual(['a', 'b']);
  });

  it("lists a space's paths in the order the sweep file writes them, not the alphabet's", () => {
    const grid: SweepSpace = { kind: 'grid', params: [{ path: 'targets.cash_buffer', values: [0.1] }, { path: 'allocator.params.max_weight', values: [0.2] }] };
    expect(spacePaths(grid)).toEqual(['targets.cash_buffer', 'allocator.params.max_weight']);
    // a list: each path where it first appears
    const list: SweepSpace = { kind: 'list', configs: [[['z', 1]], [['b', true], ['z', 2], ['a', 3]]] };
    expect(spacePaths(list)).toEqual(['z', 'b', 'a']);
  });

  it('draws the same random configurations whatever the order of its parameters (a YAML mapping) or of a choices list', () => {
    const r = { path: 'r', dist: { kind: 'range', lo: 0.1, hi: 0.3 } } as const;
    const l = { path: 'l', dist: { kind: 'log_range', lo: 1, hi: 100 } } as const;
    const c = (values: readonly unknown[]) => ({ path: 'c', dist: { kind: 'choices', values } }) as const;
    const asWritten: SweepSpace = { kind: 'random', n: 40, seed: 3, params: [r, l, c(['p', 'q', 0.5])] };
    const reordered: SweepSpace = { kind: 'random', n: 40, seed: 3, params: [c([0.5, 'q', 'p']), l, r] };
    // each configuration as a map path -> value: the overrides keep the file's order, the draws do not follow it
    const settings = (s: SweepSpace): Record<string, unknown>[] => expandSpace(s).map((o) => Object.fromEntries(o));
    expect(settings(reordered)).toEqual(settings(asWritten));
    expect(expandSpace(reordered)[0]?.map(([p]) => p)).toEqual(['c', 'l', 'r']);
    expect(new Set(settings(asWritten).map((x) => x['c'])).size).toBe(3);
  });

  it('draws the same random configurations for the same seed and others for another seed', () => {
    const space = (seed: number): SweepSpace => ({
      kind: 'random',
      n: 50,
      seed,
      params: [
        { path: 'r', dist: { kind: 'range', lo: 0.1, hi: 0.3 } },
        { path: 'l', dist: { kind: 'log_range', lo: 1, hi: 100 } },
        { path: 'i', dist: { kind: 'int_range', lo: 2, hi: 4 } },
        { path: 'c', dist: { kind: 'choices', values: ['p', 'q'] } },
      ],
    });
    const a = expandSpace(space(7));
    expect(expandSpace(space(7))).toEqual(a);
    expect(expandSpace(space(8))).not.toEqual(a);
    for (const cfg of a) {
      const v = Object.fromEntries(cfg) as { r: number; l: number; i: number; c: string };
      expect(v.r).toBeGreaterThanOrEqual(0.1);
      expect(v.r).toBeLessThan(0.3);
      expect(v.l).toBeGreaterThanOrEqual(1);
      expect(v.l).toBeLessThan(100);
      expect([2, 3, 4]).toContain(v.i);
      expect(['p', 'q']).toContain(v.c);
    }
    expect(new Set(a.map((c) => c[2]?.[1])).size).toBe(3);
  });
});

describe('drawParam', () => {
  it('maps u = 0 to the lower bound and u -> 1 to the upper end (int_range inclusive)', () => {
    expect(drawParam({ kind: 'range', lo: 2, hi: 4 }, 0.5)).toBe(3);
    // log_range at u = 0.5 of [1, 100] is the geometric midpoint 10
    expect(drawParam({ kind: 'log_range', lo: 1, hi: 100 }, 0.5)).toBeCloseTo(10, 12);
    expect(drawParam({ kind: 'int_range', lo: 1, hi: 3 }, 0.9999)).toBe(3);
    expect(drawParam({ kind: 'int_range', lo: 1, hi: 3 }, 0)).toBe(1);
    expect(drawParam({ kind: 'choices', values: ['a', 'b'] }, 0.5)).toBe('b');
  });
});
