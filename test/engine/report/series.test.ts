import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { downsampleIndices } from '../../../engine/report/series/downsample-indices.js';
import { deepestDrawdownIndices, drawdownSeries } from '../../../engine/report/series/drawdown-series.js';
import { defaultRollingWindow, rollingSharpeAt } from '../../../engine/report/series/rolling-sharpe-series.js';
import { chooseSeries, peakAbsAt, seriesPointsAt, type ChangeLog } from '../../../engine/report/series/capped-series-rows.js';
import { paretoFrontier } from '../../../engine/report/series/pareto-frontier.js';
import { heatmapCells } from '../../../engine/report/series/heatmap-cells.js';
import { sensitivityGroups } from '../../../engine/report/series/sensitivity-groups.js';
import { chartNumber } from '../../../engine/report/series/chart-number.js';
import { episodeMarks, underwaterRows } from '../../../engine/report/series/underwater-rows.js';
import { instantResolution } from '../../../engine/core/instant-resolution.js';
import { periodTables } from '../../../engine/metrics/period-tables.js';

const TOL = 1e-9;

describe('downsampleIndices', () => {
  it('keeps every index when the series fits', () => {
    expect([...downsampleIndices(4, 10)]).toEqual([0, 1, 2, 3]);
  });
  it('strides evenly and keeps the first and last point', () => {
    // floor(i * 9 / 3) for i = 0..3
    expect([...downsampleIndices(10, 4)]).toEqual([0, 3, 6, 9]);
  });
  it('puts each kept index in place of the nearest stride point, first and last kept', () => {
    // stride [0, 3, 6, 9]: 4 replaces 3; then 5 replaces 6 (3 is gone, 4 is kept); 0 and 9 are there already
    expect([...downsampleIndices(10, 4, [4])]).toEqual([0, 4, 6, 9]);
    expect([...downsampleIndices(10, 4, [4, 5, 0, 9])]).toEqual([0, 4, 5, 9]);
  });
  it('keeps the deepest drawdown of a long series, which the stride alone steps over', () => {
    // 10,001 points rising by 1, with one dip to 50% at index 5002: the stride of 5000 points (floor(i * 10000 / 4999)) keeps 5001 and 5003, not 5002
    const equity = Float64Array.from({ length: 10_001 }, (_, i) => (i === 5002 ? 0.5 : 1) * (100 + i));
    const dd = drawdownSeries(equity, 100);
    expect(deepestDrawdownIndices(dd)).toEqual([5001, 5002]);
    const strided = downsampleIndices(equity.length, 5000);
    const kept = downsampleIndices(equity.length, 5000, deepestDrawdownIndices(dd));
    const deepest = (idx: Int32Array): number => Math.min(...Array.from(idx, (i) => dd[i] as number));
    expect(deepest(strided)).toBe(0);
    expect(deepest(kept)).toBe(dd[5002]);
    expect(kept.length).toBe(5000);
    expect([...kept].every((v, k) => k === 0 || v > (kept[k - 1] as number))).toBe(true);
  });
});

describe('drawdownSeries', () => {
  it('measures each point against the running peak seeded by the initial equity', () => {
    // peaks: 110, 110, 120, 120 -> 100/110-1, 0(110 is peak), 0, 90/120-1
    const dd = drawdownSeries(Float64Array.from([100, 110, 120, 90]), 110);
    expect(dd[0]).toBeCloseTo(100 / 110 - 1, 12);
    expect(dd[1]).toBe(0);
    expect(dd[2]).toBe(0);
    expect(dd[3]).toBeCloseTo(-0.25, 12);
  });
});

/** The rolling Sharpe at every index: the whole series the chart's points are taken from. */
function rollingSharpeSeries(returns: Float64Array, window: number, periodsPerYear: number): Float64Array {
  return rollingSharpeAt(returns, window, periodsPerYear, Int32Array.from({ length: returns.length }, (_, i) => i));
}

