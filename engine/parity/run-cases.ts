/**
 * Runs parity cases through the seed functions and formats / checks the results
 * (shared/parity/CONTRACT.md, "The command"). Pure: no fs, no console.
 */
import { SeedRaise } from '../core/errors.js';
import { compareOutcome, type ParityDifference, type ParityOutcome } from './compare.js';
import type { ParityCase } from './parse-cases.js';
import type { SeedFunction } from './functions.js';

/** One case's result, in input order. */
export interface ParityResult {
  readonly id: string;
  readonly fn: string;
  readonly line: number;
  readonly outcome: ParityOutcome;
}

/** Returns each case's outcome: the function's value, or `raises: "<Kind>: <message>"` where it raised SeedRaise. */
export function runCases(cases: readonly ParityCase[], fns: ReadonlyMap<string, SeedFunction>): ParityResult[] {
  return cases.map((c) => {
    const f = fns.get(c.fn);
    if (f === undefined) throw new Error(`internal invariant failed: fn '${c.fn}' was validated at parse time`);
    try {
      return { id: c.id, fn: c.fn, line: c.line, outcome: { actual: f(c.args) } };
    } catch (err) {
      if (err instanceof SeedRaise) return { id: c.id, fn: c.fn, line: c.line, outcome: { raises: err.message } };
      throw err;
    }
  });
}

/** Returns the first non-finite number in a JSON-like value (which JSON cannot hold), or null. */
export function findNonFinite(v: unknown, path = '$'): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : `${path} = ${String(v)}`;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = findNonFinite(v[i], `${path}[${i}]`);
      if (r !== null) return r;
    }
    return null;
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const r = findNonFinite(x, `${path}.${k}`);
      if (r !== null) return r;
    }
  }
  return null;
}

/**
 * Returns one output line: `{"id","fn","actual"}` or `{"id","fn","raises"}`, keys of the
 * output in the seed's order (not sorted), numbers as JS shortest round-trip strings.
 */
export function formatResultLine(r: ParityResult): string {
  const body = 'raises' in r.outcome ? { raises: r.outcome.raises } : { actual: r.outcome.actual };
  return JSON.stringify({ id: r.id, fn: r.fn, ...body });
}

/** A case whose result differs from its expectation. */
export interface ParityMismatch {
  readonly id: string;
  readonly line: number;
  readonly difference: ParityDifference;
}

/** Returns the mismatches of results against their cases' `expected`/`raises` (same order as `cases`). */
export function checkResults(cases: readonly ParityCase[], results: readonly ParityResult[]): ParityMismatch[] {
  const out: ParityMismatch[] = [];
  cases.forEach((c, i) => {
    const r = results[i];
    if (r === undefined) throw new Error('internal invariant failed: one result per case');
    const d = compareOutcome(r.outcome, c.expected, c.raises);
    if (d !== null) out.push({ id: c.id, line: c.line, difference: d });
  });
  return out;
}
