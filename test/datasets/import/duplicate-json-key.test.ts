import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/core/rng.js';
import { firstDuplicateJsonKey, firstDuplicateJsonKeyBySets, lineOfOffset } from '../../../datasets/import/duplicate-json-key.js';

describe('a key written twice in one JSON object', () => {
  it('is found with its second occurrence, at any depth', () => {
    const top = '{"close": 1, "close": 2}';
    expect(firstDuplicateJsonKey(top)).toEqual({ key: 'close', offset: top.lastIndexOf('"close"') });
    const nested = '[{"a": 1}, {"b": {"x": 1, "y": [1, {"x": 2}], "x": 3}}]';
    expect(firstDuplicateJsonKey(nested)).toEqual({ key: 'x', offset: nested.lastIndexOf('"x"') });
  });

  it('is one key however it is escaped, as JSON.parse reads it', () => {
    expect(firstDuplicateJsonKey('{"agent": "a1", "\\u0061gent": "a2"}')?.key).toBe('agent');
    expect(firstDuplicateJsonKey('{"a\\"b": 1, "a\\u0022b": 2}')?.key).toBe('a"b');
  });

  it('is not found for the same key in sibling objects, for values that look like keys, or for keys differing only in case', () => {
    expect(firstDuplicateJsonKey('[{"ts": 1, "agent": "x"}, {"ts": 2, "agent": "y"}]')).toBeNull();
    expect(firstDuplicateJsonKey('{"note": "\\"close\\": 1", "close": 2, "b": ["close", "close"]}')).toBeNull();
    expect(firstDuplicateJsonKey('{"Close": 1, "close": 2}')).toBeNull();
    expect(firstDuplicateJsonKey('{"m": {"k": 1}, "n": {"k": 2}}')).toBeNull();
  });

  it('agrees with a count of each object\'s keys against JSON.parse\'s on random flat records', () => {
    const rng = createRng(12345, 'duplicate-json-key');
    const rnd = (k: number): number => Math.floor(rng() * k);
    const names = ['ts', 'agent', 'symbol', 'close', 'conf'];
    for (let t = 0; t < 500; t++) {
      const keys = Array.from({ length: 1 + rnd(6) }, () => names[rnd(names.length)] as string);
      const text = `{${keys.map((k, i) => `${JSON.stringify(k)}: ${i}`).join(', ')}}`;
      const hasDuplicate = Object.keys(JSON.parse(text) as object).length < keys.length;
      expect(firstDuplicateJsonKey(text) !== null, text).toBe(hasDuplicate);
    }
  });

  it('is found in place as the reference finds it with a Set of decoded names per object, on random nested texts', () => {
    const rng = createRng(777, 'duplicate-json-key');
    const rnd = (k: number): number => Math.floor(rng() * k);
    const names = ['a', 'b', 'ab', 'ba', 'close', 'c\\u006cose', 'x"y', ''];
    const value = (depth: number): unknown => {
      const r = rnd(10);
      if (depth > 2 || r < 5) return r < 2 ? 'close' : r;
      if (r < 7) return Array.from({ length: rnd(4) }, () => value(depth + 1));
      return null; // an object, written below
    };
    const write = (depth: number): string => {
      const keys = Array.from({ length: rnd(5) }, () => names[rnd(names.length)] as string);
      return `{${keys.map((k) => {
        const v = value(depth);
        const key = k.includes('\\u') ? `"${k}"` : JSON.stringify(k);
        return `${key}: ${v === null ? write(depth + 1) : JSON.stringify(v)}`;
      }).join(', ')}}`;
    };
    const seen = { duplicate: 0, escaped: 0, clean: 0 };
    for (let t = 0; t < 1000; t++) {
      const text = rnd(2) === 0 ? write(0) : `[${write(0)}, ${write(0)}]`;
      JSON.parse(text); // valid JSON, as the importers call it
      const found = firstDuplicateJsonKey(text);
      expect(found, text).toEqual(firstDuplicateJsonKeyBySets(text));
      if (text.includes('\\')) seen.escaped++;
      if (found === null) seen.clean++;
      else seen.duplicate++;
    }
    // the texts cover both answers and the escaped keys' path
    expect(Math.min(seen.duplicate, seen.escaped, seen.clean)).toBeGreaterThan(100);
  });

  it('names the line of an offset', () => {
    expect(lineOfOffset('a\nb\nc', 0)).toBe(1);
    expect(lineOfOffset('a\nb\nc', 4)).toBe(3);
  });
});
