import { describe, expect, it } from 'vitest';
import { runReportCharts, MAX_STEPS_PER_SERIES } from '../../../engine/report/run-report-charts.js';
import { calendarPeriodUnit } from '../../../engine/report/series/calendar-periods.js';
import { seriesPeriodMeans } from '../../../engine/report/series/period-means.js';
import type { KeyedSeries, RunDirData } from '../../../engine/report/read-run-dir.js';
import type { ReportChart } from '../../../engine/report/specs/report-chart.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// a Friday, 00:00 UTC
const t0 = Date.UTC(2021, 0, 1);

type Row = { ts: number; series: string; weight: number; date: string };
type Spec = { title: string | { text: string; subtitle: string | string[] }; data: { values: Row[] } };

/** A run of `points` hourly equity points and `agents` agents, every agent at 1/agents from the start and agent a00 at 2/agents from hour 33 (a weight's total is then above 1, which a chart does not check). */
function hourlyRun(points: number, agents: number): RunDirData {
  const ts = Float64Array.from({ length: points }, (_, i) => t0 + i * HOUR);
  const keys = Array.from({ length: agents }, (_, k) => `a${String(k).padStart(2, '0')}`);
  const w: KeyedSeries = {
    keys,
    tsMs: Float64Array.from([...keys.map(() => t0), t0 + 33 * HOUR]),
    keyId: Int32Array.from([...keys.map((_, k) => k), 0]),
    value: Float64Array.from([...keys.map(() => 1 / agents), 2 / agents]),
  };
  const none: KeyedSeries = { keys: [], tsMs: new Float64Array(0), keyId: new Int32Array(0), value: new Float64Array(0) };
  return {
    name: 'fixture',
    scenarioName: 'fixture',
    variant: '',
    engineVersion: 'test',
    equity: { tsMs: ts, equity: Float64Array.from(ts, (_, i) => 100 + i) },
    agentWeights: w,
    targets: none,
    multipliers: none,
    kills: [],
    metrics: { initial_equity: 100, periods_per_year: 8760 },
    initialEquity: 100,
  };
}

function chart(run: RunDirData, name: string): Spec {
  const c = runReportCharts(run).find((x: ReportChart) => x.name === name);
  if (c === undefined) throw new Error(name);
  return c.spec as unknown as Spec;
}

describe('allocation charts past MAX_STEPS_PER_SERIES equity points', () => {
  it('draws every equity point up to one step per 4 px (180 points), and means per period past it', () => {
    expect(MAX_STEPS_PER_SERIES).toBe(180);
    const at180 = chart(hourlyRun(180, 3), 'allocation-by-agent');
    expect(at180.data.values).toHaveLength(180 * 3);
    expect(typeof at180.title).toBe('string');
    // 181 hours from 00:00: 181 hourly periods are too many; 6-hour periods: hours 0..180 span 31 of them
    const at181 = chart(hourlyRun(181, 3), 'allocation-by-agent');
    expect(at181.title).toEqual({ text: 'Allocation by agent', subtitle: 'weights averaged per 6 hours over the equity points (181 of them; at most 180 steps); agent_weights.arrow has every change' });
    // 31 periods, and the last (hour 180 alone) starts at the last point: no closing row
    expect(at181.data.values).toHaveLength(31 * 3);
  });

  it('averages each series over the equity points of a period, by hand', () => {
    // 181 hourly points, 6-hour periods; a00 is 1/3 for hours 0..32 and 2/3 from hour 33: the period of hours 30..35 averages
    // (3 * 1/3 + 3 * 2/3) / 6 = 1/2, the next one 2/3; no row at hour 33
    const rows = chart(hourlyRun(181, 3), 'allocation-by-agent').data.values.filter((r) => r.series === 'a00');
    expect(rows.find((r) => r.ts === t0 + 24 * HOUR)?.weight).toBeCloseTo(1 / 3, 5);
    expect(rows.find((r) => r.ts === t0 + 30 * HOUR)?.weight).toBeCloseTo(1 / 2, 5);
    expect(rows.find((r) => r.ts === t0 + 36 * HOUR)?.weight).toBeCloseTo(2 / 3, 5);
    expect(rows.find((r) => r.ts === t0 + 33 * HOUR)).toBeUndefined();
    expect(rows.find((r) => r.ts === t0 + 30 * HOUR)?.date).toBe('2021-01-02 06:00');
  });

  it('keeps the chart within 181 steps x 20 series however many points and agents, says what it averaged and summed, and the means add up to the total', () => {
    // 20,000 hours, 833 days: weeks from Monday 2020-12-28 to the week of hour 19,999 (2023-04-12): 120 weeks
    const spec = chart(hourlyRun(20_000, 40), 'allocation-by-agent');
    const rows = spec.data.values;
    const weeks = Math.floor((t0 + 19_999 * HOUR - Date.UTC(2020, 11, 28)) / (7 * DAY)) + 1;
    expect(weeks).toBe(120);
    // 120 weekly steps and the last week's again at the last point, 20 series each (19 agents and 'other (21 agents)')
    expect(rows).toHaveLength((weeks + 1) * 20);
    expect(rows.length).toBeLessThanOrEqual((MAX_STEPS_PER_SERIES + 1) * 20);
    expect(spec.title).toEqual({
      text: 'Allocation by agent',
      subtitle: [
        "the 19 agents of largest peak weight, the other 21 summed as 'other (21 agents)' (at most 20 series)",
        'weights averaged per week over the equity points (20,000 of them; at most 180 steps); agent_weights.arrow has every change',
      ],
    });
    // from hour 33 every hour's weights add up to 41/40; the first week (Friday 00:00 .. Sunday 23:00, 72 hours) to (33 * 1 + 39 * 41/40) / 72
    const byTs = new Map<number, number>();
    for (const r of rows) byTs.set(r.ts, (byTs.get(r.ts) ?? 0) + r.weight);
    expect(byTs.get(t0)).toBeCloseTo((33 + (39 * 41) / 40) / 72, 4);
    expect(byTs.get(t0 + 72 * HOUR)).toBeCloseTo(41 / 40, 4);
  });
});

describe('seriesPeriodMeans', () => {
  it('averages the shown keys and the sum of the others over each period, by hand', () => {
    // 48 hourly points over two days; a: 0.5 from hour 6; b (other): 0.1 throughout; c (other): 0.2 from hour 36
    const grid = Float64Array.from({ length: 48 }, (_, i) => t0 + i * HOUR);
    const log = { tsMs: Float64Array.from([t0, t0 + 6 * HOUR, t0 + 36 * HOUR]), keyId: Int32Array.from([1, 0, 2]), value: Float64Array.from([0.1, 0.5, 0.2]) };
    const unit = calendarPeriodUnit(grid[0] as number, grid[47] as number, 2);
    expect(unit.name).toBe('day');
    const means = seriesPeriodMeans(log, ['a', 'b', 'c'], grid, 0, { shown: [0], others: [1, 2] }, unit, 'other');
    expect(means.map((m) => [m.series, m.g, m.periodStartMs])).toEqual([
      ['a', 0, t0],
      ['other', 0, t0],
      ['a', 24, t0 + DAY],
      ['other', 24, t0 + DAY],
    ]);
    // day 1: a held 0.5 for 18 of 24 hours; others 0.1. Day 2: a 0.5; others 0.1 for 12 hours, 0.3 for 12
    expect(means.map((m) => m.value)).toEqual([expect.closeTo(0.375, 12), expect.closeTo(0.1, 12), expect.closeTo(0.5, 12), expect.closeTo(0.2, 12)]);
  });
});
