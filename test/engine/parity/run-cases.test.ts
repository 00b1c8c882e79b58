import { describe, expect, it } from 'vitest';
import { SeedRaise } from '../../../engine/core/errors.js';
import type { SeedFunction } from '../../../engine/parity/functions.js';
import { parseCases } from '../../../engine/parity/parse-cases.js';
import { checkResults, findNonFinite, formatResultLine, runCases } from '../../../engine/parity/run-cases.js';

const FNS = new Map<string, SeedFunction>([
  ['echo', (args) => ({ z: args['x'], a: 0.1 + 0.2 })],
  ['boom', () => {
    throw new SeedRaise('KeyError', "'pnl_bps'");
  }],
]);
const TEXT = [
  '{"id":"1","fn":"echo","args":{"x":3},"expected":{"a":0.3,"z":3}}',
  '{"id":"2","fn":"boom","args":{},"expected":null,"raises":"KeyError"}',
  '{"id":"3","fn":"echo","args":{"x":4},"expected":{"a":0.3,"z":3}}',
].join('\n');

describe('runCases', () => {
  it('returns values and SeedRaise messages in input order', () => {
    const r = runCases(parseCases(TEXT, 'c.jsonl', ['echo', 'boom']), FNS);
    expect(r.map((x) => x.outcome)).toEqual([
      { actual: { z: 3, a: 0.30000000000000004 } },
      { raises: "KeyError: 'pnl_bps'" },
      { actual: { z: 4, a: 0.30000000000000004 } },
    ]);
  });
});

describe('formatResultLine', () => {
  it('keeps the output key order and prints shortest round-trip numbers', () => {
    const r = runCases(parseCases(TEXT, 'c.jsonl', ['echo', 'boom']), FNS);
    expect(r.map(formatResultLine)).toEqual([
      '{"id":"1","fn":"echo","actual":{"z":3,"a":0.30000000000000004}}',
      '{"id":"2","fn":"boom","raises":"KeyError: \'pnl_bps\'"}',
      '{"id":"3","fn":"echo","actual":{"z":4,"a":0.30000000000000004}}',
    ]);
  });
});

describe('checkResults', () => {
  it('reports only the cases that differ beyond 1e-9, with their line', () => {
    const cases = parseCases(TEXT, 'c.jsonl', ['echo', 'boom']);
    const m = checkResults(cases, runCases(cases, FNS));
    expect(m).toEqual([{ id: '3', line: 3, difference: { path: '$.z', expected: '3', found: '4' } }]);
  });
});

describe('findNonFinite', () => {
  it('names the path of the first NaN or Infinity', () => {
    expect(findNonFinite({ a: [1, { b: Infinity }] })).toBe('$.a[1].b = Infinity');
    expect(findNonFinite({ a: [1, null, 'x'] })).toBeNull();
  });
});
