/**
 * Python dict semantics on parsed JSON, for the seed-mode ports (parity notes 2, 5 and 6 of
 * shared/parity/CONTRACT.md): `.get(k, d)` returns null for a key present with null and `d`
 * only for a missing key; truthiness follows Python; iteration keeps insertion order.
 */
import { SeedRaise } from '../errors.js';
import { pyTypeName } from './py-builtins.js';

/** A parsed JSON object seen as a Python dict. */
export type PyDict = Readonly<Record<string, unknown>>;

/** Returns true when `v` is a JSON object (a Python dict), not null and not an array. */
export function isPyDict(v: unknown): v is PyDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Returns `v` as a dict, raising SeedRaise TypeError where Python's `v.get` would fail. */
export function asPyDict(v: unknown, what: string): PyDict {
  if (isPyDict(v)) return v;
  // Python raises AttributeError here; the contract's error kinds have no such kind.
  throw new SeedRaise('TypeError', `${what}: '${pyTypeName(v)}' object has no attribute 'get'`);
}

/** Returns Python `d.get(key, dflt)`: the stored value (null included) or `dflt` when absent. */
export function pyGet(d: PyDict, key: unknown, dflt: unknown = null): unknown {
  if (Array.isArray(key) || isPyDict(key)) {
    throw new SeedRaise('TypeError', `unhashable type: '${pyTypeName(key)}'`);
  }
  // JSON object keys are strings: a None/number/bool key is never found (Python: 1 != '1').
  if (typeof key !== 'string') return dflt;
  return Object.prototype.hasOwnProperty.call(d, key) ? d[key] : dflt;
}

/** Returns Python truthiness of a JSON value (None, False, 0, '', [] and {} are false). */
export function isPyTruthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
}

/** Returns the dict's entries in Python iteration (insertion) order. */
export function pyItems(d: PyDict): ReadonlyArray<readonly [string, unknown]> {
  // Object.keys keeps insertion order except for integer-like keys, which JSON.parse has
  // already reordered (parity note 6); no generated case has such keys.
  return Object.keys(d).map((k) => [k, d[k]] as const);
}

/** Returns Python `min(a, b)` on numbers: `b` if `b < a`, else `a` (first wins ties and NaN). */
export function pyMin(a: number, b: number): number {
  return b < a ? b : a;
}

/** Returns Python `max(a, b)` on numbers: `b` if `b > a`, else `a` (first wins ties and NaN). */
export function pyMax(a: number, b: number): number {
  return b > a ? b : a;
}

/** Returns a Python number from a JSON value used in arithmetic (bool -> 0/1), else raises TypeError. */
export function pyNumber(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new SeedRaise('TypeError', `${what}: unsupported operand type '${pyTypeName(v)}'`);
}
