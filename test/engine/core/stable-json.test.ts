import { describe, expect, it } from 'vitest';
import { compareCodeUnits, stableStringify } from '../../../engine/core/stable-json.js';
import { createRng } from '../../../engine/core/rng.js';

/** The reference, written as JSON is specified: arrays item by item (undefined as null), objects' defined fields in code-unit order of their keys, indented as JSON.stringify indents. */
function reference(v: unknown, indent: number, pad = ''): string {
  const inner = indent > 0 ? pad + ' '.repeat(indent) : '';
  const nl = indent > 0 ? '\n' : '';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${nl}${v.map((x) => inner + reference(x === undefined ? null : x, indent, inner)).join(`,${nl}`)}${nl}${pad}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(compareCodeUnits);
    return keys.length === 0 ? '{}' : `{${nl}${keys.map((k) => `${inner}${JSON.stringify(k)}${indent > 0 ? ': ' : ':'}${reference(o[k], indent, inner)}`).join(`,${nl}`)}${nl}${pad}}`;
  }
  return JSON.stringify(v);
}

function randomValue(rng: () => number, depth: number): unknown {
  const r = rng();
  if (depth <= 0 || r < 0.4) {
    const s = rng();
    if (s < 0.2) return null;
    if (s < 0.3) return rng() < 0.5;
    if (s < 0.6) return (rng() - 0.5) * 10 ** Math.floor(rng() * 30 - 10);
    if (s < 0.65) return -0;
    return ['', 'a', 'B', 'é', '\u{1F600}', 'line\nbreak "quoted" \\', '10', '2', '_x', '\ud800 lone', 'bell\u0007', 'del\u007f', 'tab\t', "it's"][Math.floor(rng() * 14)];
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rng() * 5) }, () => (rng() < 0.1 ? undefined : randomValue(rng, depth - 1)));
  const o: Record<string, unknown> = {};
  const keys = ['b', 'a', 'A', 'é', 'Z', '10', '9', '\u{1F600}', 'a b', 'weight', 'agent_001', 'agent_010', 'agent_002', '', 'k"q', 'k\\b', '\u0000'];
  for (let i = Math.floor(rng() * 8); i > 0; i--) o[keys[Math.floor(rng() * keys.length)] as string] = rng() < 0.1 ? undefined : randomValue(rng, depth - 1);
  return o;
}

describe('stableStringify', () => {
  it('writes JSON.stringify of the value with every object\'s keys in code-unit order (undefined fields left out, in arrays null), compact and indented, for 2,000 random nested values', () => {
    const rng = createRng(20261205, 'stable-json');
    for (let i = 0; i < 2000; i++) {
      const v = randomValue(rng, 4);
      for (const indent of [0, 2]) expect(stableStringify(v, indent), `value ${i}, indent ${indent}`).toBe(reference(v, indent));
    }
  });

  it('orders keys by code unit, not by locale or by JS\'s integer-first insertion order', () => {
    expect(stableStringify({ b: 1, a: 2, B: 3, 10: 4, 9: 5, é: 6, z: 7 })).toBe('{"10":4,"9":5,"B":3,"a":2,"b":1,"z":7,"é":6}');
    expect(stableStringify({ x: [1, { d: 1, c: [] }], w: {} }, 2)).toBe('{\n  "w": {},\n  "x": [\n    1,\n    {\n      "c": [],\n      "d": 1\n    }\n  ]\n}');
  });

  it('rejects NaN and Infinity', () => {
    expect(() => stableStringify({ a: [Number.NaN] })).toThrow(/non-finite number NaN/);
    expect(() => stableStringify(Number.POSITIVE_INFINITY)).toThrow(/non-finite/);
  });
});