describe('rollingSharpeAt over every index', () => {
  it('annualizes the trailing window mean over its sample sd', () => {
    // window [0.01, 0.03, 0.02]: mean 0.02, sd = sqrt((1e-4 + 1e-4 + 0) / 2) = 0.01 -> 2 * sqrt(12)
    // window [0.03, 0.02, -0.02]: mean 0.01, deviations 0.02, 0.01, -0.03 -> sd sqrt(14e-4 / 2)
    const s = rollingSharpeSeries(Float64Array.from([0.01, 0.03, 0.02, -0.02]), 3, 12);
    expect(Number.isNaN(s[0] as number) && Number.isNaN(s[1] as number)).toBe(true);
    expect(Math.abs((s[2] as number) - 2 * Math.sqrt(12))).toBeLessThan(TOL);
    expect(Math.abs((s[3] as number) - (0.01 / Math.sqrt(7e-4)) * Math.sqrt(12))).toBeLessThan(TOL);
  });
  it('leaves a window of equal returns undefined', () => {
    expect(Number.isNaN(rollingSharpeSeries(Float64Array.from([0.01, 0.01]), 2, 12)[1] as number)).toBe(true);
  });
});

describe('rollingSharpeAt', () => {
  it("gives the whole series' values at the chart's kept indices, bit for bit, computing no others", () => {
    // a report charts at most 5,000 points of a series whose window is a year of periods: the
    // whole series cost O(n x window), 265 s of a bt run over a million minute closes
    const returns = Float64Array.from({ length: 400 }, (_, i) => Math.sin(i * 1.7) * 0.01 + (i % 7) * 1e-4);
    const full = rollingSharpeSeries(returns, 50, 252);
    const ends = downsampleIndices(400, 37);
    const at = rollingSharpeAt(returns, 50, 252, ends);
    expect(Array.from(ends, (i) => full[i])).toEqual([...at]);
    expect(Number.isNaN(at[0] as number)).toBe(true);
    expect(Number.isNaN(rollingSharpeAt(returns, 50, 252, Int32Array.from([400]))[0] as number)).toBe(true);
  });
});

describe('defaultRollingWindow', () => {
  it('takes one year of periods, at most a quarter of the series', () => {
    expect(defaultRollingWindow(123, 12)).toBe(12);
    expect(defaultRollingWindow(100, 252)).toBe(25);
  });
});

/** Brute force: key k's value as of grid time t, scanning the whole log for its last change at or before t. */
function valueAt(log: ChangeLog, k: number, t: number, initial: number): number {
  let v = initial;
  for (let i = 0; i < log.tsMs.length; i++) if ((log.tsMs[i] as number) <= t && log.keyId[i] === k) v = log.value[i] as number;
  return v;
}

describe('seriesPointsAt', () => {
  it('forward-fills each key from its last change at or before each grid time', () => {
    const log = { tsMs: Float64Array.from([1, 1, 3]), keyId: Int32Array.from([0, 1, 0]), value: Float64Array.from([0.5, 0.2, 0.7]) };
    const pts = seriesPointsAt(log, ['a', 'b'], Float64Array.from([0, 1, 2, 3, 4]), 1, { shown: [0, 1], others: [] }, Int32Array.from([0, 1, 2, 3, 4]), 'other');
    expect(pts.filter((p) => p.series === 'a').map((p) => p.value)).toEqual([1, 0.5, 0.5, 0.7, 0.7]);
    expect(pts.filter((p) => p.series === 'b').map((p) => p.value)).toEqual([1, 0.2, 0.2, 0.2, 0.2]);
  });

  it('draws the shown keys and one series summing the others, at the grid times asked, equal to a brute-force fill', () => {
    // 5 keys: c, a shown; b, d, e summed (by name)
    const log = { tsMs: Float64Array.from([0, 0, 0, 0, 0, 2, 2, 5, 7]), keyId: Int32Array.from([0, 1, 2, 3, 4, 2, 3, 4, 0]), value: Float64Array.from([0.1, 0.2, 0.3, 0.25, 0.125, 0, 0.5, 0.0625, 0.75]) };
    const names = ['c', 'b', 'a', 'e', 'd'];
    const grid = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const at = Int32Array.from([0, 4, 8]);
    const pts = seriesPointsAt(log, names, grid, 0, { shown: [2, 0], others: [1, 4, 3] }, at, 'other (3 agents)');
    const want = [...at].flatMap((g) => [
      { series: 'a', g, value: valueAt(log, 2, g, 0) },
      { series: 'c', g, value: valueAt(log, 0, g, 0) },
      { series: 'other (3 agents)', g, value: valueAt(log, 1, g, 0) + valueAt(log, 4, g, 0) + valueAt(log, 3, g, 0) },
    ]);
    expect(pts).toEqual(want);
  });
});

