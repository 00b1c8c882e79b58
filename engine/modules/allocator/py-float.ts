/**
 * Python `float()` on a JSON value, for the seed-mode ports (parity notes 3 and 5 of
 * shared/parity/CONTRACT.md). JS `Number('')` is 0 and `Number('0x10')` is 16; Python's
 * `float('')` and `float('0x10')` raise ValueError, so a plain `Number()` breaks parity (Q001-5).
 */
import { SeedRaise } from '../../core/errors.js';

// Python float() literal grammar: digits with single underscores between them, optional
// fraction and exponent; or inf / infinity / nan in any case (CPython Objects/floatobject.c).
const DIGITS = String.raw`\d(?:_?\d)*`;
const DECIMAL = new RegExp(
  String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`,
);
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Returns a short Python type name for messages ('NoneType', 'str', 'dict', ...). */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

/** Returns Python `float(v)` for a JSON value; raises SeedRaise TypeError / ValueError as Python does. */
export function pyFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (DECIMAL.test(s)) return Number(s.replaceAll('_', ''));
    const m = SPECIAL.exec(s);
    if (m !== null) {
      if ((m[2] ?? '').toLowerCase() === 'nan') return Number.NaN;
      return m[1] === '-' ? -Infinity : Infinity;
    }
    throw new SeedRaise('ValueError', `could not convert string to float: '${v}'`);
  }
  throw new SeedRaise(
    'TypeError',
    `float() argument must be a string or a real number, not '${pyTypeName(v)}'`,
  );
}

/** Returns seed 001 `_safe(x, d)`: `float(x)`, or `d` when Python's float() raises. */
export function pySafeFloat(v: unknown, d = 0): number {
  try {
    return pyFloat(v);
  } catch (e) {
    if (e instanceof SeedRaise) return d;
    throw e;
  }
}
