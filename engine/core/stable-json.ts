/**
 * Returns JSON with object keys sorted by code unit, so equal values give equal bytes
 * whatever the insertion order (STYLE, Determinism 7). Rejects NaN and Infinity.
 */
export function stableStringify(value: unknown, indent = 0): string {
  return write(value, indent, '');
}

function write(v: unknown, indent: number, pad: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`stableStringify: non-finite number ${String(v)}`);
    return JSON.stringify(v);
  }
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'bigint') return v.toString();
  const inner = indent > 0 ? pad + ' '.repeat(indent) : '';
  const nl = indent > 0 ? '\n' : '';
  const sep = indent > 0 ? ': ' : ':';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const items = v.map((x) => inner + write(x, indent, inner));
    return `[${nl}${items.join(`,${nl}`)}${nl}${pad}]`;
  }
  if (typeof v === 'object') {
    const keys = Object.keys(v as Record<string, unknown>)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort(compareCodeUnits);
    if (keys.length === 0) return '{}';
    const items = keys.map(
      (k) => `${inner}${JSON.stringify(k)}${sep}${write((v as Record<string, unknown>)[k], indent, inner)}`,
    );
    return `{${nl}${items.join(`,${nl}`)}${nl}${pad}}`;
  }
  throw new Error(`stableStringify: unsupported type ${typeof v}`);
}

/** Total order on strings by UTF-16 code units (locale-independent). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
