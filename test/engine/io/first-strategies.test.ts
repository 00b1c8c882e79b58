import { describe, expect, it } from 'vitest';
import { addFirstStrategies } from '../../../engine/io/input-passes.js';
import type { DictColumn } from '../../../datasets/schemas/columns.js';

const dict = (dictionary: string[], codes: number[]): DictColumn => ({ dictionary, codes: Int32Array.from(codes) });

describe("addFirstStrategies (an agent's class without an agents file)", () => {
  it("takes the strategy of each agent's first row, the one it joins with: none when that row has none, whatever later rows say", () => {
    const into = new Map<string, string>();
    // rows: a(no strategy), b(trend), a(carry), a(trend), c(no strategy)
    addFirstStrategies(dict(['a', 'b', 'c'], [0, 1, 0, 0, 2]), dict(['trend', 'carry'], [-1, 0, 1, 0, -1]), 5, into);
    expect([...into].sort()).toEqual([
      ['a', ''],
      ['b', 'trend'],
      ['c', ''],
    ]);
  });

  it('keeps what an earlier batch found, even where a later batch codes the names differently', () => {
    const into = new Map<string, string>([['a', 'carry']]);
    addFirstStrategies(dict(['b', 'a'], [1, 0]), dict(['trend'], [0, 0]), 2, into);
    expect(into.get('a')).toBe('carry');
    expect(into.get('b')).toBe('trend');
  });

  it('reads only the first n rows', () => {
    const into = new Map<string, string>();
    addFirstStrategies(dict(['a', 'b'], [0, 1]), dict(['trend'], [0, 0]), 1, into);
    expect([...into.keys()]).toEqual(['a']);
  });
});
