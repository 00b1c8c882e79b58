import { describe, expect, it } from 'vitest';
import { describeExpected } from '../../../engine/scenario/describe-field.js';
import { isRequired, validateObject, type ObjectSpec } from '../../../engine/scenario/param-spec.js';
import { createValidationContext, type ValidationContext } from '../../../engine/scenario/validation-context.js';

function context(lines: Readonly<Record<string, number>> = {}): ValidationContext {
  return createValidationContext('p.yaml', new Map(Object.entries(lines)));
}

const SPEC: ObjectSpec = {
  ratio: { kind: 'number', doc: 'A fraction', default: 0.5, min: 0, max: 1 },
  count: { kind: 'number', doc: 'A count', integer: true, min: 1 },
  label: { kind: 'string', doc: 'A label', optional: true },
  every: { kind: 'duration', doc: 'Period', default: '1h' },
  since: { kind: 'date', doc: 'Start', default: '1970-01-02' },
  inner: { kind: 'object', doc: 'Nested', fields: { on: { kind: 'boolean', doc: 'Switch', default: true } } },
  extra: { kind: 'object', doc: 'Optional nested', optional: true, fields: { x: { kind: 'number', doc: 'x', default: 1 } } },
  per_class: { kind: 'record', doc: 'Per class', value: { kind: 'number', doc: 'Threshold', min: 0 } },
};

describe('validateObject', () => {
  it('fills defaults, converts durations and dates, and leaves optional fields out', () => {
    const ctx = context();
    const out = validateObject({ count: 3 }, SPEC, '', ctx);
    expect(ctx.violations).toEqual([]);
    // 1h = 3 600 000 ms; 1970-01-02 = 86 400 000 ms after the epoch
    expect(out).toEqual({ ratio: 0.5, count: 3, every: 3_600_000, since: 86_400_000, inner: { on: true }, per_class: {} });
  });

  it('treats an empty value of a field with a default as absent', () => {
    const ctx = context();
    const out = validateObject({ count: 1, ratio: null, inner: null }, SPEC, '', ctx);
    expect(ctx.violations).toEqual([]);
    expect(out['ratio']).toBe(0.5);
    expect(out['inner']).toEqual({ on: true });
  });

  it('checks each value of a record under its own path and keeps free keys as written', () => {
    const ctx = context({ per_class: 4, 'per_class.momentum': 5, 'per_class.__proto__': 6 });
    const out = validateObject({ count: 1, per_class: JSON.parse('{"momentum": -1, "mean_rev": 2, "__proto__": 3}') }, SPEC, '', ctx);
    expect(ctx.violations).toEqual([
      { file: 'p.yaml', line: 5, field: 'per_class.momentum', expected: 'a number >= 0', found: '-1' },
    ]);
    expect(Object.keys(out['per_class'] as object)).toEqual(['mean_rev', '__proto__']);
  });

  it('reports a non-mapping where a mapping is expected and rejects non-finite numbers', () => {
    const ctx = context({ inner: 2, count: 3 });
    validateObject({ count: Number.POSITIVE_INFINITY, inner: [1] }, SPEC, '', ctx);
    expect(ctx.violations).toEqual([
      { file: 'p.yaml', line: 3, field: 'count', expected: 'an integer >= 1', found: 'Infinity' },
      { file: 'p.yaml', line: 2, field: 'inner', expected: 'a mapping', found: 'a list', hint: "A section: write its keys on the lines below 'inner:', indented (on)" },
    ]);
  });
});

describe('isRequired', () => {
  it('requires fields without a default unless optional, and paths unless optional', () => {
    expect(isRequired({ kind: 'number', doc: '' })).toBe(true);
    expect(isRequired({ kind: 'number', doc: '', default: 1 })).toBe(false);
    expect(isRequired({ kind: 'string', doc: '', optional: true })).toBe(false);
    expect(isRequired({ kind: 'path', doc: '' })).toBe(true);
    expect(isRequired({ kind: 'object', doc: '', fields: {} })).toBe(false);
  });
});

describe('describeExpected', () => {
  it('writes ranges with brackets that show which ends are included', () => {
    expect(describeExpected({ kind: 'number', doc: '', min: 0, max: 1, minExclusive: true })).toBe('a number in (0, 1]');
    expect(describeExpected({ kind: 'number', doc: '', min: 0.5, max: 1, minExclusive: true, maxExclusive: true })).toBe('a number in (0.5, 1)');
    expect(describeExpected({ kind: 'number', doc: '', min: 0, max: 1, maxExclusive: true })).toBe('a number in [0, 1)');
    expect(describeExpected({ kind: 'number', doc: '', max: 3, integer: true })).toBe('an integer <= 3');
    expect(describeExpected({ kind: 'number', doc: '' })).toBe('a number');
    expect(describeExpected({ kind: 'string', doc: '', choices: ['a', 'b'] })).toBe("one of 'a', 'b'");
    expect(describeExpected({ kind: 'record', doc: '', value: { kind: 'boolean', doc: '' } })).toBe('a mapping of names to true or false');
  });
});
