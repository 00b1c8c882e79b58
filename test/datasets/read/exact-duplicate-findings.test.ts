import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ExactDuplicateFindings, type DuplicateFinding } from '../../../datasets/read/exact-duplicate-findings.js';
import { findingsRunBatch, type FindingRow } from '../../helpers/findings-run-batch.js';

type Row = FindingRow;

const batchOf = findingsRunBatch;

/** Scans `rows` cut into batches at `cuts` (row indices): the first copy and how many rows are copies. */
function scanAll(rows: readonly Row[], cuts: readonly number[] = []): { first: DuplicateFinding | null; copies: number } {
  const check = new ExactDuplicateFindings();
  const bounds = [0, ...cuts, rows.length];
  let first: DuplicateFinding | null = null;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k] as number;
    const found = check.scan(batchOf(rows.slice(from, bounds[k + 1])), from);
    first ??= found;
  }
  return { first, copies: check.copies };
}

function scan(rows: readonly Row[], cuts: readonly number[] = []): DuplicateFinding | null {
  return scanAll(rows, cuts).first;
}

/** The reference: each row equal in every field (NaN equal to NaN, -0 to 0) to an earlier one is a copy; the first, with its earliest original, and the count. */
function bruteForce(rows: readonly Row[]): { first: DuplicateFinding | null; copies: number } {
  const same = (a: Row, b: Row): boolean => a.every((x, k) => Object.is(x === 0 ? 0 : x, (b[k] as number) === 0 ? 0 : b[k]));
  let first: DuplicateFinding | null = null;
  let copies = 0;
  for (let j = 0; j < rows.length; j++) {
    for (let i = 0; i < j; i++) {
      if (same(rows[i] as Row, rows[j] as Row)) {
        copies++;
        first ??= { row: j, copyOf: i };
        break;
      }
    }
  }
  return { first, copies };
}

const A: Row = [1000, 0, 0, 1.5, 0.7, 1, Number.NaN, Number.NaN];

describe('exact duplicate findings', () => {
  it('accepts findings of one agent on one symbol at one time that differ in any field the replay reads', () => {
    const rows: Row[] = [A];
    for (let k = 1; k < 8; k++) { // every field but the time
      const r = [...A] as Row;
      r[k] = k === 5 ? -1 : k === 6 || k === 7 ? 24 : k <= 2 ? (r[k] as number) + 1 : (r[k] as number) + 0.25;
      rows.push(r);
    }
    rows.sort((x, y) => x[0] - y[0]);
    expect(scan(rows)).toBeNull();
  });

  it('finds a copy next to its original, later in the same time, or in the next batch, and names both rows', () => {
    const b: Row = [1000, 1, 0, 1.5, 0.7, 1, Number.NaN, Number.NaN];
    const later: Row = [2000, 0, 0, 1.5, 0.7, 1, Number.NaN, Number.NaN];
    expect(scan([A, A, later])).toEqual({ row: 1, copyOf: 0 });
    expect(scan([A, b, A, later])).toEqual({ row: 2, copyOf: 0 });
    for (const cut of [1, 2]) expect(scan([A, b, A, later], [cut])).toEqual({ row: 2, copyOf: 0 });
    // one time run over three batches
    expect(scan([A, b, b], [1, 2])).toEqual({ row: 2, copyOf: 1 });
  });

  it('takes a null horizon or expected pnl (NaN) as equal to another null, and -0 as 0', () => {
    const negZero: Row = [1000, 0, 0, 1.5, -0, 1, Number.NaN, Number.NaN];
    const zero: Row = [1000, 0, 0, 1.5, 0, 1, Number.NaN, Number.NaN];
    expect(scan([negZero, zero])).toEqual({ row: 1, copyOf: 0 });
    const check = new ExactDuplicateFindings();
    expect(check.scan(batchOf([A, A], false), 0)).toEqual({ row: 1, copyOf: 0 });
  });

  it('does not take the same fields at another time for a copy', () => {
    expect(scan([A, [2000, ...A.slice(1)] as Row])).toBeNull();
  });

  it('agrees with a brute-force search, the first copy and the count, on generated files cut into batches anywhere', () => {
    const rng = seedrandom('exact-duplicates');
    let several = 0;
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rng() * 40);
      const rows: Row[] = [];
      let t = 0;
      for (let i = 0; i < n; i++) {
        if (rng() < 0.3) t += 1 + Math.floor(rng() * 3);
        // few distinct values, so near-copies (one field apart) and copies both occur
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
        rows.push(rng() < 0.08 && rows.length > 0 && (rows[rows.length - 1] as Row)[0] === t ? ([...pick(rows.filter((r) => r[0] === t))] as Row) : [t, pick([0, 1]), pick([0, 1]), pick([1, 1.5]), pick([0.5, 0.7]), pick([1, -1]), pick([Number.NaN, 24]), pick([Number.NaN, 5])]);
      }
      const cuts = [...new Set(Array.from({ length: Math.floor(rng() * 4) }, () => 1 + Math.floor(rng() * Math.max(1, n - 1))))].filter((c) => c < n).sort((x, y) => x - y);
      const expected = bruteForce(rows);
      expect(scanAll(rows, cuts), `trial ${trial}`).toEqual(expected);
      if (expected.copies > 1) several++;
    }
    expect(several).toBeGreaterThan(20); // files with several copies, not only one
  });
});
