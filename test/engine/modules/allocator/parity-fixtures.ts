/**
 * Test helpers: read the parity cases of one fn (cases file + quirks.jsonl) and compare an
 * output with the contract's rule (shared/parity/CONTRACT.md): |a - e| <= 1e-9 * max(1, |e|),
 * same key sets, lists element-wise; also reports whether the match is bitwise.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TOL = 1e-9;

/** One parity case as stored in test/fixtures/parity/*.jsonl. */
export interface ParityCase {
  readonly id: string;
  readonly fn: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly expected: unknown;
  readonly raises?: string;
}

const dir = fileURLToPath(new URL('../../../fixtures/parity/', import.meta.url));

function readJsonl(name: string): ParityCase[] {
  return readFileSync(dir + name, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as ParityCase);
}

/** Returns the cases of `fn`: cases_<fn>.jsonl, then its quirks. */
export function readParityCases(fn: string): { cases: ParityCase[]; quirks: ParityCase[] } {
  return {
    cases: readJsonl(`cases_${fn}.jsonl`),
    quirks: readJsonl('quirks.jsonl').filter((c) => c.fn === fn),
  };
}

/** Returns null when `a` matches `e` under the contract's rule, else the path of the first difference. */
export function parityDiff(a: unknown, e: unknown, path = '$'): string | null {
  if (typeof e === 'number') {
    if (typeof a !== 'number') return `${path}: expected number ${e}, found ${String(a)}`;
    return Math.abs(a - e) <= TOL * Math.max(1, Math.abs(e)) ? null : `${path}: ${a} vs ${e}`;
  }
  if (e === null || typeof e !== 'object') return a === e ? null : `${path}: ${String(a)} vs ${String(e)}`;
  if (Array.isArray(e)) {
    if (!Array.isArray(a) || a.length !== e.length) return `${path}: list length`;
    for (let i = 0; i < e.length; i++) {
      const d = parityDiff(a[i], e[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (a === null || typeof a !== 'object' || Array.isArray(a)) return `${path}: expected an object`;
  const ak = Object.keys(a).sort();
  const ek = Object.keys(e).sort();
  if (ak.join('\u0000') !== ek.join('\u0000')) return `${path}: keys ${ak.join(',')} vs ${ek.join(',')}`;
  for (const k of ek) {
    const d = parityDiff((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}

/** Returns true when `a` and `e` are equal bit for bit (numbers by Object.is), key order included. */
export function isBitwiseEqual(a: unknown, e: unknown): boolean {
  if (typeof e === 'number') return typeof a === 'number' && Object.is(a + 0, e + 0);
  if (e === null || typeof e !== 'object') return a === e;
  if (Array.isArray(e)) return Array.isArray(a) && a.length === e.length && e.every((x, i) => isBitwiseEqual(a[i], x));
  if (a === null || typeof a !== 'object' || Array.isArray(a)) return false;
  const ak = Object.keys(a);
  const ek = Object.keys(e);
  return ak.join('\u0000') === ek.join('\u0000') &&
    ek.every((k) => isBitwiseEqual((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k]));
}

/** Returns a deep-frozen copy-free view: freezes `v` and everything reachable from it. */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
