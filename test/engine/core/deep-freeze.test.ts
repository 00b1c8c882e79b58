import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../engine/core/deep-freeze.js';
import { parseScenario } from '../../../engine/scenario/parse.js';
import { allocatorParamSpecs } from '../../../strategies/index.js';

describe('deepFreeze', () => {
  it('freezes every object and array reachable from the value, and leaves typed arrays writable', () => {
    const v = deepFreeze({ a: { b: [1, { c: 2 }] }, d: 'x', t: new Float64Array(2) });
    expect(Object.isFrozen(v) && Object.isFrozen(v.a) && Object.isFrozen(v.a.b) && Object.isFrozen(v.a.b[1])).toBe(true);
    expect(() => {
      (v.a.b[1] as { c: number }).c = 3;
    }).toThrow(TypeError);
    v.t[0] = 1.5;
    expect(v.t[0]).toBe(1.5);
  });
});

describe('a parsed scenario', () => {
  it('cannot be changed under the keys a sweep caches by its identity: a write anywhere in it throws', () => {
    const s = parseScenario(readFileSync('scenarios/quickstart.yaml', 'utf8'), 'scenarios/quickstart.yaml', { allocators: allocatorParamSpecs(), cwd: process.cwd() });
    expect(() => {
      (s.allocator.params as Record<string, unknown>)['max_weight'] = 0.9;
    }).toThrow(TypeError);
    expect(() => {
      (s.settings as Record<string, unknown>)['seed'] = 8;
    }).toThrow(TypeError);
  });
});
