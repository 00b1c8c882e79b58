/**
 * Python built-ins the seed-mode ports need, applied to JSON values (parity notes 2–5 of
 * shared/parity/CONTRACT.md): truthiness, float(), int(), two-argument max()/min(), and
 * the key json.dumps writes for a dict key. Each raises SeedRaise where Python raises.
 */
import { SeedRaise } from '../errors.js';

/** Returns Python's bool(v) for a JSON value: None, False, 0, '', [] and {} are false. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Returns Python's type name of a JSON value, for error messages. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

// Python float() literal: digits with single underscores between them, optional fraction and exponent.
const DIGITS = String.raw`\d(?:_?\d)*`;
const FLOAT_RE = new RegExp(String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const SPECIAL_RE = /^([+-]?)(inf|infinity|nan)$/i;
const INT_RE = new RegExp(String.raw`^[+-]?${DIGITS}$`);

/** Returns Python's float(v) (bool -> 0/1, numeric strings parsed); raises TypeError/ValueError like Python. */
export function pyFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (FLOAT_RE.test(s)) return Number(s.replace(/_/g, ''));
    const m = SPECIAL_RE.exec(s);
    if (m !== null) {
      if ((m[2] as string).toLowerCase() === 'nan') return Number.NaN;
      return m[1] === '-' ? -Infinity : Infinity;
    }
    throw new SeedRaise('ValueError', `could not convert string to float: '${v}'`);
  }
  throw new SeedRaise('TypeError', `float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
}

/** Returns Python's int(v): truncates floats toward zero, parses integer strings only; raises like Python. */
export function pyInt(v: unknown): number {
  if (typeof v === 'number') {
    // Python raises OverflowError for infinities; the closest kind SeedRaise carries is ValueError.
    if (Number.isNaN(v)) throw new SeedRaise('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw new SeedRaise('ValueError', 'cannot convert float infinity to integer');
    return Math.trunc(v);
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (INT_RE.test(s)) return Number(s.replace(/_/g, ''));
    throw new SeedRaise('ValueError', `invalid literal for int() with base 10: '${v}'`);
  }
  throw new SeedRaise(
    'TypeError',
    `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(v)}'`,
  );
}

/** Returns Python's max(a, b): `b` only if `b > a` (so max(0.0, nan) is 0.0, unlike Math.max). */
export function pyMax2(a: number, b: number): number {
  return b > a ? b : a;
}

/** Returns Python's min(a, b): `b` only if `b < a` (so min(1.1, nan) is 1.1, unlike Math.min). */
export function pyMin2(a: number, b: number): number {
  return b < a ? b : a;
}

/**
 * Returns the JSON key json.dumps writes for a Python dict key: str as is, None 'null',
 * bool 'true'/'false', numbers in decimal; lists and dicts are unhashable (TypeError).
 */
export function pyDictKey(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  throw new SeedRaise('TypeError', `unhashable type: '${pyTypeName(v)}'`);
}

/** Returns v as a JSON object (a Python dict), or raises TypeError naming `what`. */
export function pyDict(v: unknown, what: string): Readonly<Record<string, unknown>> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Readonly<Record<string, unknown>>;
  throw new SeedRaise('TypeError', `${what} must be a dict, not '${pyTypeName(v)}'`);
}

/** Returns v as a JSON array (a Python list), or raises TypeError naming `what`. */
export function pyList(v: unknown, what: string): readonly unknown[] {
  if (Array.isArray(v)) return v;
  throw new SeedRaise('TypeError', `${what} must be a list, not '${pyTypeName(v)}'`);
}

/** Returns `d[key]`, raising KeyError like Python's `d["key"]` when the key is missing. */
export function pyGetItem(d: Readonly<Record<string, unknown>>, key: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(d, key)) throw new SeedRaise('KeyError', `'${key}'`);
  return d[key];
}

/** Returns `d.get(key, dflt)`: the default only for a missing key (a present null stays null). */
export function pyGet(d: Readonly<Record<string, unknown>>, key: string, dflt: unknown): unknown {
  return Object.prototype.hasOwnProperty.call(d, key) ? d[key] : dflt;
}

/** Returns a new object without a prototype, so any key (even '__proto__') is an own key. */
export function newDict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * Returns Python's order of two str (`sorted()`): by code point. JS `<` compares UTF-16 code
 * units, which puts an astral character (a surrogate pair, e.g. an emoji) before U+E000..U+FFFF.
 */
export function comparePyStrings(a: string, b: string): number {
  for (let i = 0; i < a.length && i < b.length; ) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}
