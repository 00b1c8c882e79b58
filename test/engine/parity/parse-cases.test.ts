import { describe, expect, it } from 'vitest';
import { BtInputError } from '../../../engine/core/errors.js';
import { parseCases, requireExpectations } from '../../../engine/parity/parse-cases.js';

const FNS = ['pnl_weights', 'update_confidence'];

describe('parseCases', () => {
  it('reads cases in order, skipping blank lines, with their line numbers', () => {
    const text = '{"id":"a","fn":"pnl_weights","args":{},"expected":1}\n\n{"id":"b","fn":"update_confidence","args":{"rows":[]},"expected":null,"raises":"KeyError"}\n';
    const cases = parseCases(text, 'c.jsonl', FNS);
    expect(cases.map((c) => [c.id, c.line, c.hasExpected, c.raises])).toEqual([
      ['a', 1, true, null],
      ['b', 3, true, 'KeyError'],
    ]);
  });

  it('names the line of malformed JSON and lists the known fns', () => {
    const text = '{"id":"a","fn":"pnl_weights","args":{}}\n{"id": oops}\n{"id":"c","fn":"nope","args":{}}\n';
    let err: unknown;
    try {
      parseCases(text, 'c.jsonl', FNS);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BtInputError);
    const lines = (err as BtInputError).message.split('\n');
    expect(lines[0]).toMatch(/^c\.jsonl:2: expected one JSON object per line, found malformed JSON \(/);
    expect(lines[1]).toBe('c.jsonl:3: fn: expected one of pnl_weights, update_confidence, found "nope"');
  });

  it('rejects a line without args', () => {
    expect(() => parseCases('{"id":"a","fn":"pnl_weights"}', 'c.jsonl', FNS)).toThrow(
      'c.jsonl:1: args: expected a JSON object of the function arguments, found nothing',
    );
  });
});

describe('requireExpectations', () => {
  it('names cases with neither expected nor raises', () => {
    const cases = parseCases('{"id":"a","fn":"pnl_weights","args":{}}', 'c.jsonl', FNS);
    expect(() => requireExpectations(cases, 'c.jsonl')).toThrow('c.jsonl:1: expected: expected the expected output');
  });
});
