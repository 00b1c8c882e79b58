import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { compareFindingCells, FindingOrderCheck, findingOrderError } from '../../../datasets/read/finding-order.js';
import { findingsRunBatch, type FindingRow } from '../../helpers/findings-run-batch.js';
import { SEVERITIES, SEVERITY_MULTIPLIER } from '../../../datasets/schemas/columns.js';

type Row = FindingRow;

const AGENTS = ['B', 'a', 'Z', 'é', '😀'].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)); // run ids: sorted names
const SYMBOLS = ['SYM1', 'SYM10', 'SYM2'];

const batchOf = findingsRunBatch;

/** The 0-based rows out of order in `rows` cut into batches at `cuts`, and the count. */
function outOfOrder(rows: readonly Row[], cuts: readonly number[] = []): { rows: number[]; count: number } {
  const check = new FindingOrderCheck();
  const bounds = [0, ...cuts, rows.length];
  const found: number[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k] as number;
    found.push(...check.scan(batchOf(rows.slice(from, bounds[k + 1])), from).map((r) => r.row));
  }
  return { rows: found, count: check.count };
}

/** The import's cells of a row (findings-schema.ts order, strategy null). */
function cellsOf(r: Row): (number | string | null)[] {
  const sev = SEVERITIES.find((s) => SEVERITY_MULTIPLIER[s] === r[3]) as string;
  const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
  return [r[0], AGENTS[r[1]] as string, SYMBOLS[r[2]] as string, sev, r[4], r[5], orNull(r[6]), null, orNull(r[7])];
}

function randomRows(seed: string, n: number): Row[] {
  const rng = seedrandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  return Array.from({ length: n }, (): Row => [
    1000 * pick([1, 2, 3]),
    pick([0, 1, 2, 3, 4]),
    pick([0, 1, 2]),
    pick([0.5, 1, 1.5, 2]),
    pick([0.25, 0.5, 0.75]),
    pick([-1, 1]),
    pick([Number.NaN, 12, 24]),
    pick([Number.NaN, -5, 5]),
  ]);
}

const A: Row = [1000, 1, 0, 1, 0.5, 1, Number.NaN, Number.NaN];

describe('FindingOrderCheck', () => {
  it('accepts rows sorted by ts, agent, symbol, severity, confidence, direction, horizon and expected pnl, nulls first, across batch boundaries', () => {
    const rows: Row[] = [
      A,
      [1000, 1, 0, 1, 0.5, 1, Number.NaN, 3], // expected pnl: null first
      [1000, 1, 0, 1, 0.5, 1, 24, Number.NaN], // horizon: null first
      [1000, 1, 0, 1.5, 0.25, -1, 12, Number.NaN], // severity before confidence
      [1000, 1, 2, 0.5, 0.25, -1, 12, Number.NaN],
      [1000, 3, 0, 0.5, 0.25, -1, 12, Number.NaN],
      [2000, 0, 0, 0.5, 0.25, -1, 12, Number.NaN],
    ];
    for (const cuts of [[], [1], [3, 4], [1, 2, 3, 4, 5, 6]]) expect(outOfOrder(rows, cuts)).toEqual({ rows: [], count: 0 });
  });

  it('refuses a row of one time that sorts before the row above it, in any field and across a batch boundary', () => {
    const later: Row = [2000, 0, 0, 1, 0.5, 1, Number.NaN, Number.NaN];
    for (const k of [1, 2, 3, 4, 5, 6, 7]) {
      const above = [...A] as Row;
      above[k] = k === 5 ? 1 : k >= 6 ? 48 : (A[k] as number) + 1;
      const below = [...A] as Row;
      below[k] = k === 5 ? -1 : k >= 6 ? 24 : A[k] as number;
      expect(outOfOrder([above, below, later])).toEqual({ rows: [1], count: 1 });
      expect(outOfOrder([above, below, later], [1])).toEqual({ rows: [1], count: 1 });
    }
  });

  it('leaves copies to the copy check: an equal row is not out of order', () => {
    expect(outOfOrder([A, A]).count).toBe(0);
  });

  it('orders rows as the import sorts them (compareFindingCells), whatever the batch boundaries', () => {
    for (let s = 0; s < 20; s++) {
      const rows = randomRows(`order-${s}`, 40);
      const sorted = rows.map((r, i) => ({ r, i })).sort((x, y) => compareFindingCells(cellsOf(x.r), cellsOf(y.r)) || x.i - y.i).map((x) => x.r);
      expect(outOfOrder(sorted, [7, 8, 30]).count).toBe(0);
      // a row swapped with the unequal row below it is refused
      const j = sorted.findIndex((r, i) => i + 1 < sorted.length && compareFindingCells(cellsOf(r), cellsOf(sorted[i + 1] as Row)) < 0);
      const swapped = sorted.slice();
      [swapped[j], swapped[j + 1]] = [swapped[j + 1] as Row, swapped[j] as Row];
      expect(outOfOrder(swapped, [7, 8, 30]).rows).toEqual([j + 1]);
    }
  });
});

describe('findingOrderError', () => {
  it('names the row, the field that decides and both rows, and lists the first 20 rows, then a count', () => {
    const above: Row = [1000, 1, 0, 2, 0.5, 1, Number.NaN, Number.NaN];
    const below: Row = [1000, 1, 0, 1, 0.5, 1, Number.NaN, Number.NaN];
    const rows: Row[] = [];
    for (let k = 0; k < 25; k++) rows.push([above[0] + k, ...above.slice(1)] as Row, [below[0] + k, ...below.slice(1)] as Row);
    const check = new FindingOrderCheck();
    const found = check.scan(batchOf(rows), 0);
    const err = findingOrderError('f.arrow', found, check.count, (id) => AGENTS[id] as string, (id) => SYMBOLS[id] as string);
    const lines = err.message.split('\n');
    expect(lines[0]).toBe(
      'f.arrow: row 2: severity: expected rows sorted by ts, agent, symbol, severity, confidence, direction, horizon_hours, expected_pnl_bps ' +
        '(at or after 1970-01-01T00:00:01.000Z Z SYM1, severity critical of row 1), found 1970-01-01T00:00:01.000Z Z SYM1, severity medium. ' +
        "Findings of one time in another order would change an agent's outcome sequence, hence the results; sort the rows by these fields: bt data import findings FILE --sort --out SORTED.arrow does, from CSV, JSON or Arrow",
    );
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('... and 5 more');
  });
});
