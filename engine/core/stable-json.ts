/**
 * Returns JSON with object keys sorted by code unit, so equal values give equal bytes
 * whatever the insertion order (STYLE, Determinism 7). Rejects NaN and Infinity.
 * Built by appending to one string (no per-level arrays of items): `bt governance --history`
 * writes millions of entries through it.
 */
export function stableStringify(value: unknown, indent = 0): string {
  return write(value, indent, '');
}

/** Printable ASCII but '"' and '\\': quoted as is; anything else (escapes, lone surrogates) as JSON.stringify quotes it. */
const PLAIN = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;
const quote = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

function write(v: unknown, indent: number, pad: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`stableStringify: non-finite number ${String(v)}`);
    return String(v); // JSON's number text is ECMAScript's Number::toString (-0 as 0)
  }
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  const inner = indent > 0 ? pad + ' '.repeat(indent) : '';
  const nl = indent > 0 ? '\n' : '';
  const sep = indent > 0 ? ': ' : ':';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    let out = `[${nl}`;
    for (let i = 0; i < v.length; i++) out += `${i > 0 ? `,${nl}` : ''}${inner}${write(v[i], indent, inner)}`;
    return `${out}${nl}${pad}]`;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // the default sort compares by UTF-16 code units, as compareCodeUnits
    const keys = Object.keys(o).sort();
    let out = '';
    for (const k of keys) {
      const x = o[k];
      if (x === undefined) continue;
      out += `${out === '' ? '' : `,${nl}`}${inner}${quote(k)}${sep}${write(x, indent, inner)}`;
    }
    return out === '' ? '{}' : `{${nl}${out}${nl}${pad}}`;
  }
  throw new Error(`stableStringify: unsupported type ${typeof v}`);
}

/** Total order on strings by UTF-16 code units (locale-independent). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
