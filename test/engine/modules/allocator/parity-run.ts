/**
 * Test helper: runs one seed-mode port over its parity cases and tallies the results.
 */
import { SeedRaise } from '../../../../engine/core/errors.js';
import { isBitwiseEqual, parityDiff, type ParityCase } from './parity-fixtures.js';

/** Tally of one parity run: cases, matches, bitwise matches and the first mismatches. */
export interface ParityTally {
  readonly total: number;
  readonly matched: number;
  readonly bitwise: number;
  readonly raised: number;
  readonly failures: string[];
}

/** Runs `port` on every case: a `raises` case must throw SeedRaise, others must match `expected`. */
export function runParity(cases: readonly ParityCase[], port: (args: Readonly<Record<string, unknown>>) => unknown): ParityTally {
  let matched = 0;
  let bitwise = 0;
  let raised = 0;
  const failures: string[] = [];
  for (const c of cases) {
    let out: unknown;
    try {
      out = port(c.args);
    } catch (e) {
      if (c.raises !== undefined && e instanceof SeedRaise) {
        matched += 1;
        bitwise += 1;
        raised += 1;
        if (e.kind !== c.raises) failures.push(`${c.id}: raises ${e.kind}, expected ${c.raises}`);
      } else failures.push(`${c.id}: threw ${String(e)}`);
      continue;
    }
    if (c.raises !== undefined) {
      failures.push(`${c.id}: expected ${c.raises}, returned`);
      continue;
    }
    const d = parityDiff(out, c.expected);
    if (d === null) matched += 1;
    else failures.push(`${c.id}: ${d}`);
    if (isBitwiseEqual(out, c.expected)) bitwise += 1;
  }
  return { total: cases.length, matched, bitwise, raised, failures };
}