describe('peakAbsAt and chooseSeries', () => {
  it('peaks at values held at grid times only (a change undone before the next grid time is not seen), equal to a brute force on random logs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 4 }), fc.double({ min: -1, max: 1, noNaN: true })), { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (changes, nGrid) => {
        const sorted = [...changes].sort((x, y) => x[0] - y[0]);
        const log = { tsMs: Float64Array.from(sorted, (c) => c[0]), keyId: Int32Array.from(sorted, (c) => c[1]), value: Float64Array.from(sorted, (c) => c[2]) };
        const grid = Float64Array.from({ length: nGrid }, (_, g) => g * 2);
        const peak = peakAbsAt(log, 5, grid, 0);
        for (let k = 0; k < 5; k++) {
          let want = 0;
          for (const t of grid) want = Math.max(want, Math.abs(valueAt(log, k, t, 0)));
          expect(peak[k]).toBe(want);
        }
      }),
    );
  });

  it('keeps every series up to the cap, and past it the cap - 1 of largest peak (ties by name) with the rest summed, all by name', () => {
    const names = ['d', 'a', 'c', 'b', 'e'];
    const peak = Float64Array.from([0.4, 0.1, 0.4, 0, 0.9]);
    // dropFlat leaves out 'b' (never non-zero): 4 left, within a cap of 4
    expect(chooseSeries(names, peak, true, 4)).toEqual({ shown: [1, 2, 0, 4], others: [] });
    // a cap of 3: 'e' (0.9), then 'c' and 'd' tie at 0.4: 'c' by name; 'a' and 'd' summed
    expect(chooseSeries(names, peak, true, 3)).toEqual({ shown: [2, 4], others: [1, 0] });
  });
});

