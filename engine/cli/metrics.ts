import { parseDecimal } from '../core/decimal-text.js';
import { BtInputError } from '../core/errors.js';
import { computeMetrics } from '../metrics/compute-metrics.js';
import { inferPeriodsPerYear } from '../metrics/infer-periods-per-year.js';
import { drawdownDetail, DRAWDOWN_SIGNS } from '../metrics/max-drawdown.js';
import type { TailConvention } from '../metrics/var-cvar.js';
import { alignByTime } from '../metrics/align-benchmark.js';
import { benchmarkMetrics } from '../metrics/benchmark-metrics.js';
import { drawdownEpisodes } from '../metrics/drawdown-episodes.js';
import { periodTables } from '../metrics/period-tables.js';
import { tearsheetMetrics } from '../metrics/tearsheet-metrics.js';
import { readReturnTable } from './metrics-input.js';
import { metricsJson, metricsTable, type ColumnMetrics } from './metrics-output.js';

/** Options of `bt metrics`. */
export interface MetricsCliOptions {
  readonly prices?: boolean;
  readonly json?: boolean;
  readonly periodsPerYear?: string;
  readonly columns?: string;
  readonly riskFree: string;
  readonly mar: string;
  readonly level: string;
  readonly tail: string;
  readonly drawdownSign: string;
  readonly benchmark?: string;
}

const TAILS: Readonly<Record<string, TailConvention>> = { pa: 'performance-analytics', empyrical: 'empyrical' };

function parseNumberOption(name: string, text: string, ok: (v: number) => boolean, expected: string): number {
  const v = parseDecimal(text);
  if (!Number.isFinite(v) || !ok(v)) throw new BtInputError({ field: name, expected, found: JSON.stringify(text) });
  return v;
}

/** `bt metrics FILE`: performance metrics of each return (or price) column of a CSV or Arrow file. */
export function metricsCommand(file: string, o: MetricsCliOptions): void {
  const riskFree = parseNumberOption('--risk-free', o.riskFree, () => true, 'a finite number (per-period return)');
  const mar = parseNumberOption('--mar', o.mar, () => true, 'a finite number (per-period return)');
  const level = parseNumberOption('--level', o.level, (v) => v > 0.5 && v < 1, 'a number in (0.5, 1)');
  const tail = TAILS[o.tail];
  if (tail === undefined) throw new BtInputError({ field: '--tail', expected: 'one of pa, empyrical', found: JSON.stringify(o.tail) });
  const drawdownSign = DRAWDOWN_SIGNS.find((s) => s === o.drawdownSign);
  if (drawdownSign === undefined) throw new BtInputError({ field: '--drawdown-sign', expected: `one of ${DRAWDOWN_SIGNS.join(', ')}`, found: JSON.stringify(o.drawdownSign) });
  const columns = o.columns?.split(',').map((c) => c.trim()).filter((c) => c !== '');
  const bench = o.benchmark?.trim();
  if (bench === '') throw new BtInputError({ field: '--benchmark', expected: 'a column name of the file', found: '""' });
  // The benchmark is read even when --columns leaves it out, and reported only when listed.
  const read = columns !== undefined && bench !== undefined && !columns.includes(bench) ? [...columns, bench] : columns;
  const table = readReturnTable(file, { prices: o.prices === true, ...(read !== undefined ? { columns: read } : {}), ...(bench !== undefined ? { benchmark: bench } : {}) });
  const benchSeries = bench === undefined ? null : (table.series.find((s) => s.name === bench) ?? null);
  const shown = columns === undefined ? table.series : table.series.filter((s) => columns.includes(s.name));

  let periodsPerYear: number;
  if (o.periodsPerYear !== undefined) {
    periodsPerYear = parseNumberOption('--periods-per-year', o.periodsPerYear, (v) => v > 0, 'a number > 0 (252 daily, 12 monthly)');
  } else {
    const inferred = inferPeriodsPerYear(table.rowTsMs);
    if (inferred.periodsPerYear === null) {
      throw new BtInputError({ file, message: `cannot infer periods per year from column '${table.dateColumn}': ${inferred.reason}`, hint: 'Pass --periods-per-year N' });
    }
    periodsPerYear = inferred.periodsPerYear;
    process.stderr.write(`bt metrics: periods per year inferred as ${periodsPerYear} from the ${inferred.reason}; pass --periods-per-year to override\n`);
  }

  const results: ColumnMetrics[] = shown.map((s) => {
    const episodes = drawdownEpisodes(s.returns);
    const pair = benchSeries === null ? null : alignByTime(s.tsMs, s.returns, benchSeries.tsMs, benchSeries.returns);
    return {
      name: s.name,
      record: computeMetrics(s.returns, { periodsPerYear, riskFreePerPeriod: riskFree, mar, level, tail, drawdownSign }),
      tearsheet: tearsheetMetrics(s.returns, episodes),
      tables: periodTables(s.returns, s.tsMs, undefined, episodes),
      benchmark: pair === null ? null : { n: pair.returns.length, record: benchmarkMetrics(pair.returns, pair.benchmark, periodsPerYear) },
      drawdown: drawdownDetail(s.returns),
      tsMs: s.tsMs,
    };
  });
  if (o.json === true) {
    process.stdout.write(metricsJson(periodsPerYear, results, level, bench ?? null));
    return;
  }
  process.stdout.write(results.map((r) => metricsTable(r, periodsPerYear, level)).join('\n'));
}
