/**
 * The one row order a run accepts for findings: ts, then agent and symbol (names by UTF-16 code
 * unit, the order of the run's ids), severity (low .. critical), confidence, direction (-1
 * before +1; null is +1), horizon_hours and expected_pnl_bps (null first), ascending.
 *
 * Why not "ts, ties in file order": the findings of one agent at one time become consecutive
 * outcomes of its sequence (its drawdown, decay and count windows walk it in order), so two files
 * holding the same findings at the same times, written in another order at equal times (an export
 * without a full ORDER BY), gave other weights, equity and metrics. With one order, a file either
 * replays as every other file holding its findings would, or is refused, naming the row.
 */
import { BtInputError } from '../../engine/core/errors.js';
import { compareCodeUnits } from '../../engine/core/stable-json.js';
import { SEVERITIES, SEVERITY_MULTIPLIER } from '../schemas/columns.js';
import { isoFromMs } from './batch-chunks.js';
import type { FindingsRunBatch } from './findings-run-batch.js';

/** The compared fields, in order, as the errors name them. */
export const FINDING_ORDER_FIELDS = ['ts', 'agent', 'symbol', 'severity', 'confidence', 'direction', 'horizon_hours', 'expected_pnl_bps'] as const;
const FIELDS = FINDING_ORDER_FIELDS.length;
/** Violations listed in the error (STYLE: the first 20, then a count). */
const ERRORS_SHOWN = 20;

/** Orders two field values: numbers ascending, NaN (null) before every number. */
function compareValues(a: number, b: number): number {
  if (a === b) return 0;
  if (a !== a) return b !== b ? 0 : -1;
  if (b !== b) return 1;
  return a < b ? -1 : 1;
}

/**
 * Orders two normalized import rows of findings (findings-schema.ts field order: ts, agent,
 * symbol, severity, confidence, direction, horizon_hours, strategy, expected_pnl_bps) as a run
 * requires: the order of FindingOrderCheck, on names rather than run ids.
 */
export function compareFindingCells(a: readonly (number | string | null)[], b: readonly (number | string | null)[]): number {
  const num = (x: number | string | null | undefined): number => (typeof x === 'number' ? x : Number.NaN);
  const sev = (x: number | string | null | undefined): number => (SEVERITIES as readonly unknown[]).indexOf(x);
  return (
    compareValues(num(a[0]), num(b[0])) ||
    compareCodeUnits(String(a[1]), String(b[1])) ||
    compareCodeUnits(String(a[2]), String(b[2])) ||
    sev(a[3]) - sev(b[3]) ||
    compareValues(num(a[4]), num(b[4])) ||
    compareValues(num(a[5] ?? 1), num(b[5] ?? 1)) ||
    compareValues(num(a[6]), num(b[6])) ||
    compareValues(num(a[8]), num(b[8]))
  );
}

/**
 * Row i's value of key field f, in FINDING_ORDER_FIELDS' order (run ids order as names do;
 * severity multipliers as severities do): also the fields the exact-copy check compares.
 */
export function fieldValue(b: FindingsRunBatch, i: number, f: number): number {
  switch (f) {
    case 0: return b.tsMs[i] as number;
    case 1: return b.agentId[i] as number;
    case 2: return b.symbolId[i] as number;
    case 3: return b.severityMult[i] as number;
    case 4: return b.confidence[i] as number;
    case 5: return b.direction[i] as number;
    case 6: return b.horizonHours[i] as number;
    default: return b.expectedPnlBps === undefined ? Number.NaN : (b.expectedPnlBps[i] as number);
  }
}

/** A row out of order: its 0-based row in the file, the row before it, and the first field that decides. */
export interface FindingOutOfOrder {
  readonly row: number;
  readonly field: number;
  readonly prev: readonly number[];
  readonly values: readonly number[];
}

/** Checks a findings file batch by batch (in file order) against the run's row order. */
export class FindingOrderCheck {
  /** The previous batch's last row, or null before the first. */
  private prev: number[] | null = null;

  /** Rows out of order so far (the error lists the first ERRORS_SHOWN, then this count). */
  count = 0;

  /**
   * Returns the first ERRORS_SHOWN rows of batch `b` (whose first row is the file's row
   * `firstRow`) that sort before the row above them; every one is counted (`count`).
   */
  scan(b: FindingsRunBatch, firstRow: number): FindingOutOfOrder[] {
    const out: FindingOutOfOrder[] = [];
    const row = (i: number): number[] => Array.from({ length: FIELDS }, (_, f) => fieldValue(b, i, f));
    const prev = this.prev;
    const ts = b.tsMs;
    const agent = b.agentId;
    const symbol = b.symbolId;
    for (let i = prev === null ? 1 : 0; i < b.n; i++) {
      if (i > 0) {
        // the usual cases, a later time or at one time a later agent or symbol, cost a few comparisons
        if ((ts[i] as number) > (ts[i - 1] as number)) continue;
        const da = (agent[i] as number) - (agent[i - 1] as number);
        if (da > 0 || (da === 0 && (symbol[i] as number) > (symbol[i - 1] as number))) continue;
      } else if ((ts[0] as number) > ((prev as number[])[0] as number)) continue;
      for (let f = 0; f < FIELDS; f++) {
        const c = compareValues(i === 0 ? ((prev as number[])[f] as number) : fieldValue(b, i - 1, f), fieldValue(b, i, f));
        if (c === 0) continue;
        if (c > 0 && this.count++ < ERRORS_SHOWN) out.push({ row: firstRow + i, field: f, prev: i === 0 ? (prev as number[]) : row(i - 1), values: row(i) });
        break;
      }
    }
    if (b.n > 0) this.prev = row(b.n - 1);
    return out;
  }
}

/** The severity a multiplier stands for (fieldValue reads severities as their multipliers). */
function severityOf(mult: number): string {
  return SEVERITIES.find((s) => SEVERITY_MULTIPLIER[s] === mult) ?? String(mult);
}

/** The error for rows out of order in `file`: `rows` (the first ones found), `count` in all; `agent` and `symbol` name run ids. */
export function findingOrderError(file: string, rows: readonly FindingOutOfOrder[], count: number, agent: (id: number) => string, symbol: (id: number) => string): BtInputError {
  const show = (r: readonly number[], f: number): string => {
    const key = `${isoFromMs(r[0] as number)} ${agent(r[1] as number)} ${symbol(r[2] as number)}`;
    if (f <= 2) return key;
    const x = r[f] as number;
    return `${key}, ${FINDING_ORDER_FIELDS[f]} ${x !== x ? 'null' : f === 3 ? severityOf(x) : String(x)}`;
  };
  const shown = rows.slice(0, ERRORS_SHOWN).map((r, k) => ({
    file,
    row: r.row + 1,
    field: FINDING_ORDER_FIELDS[r.field] as string,
    expected: `rows sorted by ${FINDING_ORDER_FIELDS.join(', ')} (at or after ${show(r.prev, r.field)} of row ${r.row})`,
    found: show(r.values, r.field),
    // said once, under the first row
    ...(k === 0 ? { hint: "Findings of one time in another order would change an agent's outcome sequence, hence the results; sort the rows by these fields: bt data import findings FILE --sort --out SORTED.arrow does, from CSV, JSON or Arrow" } : {}),
  }));
  return new BtInputError(shown, count - shown.length);
}
