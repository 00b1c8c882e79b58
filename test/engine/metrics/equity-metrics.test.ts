import { describe, expect, it } from 'vitest';
import { equityMetrics } from '../../../engine/metrics/equity-metrics.js';
import { BENCHMARK_FIELDS } from '../../../engine/metrics/benchmark-metrics.js';

const DAY = 86_400_000;

describe('equityMetrics', () => {
  it('leaves out of the benchmark figures the periods after the benchmark file ends, and says so', () => {
    // Equity at days 1..10; the benchmark's closes stop at day 6. Periods ending at days 2..6
    // have a benchmark close after their start; those ending at 7..10 do not (old code: 0 returns).
    const ts = Float64Array.from({ length: 10 }, (_, i) => (i + 1) * DAY);
    const equity = Float64Array.from([100, 103, 101, 106, 104, 109, 96, 111, 90, 115]);
    const closesTs = Float64Array.from({ length: 7 }, (_, i) => i * DAY);
    const closes = Float64Array.from([50, 51, 50.5, 52, 51, 53, 52.5]);
    const bench = { symbol: 'B', prices: 'b.arrow', tsMs: closesTs, close: closes };
    const full = equityMetrics(ts, equity, 100, 252, bench);
    // The same curve cut at day 6 shares exactly those five periods with the benchmark.
    const cut = equityMetrics(ts.subarray(0, 6), equity.subarray(0, 6), 100, 252, bench);
    expect(full.benchmark?.n).toBe(5);
    for (const f of BENCHMARK_FIELDS) expect(full[f], f).toBe(cut[f]);
    expect(full.notes).toContain(
      "benchmark: its last close (1970-01-07T00:00:00.000Z) comes before the curve's end (1970-01-11T00:00:00.000Z): the last 4 periods, after it, are left out of the benchmark figures",
    );
    expect(cut.notes.filter((n) => n.startsWith('benchmark:'))).toEqual([]);
  });
});
