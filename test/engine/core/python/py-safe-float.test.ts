import { describe, expect, it } from 'vitest';
import { pyFloat } from '../../../../engine/core/python/py-builtins.js';
import { pySafeFloat } from '../../../../engine/core/python/py-safe-float.js';
import { SeedRaise } from '../../../../engine/core/errors.js';

describe('pyFloat', () => {
  it('parses what Python float() parses', () => {
    expect(['12.5', ' 12 ', '1_000', '-.5', '1e3', '5.', 'inf', '-Infinity'].map(pyFloat)).toEqual([12.5, 12, 1000, -0.5, 1000, 5, Infinity, -Infinity]);
    expect(pyFloat('nan')).toBeNaN();
    expect([true, false, 3].map(pyFloat)).toEqual([1, 0, 3]);
  });

  it('raises ValueError where JS Number() would return a number (Q001-5)', () => {
    for (const s of ['', '  ', 'n/a', '0x10', '1__0', '_1', '1_', 'Infinityx']) {
      expect(() => pyFloat(s)).toThrow(SeedRaise);
    }
  });

  it('raises TypeError on None, lists and dicts', () => {
    for (const v of [null, [], {}]) expect(() => pyFloat(v)).toThrow(/TypeError/);
  });
});

describe('pySafeFloat', () => {
  it('returns the default where float() raises (seed 001 _safe)', () => {
    expect([pySafeFloat(''), pySafeFloat('n/a', 999), pySafeFloat(null, 999), pySafeFloat('7')]).toEqual([0, 999, 999, 7]);
  });
});