describe('paretoFrontier', () => {
  it('marks the points no other beats on both risk and reward', () => {
    // (risk, reward): A(0.1, 0.5) B(0.2, 0.9) C(0.2, 0.4) dominated by A, D(0.3, 0.8) dominated by B, E(0.4, 1.0)
    const on = paretoFrontier(Float64Array.from([0.1, 0.2, 0.2, 0.3, 0.4, Number.NaN]), Float64Array.from([0.5, 0.9, 0.4, 0.8, 1.0, 2]));
    expect([...on]).toEqual([1, 1, 0, 0, 1, 0]);
  });

  it('leaves out a point tied on one coordinate and worse on the other, whatever the order, and keeps exact duplicates', () => {
    // (risk, reward): A(0.2, 0.4) listed before B(0.2, 0.9): B dominates A; C(0.3, 0.9) ties B's
    // reward at more risk: dominated; D(0.1, 0.3) and its duplicate E: on the frontier
    const on = paretoFrontier(Float64Array.from([0.2, 0.2, 0.3, 0.1, 0.1]), Float64Array.from([0.4, 0.9, 0.9, 0.3, 0.3]));
    expect([...on]).toEqual([0, 1, 0, 1, 1]);
  });

  it('marks exactly the points a pairwise dominance check marks, on grids with many ties', () => {
    // Brute force: i is off the frontier iff some j has risk <= and reward >=, one of them strictly.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { maxLength: 30 }), (pts) => {
        const risk = Float64Array.from(pts, (p) => p[0] / 10);
        const reward = Float64Array.from(pts, (p) => p[1] / 10);
        const want = pts.map((p) => (pts.some((q) => q[0] <= p[0] && q[1] >= p[1] && (q[0] < p[0] || q[1] > p[1])) ? 0 : 1));
        expect([...paretoFrontier(risk, reward)]).toEqual(want);
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});

describe('heatmapCells', () => {
  it('averages the metric over the other parameters in each cell', () => {
    const x = { path: 'a', values: [1, 1, 2, 2, 2] };
    const y = { path: 'b', values: ['p', 'q', 'p', 'p', 'q'] };
    const cells = heatmapCells(x, y, Float64Array.from([1, 2, 3, 5, Number.NaN]));
    expect(cells.map((c) => [c.x, c.y, c.stats.mean, c.stats.n])).toEqual([
      [1, 'p', 1, 1],
      [1, 'q', 2, 1],
      [2, 'p', 4, 2],
      [2, 'q', Number.NaN, 1],
    ]);
  });
});

describe('heatmapCells with a facet', () => {
  it('keeps the facet parameter apart instead of averaging over it', () => {
    const x = { path: 'a', values: [1, 1, 2, 2] };
    const y = { path: 'b', values: ['p', 'p', 'p', 'p'] };
    const f = { path: 'c', values: [0, 1, 0, 1] };
    const cells = heatmapCells(x, y, Float64Array.from([-1, 1, -2, 2]), f);
    expect(cells.map((c) => [c.facet, c.x, c.y, c.stats.mean, c.stats.n])).toEqual([
      [0, 1, 'p', -1, 1],
      [0, 2, 'p', -2, 1],
      [1, 1, 'p', 1, 1],
      [1, 2, 'p', 2, 1],
    ]);
  });
});

describe('sensitivityGroups', () => {
  it('gives mean, min and max per value, numbers in ascending order', () => {
    const g = sensitivityGroups([{ path: 'a', values: [10, 2, 10] }], Float64Array.from([1, 5, 3]));
    expect(g.map((r) => [r.value, r.order, r.stats.mean, r.stats.min, r.stats.max])).toEqual([
      [2, 0, 5, 5, 5],
      [10, 1, 2, 1, 3],
    ]);
  });
});

describe('chartNumber', () => {
  it('rounds to 6 significant digits and maps non-finite values to null', () => {
    expect(chartNumber(1234567.891)).toBe(1234570);
    expect(chartNumber(Number.NaN)).toBeNull();
  });
});


describe('episodeMarks and the drawdown table on an intraday calendar', () => {
  // 30 s bars from 2022-01-03 00:00:00 UTC; return i ends at ts[i]. Two episodes, each one bar
  // under water and recovered on the next: [00:00:30 .. 00:01:00] (-1 %, +2 %) and
  // [00:01:30 .. 00:02:00] (-2 %, +3 %), 2 periods each (start through recovery, as PerformanceAnalytics
  // counts). To the minute, the second would start and end at '00:01'.
  const t0 = Date.UTC(2022, 0, 3);
  const tsMs = Float64Array.from([0, 1, 2, 3, 4], (k) => t0 + k * 30_000);
  const returns = Float64Array.from([0.01, -0.01, 0.02, -0.02, 0.03]);

  it('prints every instant to the second, midnight too, so episodes of one minute read apart', () => {
    const marks = episodeMarks(returns, tsMs, 'r', instantResolution(tsMs));
    expect(marks.map((m) => m.period)).toEqual(['2022-01-03 00:01:30 .. 2022-01-03 00:02:00, 2 periods', '2022-01-03 00:00:30 .. 2022-01-03 00:01:00, 2 periods']);
    const rows = underwaterRows(tsMs, Float64Array.from([101, 99.99, 101.9898, 99.950004, 102.94850412]), 100, 'r', 10, instantResolution(tsMs));
    expect(rows[0]?.date).toBe('2022-01-03 00:00:00');
  });

  it("gives metrics.json's drawdown rows the same resolution (from, trough, to)", () => {
    const dd = periodTables(returns, tsMs).drawdowns;
    expect(dd.map((r) => [r.from, r.trough, r.to])).toEqual([
      ['2022-01-03T00:01:30Z', '2022-01-03T00:01:30Z', '2022-01-03T00:02:00Z'],
      ['2022-01-03T00:00:30Z', '2022-01-03T00:00:30Z', '2022-01-03T00:01:00Z'],
    ]);
    // an hourly series: its midnight keeps T00:00Z beside the other hours (not a bare date)
    const hourly = Float64Array.from([0, 1, 2, 3, 4], (k) => t0 + k * 3_600_000);
    const h = periodTables(Float64Array.from([-0.01, 0.02, -0.02, 0.03, 0.01]), hourly).drawdowns;
    expect(h.map((r) => [r.from, r.to])).toEqual([
      ['2022-01-03T02:00Z', '2022-01-03T03:00Z'],
      ['2022-01-03T00:00Z', '2022-01-03T01:00Z'],
    ]);
  });
});
