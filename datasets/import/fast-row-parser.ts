/**
 * The common-case twin of normalizeRow: per-kind converters resolved once per file, no
 * closures or context objects per row. It returns the same row normalizeRow would for any
 * record it accepts and NOT_NORMAL for any record it is unsure of (a violation, an odd
 * type); the caller then runs normalizeRow, which reports, so messages cannot drift.
 */
import { decimalNumber } from './decimal-number.js';
import { MAX_CLOSE } from '../schemas/prices-schema.js';
import { SEVERITIES } from '../schemas/columns.js';
import type { DatasetKind } from '../schemas/dataset-kind.js';
import type { Cell } from './normalize-row.js';
import { newDayCache, NOT_FAST, parseIsoFast, type DayCache } from './parse-iso-fast.js';
import { parseTimeMs, type TimeFormat, type TimeZoneSpec } from './parse-time.js';

/** Returned for a record the fast parser leaves to normalizeRow. */
export const NOT_NORMAL: unique symbol = Symbol('not normal');

/** Returns a row (fields in spec order, as normalizeRow) or NOT_NORMAL. */
export type FastRowParser = (cells: readonly unknown[]) => Cell[] | typeof NOT_NORMAL;

const FAIL: typeof NOT_NORMAL = NOT_NORMAL;
type Out = Cell | typeof FAIL;
type Test = (x: number) => boolean;

const SEVERITY_SET: ReadonlySet<string> = new Set(SEVERITIES);
const DIRECTIONS: ReadonlyMap<string, number> = new Map([['1', 1], ['+1', 1], ['-1', -1], ['long', 1], ['short', -1]]);
const gt0: Test = (x) => x > 0;
const closeOk: Test = (x) => x > 0 && x <= MAX_CLOSE;
const ge0: Test = (x) => x >= 0;
const unit: Test = (x) => x >= 0 && x <= 1;
const anyNum: Test = () => true;

/** The trimmed string of a string cell, '' for undefined/null (blank), undefined for other types. */
function trimmed(x: unknown): string | undefined {
  if (typeof x === 'string') return x.trim();
  return x === undefined || x === null ? '' : undefined;
}

function text(x: unknown, required: boolean): Out {
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  const t = trimmed(x);
  if (t === undefined) return FAIL;
  return t === '' ? (required ? FAIL : null) : t;
}

function num(x: unknown, test: Test, blank: Out): Out {
  let n: number;
  if (typeof x === 'number') n = x;
  else {
    const t = trimmed(x);
    if (t === undefined) return FAIL;
    if (t === '') return blank;
    n = decimalNumber(t);
  }
  return Number.isFinite(n) && test(n) ? n : FAIL;
}

function lookup<T>(x: unknown, blank: T, table: ReadonlyMap<string, T> | ReadonlySet<string>, self: boolean): T | string | typeof FAIL {
  const t = typeof x === 'number' ? String(x) : trimmed(x);
  if (t === undefined) return FAIL;
  if (t === '') return blank;
  const k = t.toLowerCase();
  if (self) return (table as ReadonlySet<string>).has(k) ? k : FAIL;
  const v = (table as ReadonlyMap<string, T>).get(k);
  return v === undefined ? FAIL : v;
}

/** Returns the fast parser of `kind` reading times as `timeFormat` in `tz` (agents: always NOT_NORMAL). */
export function newFastRowParser(kind: DatasetKind, timeFormat: TimeFormat, tz: TimeZoneSpec): FastRowParser {
  const days: DayCache = newDayCache();
  const time = (x: unknown, required: boolean): Out => {
    if (typeof x === 'number') return parseTimeMs(x, timeFormat, tz) ?? FAIL;
    const t = trimmed(x);
    if (t === undefined) return FAIL;
    if (t === '') return required ? FAIL : null;
    let ms = timeFormat === 'iso' ? parseIsoFast(x as string, tz, days) : NOT_FAST;
    if (ms === NOT_FAST) ms = parseTimeMs(x as string, timeFormat, tz);
    return ms ?? FAIL;
  };
  switch (kind) {
    case 'findings':
      return (c) => {
        const row: Out[] = [
          time(c[0], true),
          text(c[1], true),
          text(c[2], true),
          lookup(c[3], 'low', SEVERITY_SET, true),
          num(c[4], unit, 0.5),
          lookup(c[5], 1, DIRECTIONS, false),
          num(c[6], gt0, null),
          text(c[7], false),
          num(c[8], anyNum, null),
        ];
        return row.includes(FAIL) ? FAIL : (row as Cell[]);
      };
    case 'prices':
      return (c) => {
        const row: Out[] = [time(c[0], true), text(c[1], true), num(c[2], closeOk, FAIL), num(c[3], gt0, null), num(c[4], gt0, null), num(c[5], gt0, null), num(c[6], ge0, null), num(c[7], ge0, null)];
        return row.includes(FAIL) ? FAIL : (row as Cell[]);
      };
    case 'reconciled':
      return (c) => {
        const row: Out[] = [
          time(c[0], false),
          text(c[1], true),
          text(c[2], true),
          num(c[3], gt0, null),
          num(c[4], anyNum, null),
          num(c[5], anyNum, null),
          num(c[6], ge0, null),
          num(c[7], anyNum, null),
          text(c[8], false),
          text(c[9], false),
        ];
        return row.includes(FAIL) ? FAIL : (row as Cell[]);
      };
    case 'agents':
      return () => FAIL;
  }
}
