/**
 * The parity comparison rule of shared/parity/CONTRACT.md, as a pure function:
 * numbers match when |actual - expected| <= tol * max(1, |expected|) (tol = 1e-9);
 * objects need the same key set; lists match element by element; strings, booleans and
 * null exactly; a case whose expectation is a raise matches any port that raises.
 */

/** The contract's relative tolerance for numbers. */
export const PARITY_TOL = 1e-9;

/** What a seed function did on one case: returned a value or raised ("<Kind>: <message>"). */
export type ParityOutcome = { readonly actual: unknown } | { readonly raises: string };

/** The first place where actual and expected differ. */
export interface ParityDifference {
  /** JSONPath-like location: `$`, `$.strategies.arb.hit_rate`, `$.reasons[1]`. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;
}

/** Returns true when two numbers match under the contract's rule with tolerance `tol` (0 = bitwise up to ±0). */
export function numbersMatch(actual: number, expected: number, tol = PARITY_TOL): boolean {
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'object' : typeof v;
}

function show(v: unknown): string {
  const s = v === undefined ? 'nothing' : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function keyPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Returns the first difference between two JSON values under the contract's rule, or null if they match. */
export function firstDifference(actual: unknown, expected: unknown, tol = PARITY_TOL, path = '$'): ParityDifference | null {
  const ka = kindOf(actual);
  const ke = kindOf(expected);
  if (ka !== ke) return { path, expected: `${ke} ${show(expected)}`, found: `${ka} ${show(actual)}` };
  if (ka === 'number') {
    return numbersMatch(actual as number, expected as number, tol)
      ? null
      : { path, expected: show(expected), found: show(actual) };
  }
  if (ka === 'list') {
    const a = actual as readonly unknown[];
    const e = expected as readonly unknown[];
    const n = Math.min(a.length, e.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(a[i], e[i], tol, `${path}[${i}]`);
      if (d !== null) return d;
    }
    if (a.length !== e.length) {
      return { path, expected: `a list of ${e.length} items`, found: `${a.length} items` };
    }
    return null;
  }
  if (ka === 'object') {
    const a = actual as Readonly<Record<string, unknown>>;
    const e = expected as Readonly<Record<string, unknown>>;
    for (const k of Object.keys(e)) {
      if (!Object.prototype.hasOwnProperty.call(a, k)) {
        return { path: keyPath(path, k), expected: show(e[k]), found: 'no such key' };
      }
      const d = firstDifference(a[k], e[k], tol, keyPath(path, k));
      if (d !== null) return d;
    }
    for (const k of Object.keys(a)) {
      if (!Object.prototype.hasOwnProperty.call(e, k)) {
        return { path: keyPath(path, k), expected: 'no such key', found: show(a[k]) };
      }
    }
    return null;
  }
  return actual === expected ? null : { path, expected: show(expected), found: show(actual) };
}

/**
 * Returns the first difference between a port's outcome and a case's expectation
 * (`expectedRaises` set: any raise matches), or null when they match.
 */
export function compareOutcome(
  outcome: ParityOutcome,
  expected: unknown,
  expectedRaises: string | null,
  tol = PARITY_TOL,
): ParityDifference | null {
  if (expectedRaises !== null) {
    return 'raises' in outcome ? null : { path: '$', expected: `raises ${expectedRaises}`, found: show(outcome.actual) };
  }
  if ('raises' in outcome) return { path: '$', expected: show(expected), found: `raises ${outcome.raises}` };
  return firstDifference(outcome.actual, expected, tol);
}
