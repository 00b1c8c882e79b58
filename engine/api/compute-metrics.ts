import { BtInputError } from '../core/errors.js';
import { computeMetrics as computeRecord, findNonFinite, type MetricsOptions, type MetricsRecord } from '../metrics/compute-metrics.js';
import { describeFound } from '../scenario/describe-field.js';
import { TAIL_CONVENTIONS } from '../metrics/var-cvar.js';
import { DRAWDOWN_SIGNS } from '../metrics/max-drawdown.js';

const TAILS: readonly string[] = TAIL_CONVENTIONS;
const SIGNS: readonly string[] = DRAWDOWN_SIGNS;

/**
 * The library's computeMetrics: the `bt metrics` record of any simple-return series (a
 * Float64Array or a plain array of numbers, as a notebook holds it), its arguments checked
 * first, so a bad one is a BtInputError naming it rather than a TypeError from inside the
 * metrics (the core, metrics/compute-metrics.ts, trusts its callers).
 */
export function computeMetrics(returns: Float64Array | readonly number[], opts: MetricsOptions): MetricsRecord {
  const series = returnsOf(returns);
  const bad = findNonFinite(series);
  if (bad >= 0) throw new BtInputError({ field: `returns[${bad}]`, expected: 'a finite simple return', found: String(series[bad]) });
  if (opts === null || typeof opts !== 'object') throw new BtInputError({ field: 'opts', expected: 'an options object with periodsPerYear (252 daily, 12 monthly, ...)', found: describeFound(opts) });
  const number = (field: keyof MetricsOptions, ok: (v: number) => boolean, expected: string, optional = true): void => {
    const v = opts[field];
    if (v === undefined && optional) return;
    if (!(typeof v === 'number' && Number.isFinite(v) && ok(v))) throw new BtInputError({ field: `opts.${field}`, expected, found: describeFound(v) });
  };
  number('periodsPerYear', (v) => v > 0, 'a number > 0 (252 daily, 12 monthly, 52 weekly, 8760 hourly)', false);
  number('riskFreePerPeriod', () => true, 'a finite number (per-period return)');
  number('mar', () => true, 'a finite number (per-period return)');
  number('level', (v) => v > 0.5 && v < 1, 'a number in (0.5, 1)');
  if (opts.tail !== undefined && !TAILS.includes(opts.tail)) throw new BtInputError({ field: 'opts.tail', expected: `one of ${TAILS.join(', ')}`, found: describeFound(opts.tail) });
  if (opts.drawdownSign !== undefined && !SIGNS.includes(opts.drawdownSign)) throw new BtInputError({ field: 'opts.drawdownSign', expected: `one of ${SIGNS.join(', ')}`, found: describeFound(opts.drawdownSign) });
  return computeRecord(series, opts);
}

function returnsOf(returns: unknown): Float64Array {
  if (returns instanceof Float64Array) return returns;
  if (Array.isArray(returns)) {
    const i = returns.findIndex((v) => typeof v !== 'number');
    if (i >= 0) throw new BtInputError({ field: `returns[${i}]`, expected: 'a number (a simple return)', found: describeFound(returns[i]) });
    return Float64Array.from(returns as number[]);
  }
  throw new BtInputError({ field: 'returns', expected: 'a Float64Array or an array of simple returns', found: describeFound(returns) });
}
