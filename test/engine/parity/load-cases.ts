/** Test helper: reads parity cases from test/fixtures/parity/ and runs one seed function over them. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SeedRaise } from '../../../engine/core/errors.js';
import { compareOutcome, type ParityOutcome } from '../../../engine/parity/compare.js';

/** One parity case as stored in the fixtures. */
export interface ParityCase {
  readonly id: string;
  readonly fn: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly expected: unknown;
  readonly raises?: string;
}

/** Absolute path of test/fixtures/parity/<name>. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/parity/${name}`, import.meta.url));
}

/** Returns the cases of one fixture file, optionally only those of `fn`. */
export function loadCases(name: string, fn?: string): ParityCase[] {
  const text = readFileSync(fixturePath(name), 'utf8');
  const cases = text
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as ParityCase);
  return fn === undefined ? cases : cases.filter((c) => c.fn === fn);
}

/** Runs `f` on a case's args, turning a SeedRaise into a raise outcome. */
export function runCase(f: (args: Readonly<Record<string, unknown>>) => unknown, c: ParityCase): ParityOutcome {
  try {
    return { actual: f(c.args) };
  } catch (err) {
    if (err instanceof SeedRaise) return { raises: err.message };
    throw err;
  }
}

/** Counts matches under the contract's tolerance and bitwise (tol 0); lists the mismatching ids. */
export function scoreCases(
  f: (args: Readonly<Record<string, unknown>>) => unknown,
  cases: readonly ParityCase[],
): { match: number; bitwise: number; failures: string[] } {
  let match = 0;
  let bitwise = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const out = runCase(f, c);
    const d = compareOutcome(out, c.expected, c.raises ?? null);
    if (d === null) match += 1;
    else failures.push(`${c.id}: ${d.path}: expected ${d.expected}, found ${d.found}`);
    if (compareOutcome(out, c.expected, c.raises ?? null, 0) === null) bitwise += 1;
  }
  return { match, bitwise, failures };
}
