import { describe, expect, it } from 'vitest';
import { pyDictKey, pyFloat, pyInt, pyMax2, pyMin2, pyTruthy } from '../../../../engine/core/python/py-builtins.js';

describe('pyFloat', () => {
  it('parses what Python float() parses', () => {
    expect([pyFloat('12.5'), pyFloat(' 12 '), pyFloat('1_000'), pyFloat('-1e3'), pyFloat('.5'), pyFloat(true)]).toEqual([
      12.5, 12, 1000, -1000, 0.5, 1,
    ]);
    expect(pyFloat('-inf')).toBe(-Infinity);
    expect(Number.isNaN(pyFloat('NaN'))).toBe(true);
  });

  it('raises ValueError on strings Python rejects and TypeError on None', () => {
    expect(() => pyFloat('')).toThrow("ValueError: could not convert string to float: ''");
    expect(() => pyFloat('n/a')).toThrow('ValueError');
    expect(() => pyFloat('0x10')).toThrow('ValueError');
    expect(() => pyFloat('1__0')).toThrow('ValueError');
    expect(() => pyFloat(null)).toThrow("TypeError: float() argument must be a string or a real number, not 'NoneType'");
  });
});

describe('pyInt', () => {
  it('truncates toward zero and parses integer strings only', () => {
    expect([pyInt(24.9), pyInt(-23.9), pyInt('24'), pyInt(' +7 '), pyInt(false)]).toEqual([24, -23, 24, 7, 0]);
    expect(() => pyInt('24.0')).toThrow('ValueError');
    expect(() => pyInt(null)).toThrow('TypeError');
  });
});

describe('pyTruthy', () => {
  it('treats None, False, 0, empty string, list and dict as false', () => {
    expect([null, undefined, false, 0, '', [], {}].map(pyTruthy)).toEqual([false, false, false, false, false, false, false]);
    expect(['a', 1, [0], { a: 0 }, true].map(pyTruthy)).toEqual([true, true, true, true, true]);
  });
});

describe('pyMax2', () => {
  it('keeps the first argument unless the second is greater (NaN never wins)', () => {
    expect(pyMax2(0, Number.NaN)).toBe(0);
    expect(pyMin2(1.1, Number.NaN)).toBe(1.1);
    expect(pyMax2(0, 2)).toBe(2);
  });
});

describe('pyDictKey', () => {
  it('writes keys as json.dumps does and rejects unhashable ones', () => {
    expect([pyDictKey('a'), pyDictKey(null), pyDictKey(true), pyDictKey(5)]).toEqual(['a', 'null', 'true', '5']);
    expect(() => pyDictKey([1])).toThrow("TypeError: unhashable type: 'list'");
  });
});
