import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkMetrics } from '../../../engine/metrics/benchmark-metrics.js';
import { equityMetrics } from '../../../engine/metrics/equity-metrics.js';
import { periodTables } from '../../../engine/metrics/period-tables.js';
import { tearsheetMetrics } from '../../../engine/metrics/tearsheet-metrics.js';
import { loadTearsheetReference, readNumberCsv, tearsheetMismatches } from './tearsheet-fixture.js';

// Expected values: test/reference/tearsheet_reference.R (R PerformanceAnalytics 2.1.0),
// output committed in test/fixtures/tearsheet/reference.json; TOL = 1e-9.
const ref = loadTearsheetReference();

describe('tearsheetMetrics, periodTables and benchmarkMetrics', () => {
  for (const c of ref.synthetic) {
    it(`match R PerformanceAnalytics on ${c.name}`, () => {
      const returns = Float64Array.from(c.returns);
      const ts = Float64Array.from(c.ts_ms);
      const keep = c.benchmark.map((b) => b !== null);
      const shared = returns.filter((_, i) => keep[i]);
      const bench = Float64Array.from(c.benchmark.filter((b): b is number => b !== null));
      const actual = { ...tearsheetMetrics(returns), ...periodTables(returns, ts), ...benchmarkMetrics(shared, bench, c.N) };
      expect(shared.length).toBe(c.expected.benchmark_n);
      expect(tearsheetMismatches(actual, c.expected)).toEqual([]);
    });
  }
});

describe('equityMetrics', () => {
  it('matches R PerformanceAnalytics on the committed quickstart run against the S&P 500', () => {
    const dir = join(process.cwd(), 'test/fixtures/tearsheet/quickstart');
    const eq = readNumberCsv(join(dir, 'equity.csv'));
    const bc = readNumberCsv(join(dir, 'benchmark.csv'));
    const m = equityMetrics(eq['ts'] as Float64Array, eq['equity'] as Float64Array, 1_000_000, ref.quickstart.N, {
      symbol: 'SPX',
      prices: 'prices.arrow',
      tsMs: bc['ts'] as Float64Array,
      close: bc['close'] as Float64Array,
    });
    expect(m.benchmark?.n).toBe(ref.quickstart.expected.benchmark_n);
    expect(tearsheetMismatches(m, ref.quickstart.expected)).toEqual([]);
  });
});
