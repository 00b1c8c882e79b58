/**
 * Turns one input record (cells in field order, spec of the kind) into a normalized row:
 * epoch ms, strings, finite numbers or null. Seed defaults for absent cells: findings
 * severity 'low' and confidence 0.5 (seed 000 CapitalAllocator.allocate), direction +1;
 * agents enabled false and weight 0 (seed 000: cfg.get("enabled", False), cfg.get("weight", 0)).
 */
import { decimalNumber } from './decimal-number.js';
import { MAX_CLOSE } from '../schemas/prices-schema.js';
import type { InputErrorDetail } from '../../engine/core/errors.js';
import { SEVERITIES } from '../schemas/columns.js';
import type { DatasetKind } from '../schemas/dataset-kind.js';
import { parseTimeMs, type TimeFormat, type TimeZoneSpec } from './parse-time.js';

/** A normalized cell: epoch ms or number, string, or null. */
export type Cell = number | string | null;

/** Where a record came from plus how to read its times. */
export interface NormalizeContext {
  readonly file: string;
  readonly line?: number;
  readonly row?: number;
  readonly timeFormat: TimeFormat;
  readonly tz: TimeZoneSpec;
}

const EXPECTED_TIME: Readonly<Record<TimeFormat, string>> = {
  iso: 'an ISO 8601 time (e.g. 2024-01-05T12:00:00Z)',
  'epoch-ms': 'epoch milliseconds',
  'epoch-s': 'epoch seconds',
  date: 'a date YYYY-MM-DD',
};

/** Returns what a time cell should be; with an IANA --tz, naming the wall times it cannot place. */
function expectedTime(ctx: NormalizeContext): string {
  const base = EXPECTED_TIME[ctx.timeFormat];
  if (ctx.timeFormat !== 'iso' || ctx.tz.kind !== 'iana') return base;
  return `${base}; without Z or an offset, a time that exists once in ${ctx.tz.name} (not one a daylight-saving change skips or repeats: give its offset)`;
}

function isBlank(x: unknown): boolean {
  return x === undefined || x === null || (typeof x === 'string' && x.trim() === '');
}

function show(x: unknown): string {
  if (typeof x === 'string') return `'${x}'`;
  return x === undefined ? 'nothing' : JSON.stringify(x) ?? String(x);
}

/** Returns a normalized row of `kind` (fields in spec order), or undefined after reporting each violation. */
export function normalizeRow(kind: DatasetKind, cells: readonly unknown[], ctx: NormalizeContext, report: (d: InputErrorDetail) => void): Cell[] | undefined {
  let ok = true;
  const bad = (field: string, expected: string, found: unknown): null => {
    ok = false;
    report({ file: ctx.file, ...(ctx.line !== undefined ? { line: ctx.line } : {}), ...(ctx.row !== undefined ? { row: ctx.row } : {}), field, expected, found: show(found) });
    return null;
  };
  const time = (i: number, field: string, required: boolean): Cell => {
    const x = cells[i];
    if (isBlank(x)) return required ? bad(field, EXPECTED_TIME[ctx.timeFormat], x) : null;
    const ms = parseTimeMs(typeof x === 'number' ? x : String(x), ctx.timeFormat, ctx.tz);
    return ms === undefined ? bad(field, expectedTime(ctx), x) : ms;
  };
  const text = (i: number, field: string, required: boolean): Cell => {
    const x = cells[i];
    if (isBlank(x)) return required ? bad(field, `a ${field} name`, x) : null;
    return typeof x === 'string' ? x.trim() : typeof x === 'number' || typeof x === 'boolean' ? String(x) : bad(field, 'a string', x);
  };
  const num = (i: number, field: string, expected: string, test: (x: number) => boolean, dflt: number | null): Cell => {
    const x = cells[i];
    if (isBlank(x)) return dflt === null && !expected.endsWith('or null') ? bad(field, expected, x) : dflt;
    const n = typeof x === 'number' ? x : typeof x === 'string' ? decimalNumber(x.trim()) : Number.NaN;
    return Number.isFinite(n) && test(n) ? n : bad(field, expected, x);
  };
  let out: Cell[];
  switch (kind) {
    case 'findings': {
      const sevRaw = cells[3];
      const sev = isBlank(sevRaw) ? 'low' : String(sevRaw).trim().toLowerCase();
      const dirRaw = cells[5];
      const dir = isBlank(dirRaw) ? 1 : ({ '1': 1, '+1': 1, '-1': -1, long: 1, short: -1 } as Record<string, number>)[String(dirRaw).trim().toLowerCase()];
      out = [
        time(0, 'ts', true),
        text(1, 'agent', true),
        text(2, 'symbol', true),
        (SEVERITIES as readonly string[]).includes(sev) ? sev : bad('severity', `one of ${SEVERITIES.join(', ')}`, sevRaw),
        num(4, 'confidence', 'a number in [0, 1]', (x) => x >= 0 && x <= 1, 0.5),
        dir ?? bad('direction', '+1, -1, long, short or empty', dirRaw),
        num(6, 'horizon_hours', 'a number > 0 or null', (x) => x > 0, null),
        text(7, 'strategy', false),
        num(8, 'expected_pnl_bps', 'a finite number (bps) or null', () => true, null),
      ];
      break;
    }
    case 'prices':
      out = [
        time(0, 'ts', true),
        text(1, 'symbol', true),
        num(2, 'close', `a finite number > 0 and <= ${MAX_CLOSE}`, (x) => x > 0 && x <= MAX_CLOSE, null),
        num(3, 'open', 'a finite number > 0 or null', (x) => x > 0, null),
        num(4, 'high', 'a finite number > 0 or null', (x) => x > 0, null),
        num(5, 'low', 'a finite number > 0 or null', (x) => x > 0, null),
        num(6, 'volume', 'a finite number >= 0 or null', (x) => x >= 0, null),
        num(7, 'spread_bps', 'a finite number >= 0 (bps) or null', (x) => x >= 0, null),
      ];
      break;
    case 'reconciled': {
      const any = (): boolean => true;
      out = [
        time(0, 'ts', false),
        text(1, 'agent', true),
        text(2, 'symbol', true),
        num(3, 'horizon_hours', 'a number > 0 or null', (x) => x > 0, null),
        num(4, 'expected_pnl_bps', 'a finite number (bps) or null', any, null),
        num(5, 'realized_pnl_bps', 'a finite number (bps) or null', any, null),
        num(6, 'abs_error_bps', 'a finite number >= 0 (bps) or null', (x) => x >= 0, null),
        num(7, 'pnl_error_bps', 'a finite number (bps) or null', any, null),
        text(8, 'sim_version', false),
        text(9, 'strategy', false),
      ];
      break;
    }
    case 'agents': {
      const e = cells[2];
      const enabled = isBlank(e) ? 0 : ({ true: 1, false: 0, '1': 1, '0': 0 } as Record<string, number>)[String(e).trim().toLowerCase()];
      out = [
        text(0, 'agent', true),
        text(1, 'strategy', false) ?? '',
        enabled ?? bad('enabled', 'true or false', e),
        num(3, 'weight', 'a finite number >= 0', (x) => x >= 0, 0),
        num(4, 'interval_minutes', 'a number > 0 or null', (x) => x > 0, null),
        time(5, 'since', false),
      ];
      break;
    }
  }
  return ok ? out : undefined;
}
