import { BtInputError } from '../core/errors.js';
import { describeFound } from '../scenario/describe-field.js';
import { buildComparison, COMPARE_BOOTSTRAP_DEFAULTS, COMPARE_SETTING_MIN, type Comparison } from '../report/compare/build-comparison.js';
import { RANKABLE_METRICS } from '../report/compare/compare-table.js';
import type { BacktestResult } from './backtest-result.js';

/** Options of compare (the `bt compare` flags, same defaults). */
export interface CompareOptions {
  /** One label per result (default: each run's allocator variant). */
  readonly labels?: readonly string[];
  readonly rankBy?: string;
  /** Bootstrap seed, resamples, mean block length in periods (null: round(n^(1/3))) and level. */
  readonly seed?: number;
  readonly resamples?: number;
  readonly meanBlock?: number | null;
  readonly level?: number;
}

/**
 * Returns the comparison of two or more runs (the first is the reference): metrics side by
 * side, ranks, and the stationary-bootstrap interval of each Sharpe difference, as
 * `bt compare --json` prints it. Pure: nothing is read or written.
 */
export function compare(results: readonly BacktestResult[], opts: CompareOptions = {}): Comparison {
  if (!Array.isArray(results) || results.length < 2) throw new BtInputError({ field: 'results', expected: 'two or more runs to compare (an array of runScenario results)', found: Array.isArray(results) ? `${results.length}` : describeFound(results) });
  const labels = opts.labels ?? results.map((r) => r.scenario.allocator.variant);
  if (labels.length !== results.length || new Set(labels).size !== labels.length) {
    throw new BtInputError({ field: 'labels', expected: `${results.length} distinct labels, one per run`, found: labels.join(', '), hint: 'Pass labels when two runs share an allocator variant' });
  }
  const rankBy = opts.rankBy ?? 'sharpe';
  if (!Object.hasOwn(RANKABLE_METRICS, rankBy)) throw new BtInputError({ field: 'rankBy', expected: `one of ${Object.keys(RANKABLE_METRICS).join(', ')}`, found: `'${rankBy}'` });
  const inputs = results.map((r, i) => ({
    label: labels[i] as string,
    metrics: r.metrics as unknown as Readonly<Record<string, unknown>>,
    curve: { tsMs: r.equity.tsMs, equity: r.equity.equity, initialEquity: r.config.initialCapital },
  }));
  const settings = { rankBy, seed: integerOption('seed', opts.seed, COMPARE_BOOTSTRAP_DEFAULTS.seed, COMPARE_SETTING_MIN.seed), resamples: integerOption('resamples', opts.resamples, COMPARE_BOOTSTRAP_DEFAULTS.resamples, COMPARE_SETTING_MIN.resamples), meanBlock: opts.meanBlock === null || opts.meanBlock === undefined ? null : integerOption('meanBlock', opts.meanBlock, 1, COMPARE_SETTING_MIN.meanBlock), level: opts.level ?? COMPARE_BOOTSTRAP_DEFAULTS.level };
  if (!(typeof settings.level === 'number' && settings.level > 0 && settings.level < 1)) throw new BtInputError({ field: 'level', expected: 'a number in (0, 1)', found: describeFound(settings.level) });
  return buildComparison(inputs, settings);
}

/** Returns the option `name`'s value (`fallback` when absent), or throws a BtInputError unless it is an integer >= `min`. */
function integerOption(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new BtInputError({ field: name, expected: `an integer >= ${min}`, found: describeFound(value) });
  return value;
}
