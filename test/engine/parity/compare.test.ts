import { describe, expect, it } from 'vitest';
import { compareOutcome, firstDifference, numbersMatch } from '../../../engine/parity/compare.js';

describe('numbersMatch', () => {
  it('accepts a relative difference of 1e-9 times max(1, |expected|)', () => {
    expect(numbersMatch(1e6 + 0.9e-3, 1e6)).toBe(true); // 0.9e-3 <= 1e-9 * 1e6
    expect(numbersMatch(1e6 + 1.1e-3, 1e6)).toBe(false);
    expect(numbersMatch(0.5 + 0.9e-9, 0.5)).toBe(true); // absolute below 1
    expect(numbersMatch(0.5 + 1.1e-9, 0.5)).toBe(false);
  });

  it('compares exactly with a tolerance of 0', () => {
    expect(numbersMatch(0.1 + 0.2, 0.3, 0)).toBe(false);
    expect(numbersMatch(-0, 0, 0)).toBe(true);
  });
});

describe('firstDifference', () => {
  it('returns null for equal values, 1 and 1.0 included', () => {
    expect(firstDifference({ a: [1, 'x', null, true] }, JSON.parse('{"a":[1.0,"x",null,true]}'))).toBeNull();
  });

  it('requires the same key set, zero-valued keys included', () => {
    expect(firstDifference({ a: 1 }, { a: 1, b: 0 })).toEqual({ path: '$.b', expected: '0', found: 'no such key' });
    expect(firstDifference({ a: 1, b: 0 }, { a: 1 })).toEqual({ path: '$.b', expected: 'no such key', found: '0' });
  });

  it('names the first differing path in nested lists and odd keys', () => {
    const d = firstDifference({ s: { 'a b': { r: ['x', 'y'] } } }, { s: { 'a b': { r: ['x', 'z'] } } });
    expect(d?.path).toBe('$.s["a b"].r[1]');
  });

  it('tells types apart: number vs bool, null vs 0, list lengths', () => {
    expect(firstDifference(1, true)?.path).toBe('$');
    expect(firstDifference(0, null)).not.toBeNull();
    expect(firstDifference([1], [1, 2])).toEqual({ path: '$', expected: 'a list of 2 items', found: '1 items' });
  });
});

describe('compareOutcome', () => {
  it('matches any raise when the case expects one', () => {
    expect(compareOutcome({ raises: 'KeyError: x' }, null, 'TypeError')).toBeNull();
    expect(compareOutcome({ actual: 1 }, null, 'TypeError')?.expected).toBe('raises TypeError');
  });

  it('fails a raise where a value is expected', () => {
    expect(compareOutcome({ raises: 'KeyError: x' }, 1, null)?.found).toBe('raises KeyError: x');
  });
});
