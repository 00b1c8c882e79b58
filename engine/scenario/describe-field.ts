import type { FieldSpec } from './param-spec.js';

function rangeText(spec: Extract<FieldSpec, { kind: 'number' }>): string {
  const { min, max } = spec;
  if (min !== undefined && max !== undefined) {
    const lb = spec.minExclusive === true ? '(' : '[';
    const rb = spec.maxExclusive === true ? ')' : ']';
    return ` in ${lb}${min}, ${max}${rb}`;
  }
  if (min !== undefined) return spec.minExclusive === true ? ` > ${min}` : ` >= ${min}`;
  if (max !== undefined) return spec.maxExclusive === true ? ` < ${max}` : ` <= ${max}`;
  return '';
}

/** Returns the quoted, comma-separated list of allowed choices: `'a', 'b'`. */
export function listChoices(choices: readonly string[]): string {
  return choices.map((c) => `'${c}'`).join(', ');
}

/** Returns what a field accepts, as used after "expected" in messages and in the docs. */
export function describeExpected(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'number': {
      const atMost = spec.atMost === undefined ? '' : `, <= ${spec.atMost}`;
      const seed = spec.seedMin === undefined ? '' : ` (${spec.seedMin.exclusive ? '>' : '>='} ${spec.seedMin.min} in allocator.mode seed)`;
      return `${spec.integer === true ? 'an integer' : 'a number'}${rangeText(spec)}${atMost}${seed}`;
    }
    case 'string':
      if (spec.choices !== undefined) {
        return spec.choices.length > 0 ? `one of ${listChoices(spec.choices)}` : 'a registered name (none are registered)';
      }
      return spec.pattern !== undefined ? `a string ${spec.pattern.doc}` : 'a string';
    case 'boolean':
      return spec.only === undefined ? 'true or false' : `${spec.only}${spec.onlyWhy !== undefined ? ` (${spec.onlyWhy})` : ''}`;
    case 'duration':
      return "a duration such as '90s', '5m', '1h' or '1d' (a whole number > 0 and a unit s, m, h or d)";
    case 'date':
      return "a date such as '2020-01-01' or '2020-01-01T09:30:00Z' (ISO 8601 with Z or an offset)";
    case 'path':
      return 'a file path';
    case 'object':
      return 'a mapping';
    case 'record':
      return `a mapping of names to ${describeExpected(spec.value)}`;
  }
}

/** Returns a short rendering of a found value for messages: 1.5, 'abc', true, a list, an empty mapping. */
export function describeFound(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (an empty value)';
  if (typeof v === 'string') return v.length > 60 ? `'${v.slice(0, 57)}...'` : `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // say "empty" when it is: "expected a non-empty mapping, found a mapping" reads as a contradiction
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (typeof v === 'object') return Object.keys(v).length === 0 ? 'an empty mapping' : 'a mapping';
  return `a ${typeof v}`;
}
