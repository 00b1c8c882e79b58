import { describe, expect, it } from 'vitest';
import { lpChartSpec } from '../../../../engine/report/lp/lp-chart-spec.js';
import { isoWeekOf } from '../../../../engine/report/lp/iso-week.js';
import { fixtureInput } from '../../governance/governance-fixture.js';

const DAY = 86_400_000;

interface LpSpec {
  title: { text: string; subtitle: string[] };
  datasets: { rows: { ts: number; equity: number; drawdown: number }[] };
  vconcat: { layer: { data: { values?: { ts: number; ts_end: number; span: string }[] } }[] }[];
}

/** The fixture's run with `n` closes `stepDays` apart from 2010-01-04 (a Monday), equity 100 + i, a fall to 50 at `dipAt`. */
function inputOf(n: number, stepDays: number, dipAt: number): ReturnType<typeof fixtureInput> {
  const start = Date.UTC(2010, 0, 4);
  return { ...fixtureInput(), initialEquity: 100, equity: { tsMs: Float64Array.from({ length: n }, (_, i) => start + i * stepDays * DAY), equity: Float64Array.from({ length: n }, (_, i) => (i === dipAt ? 50 : 100 + i)) } };
}

describe('LP weekly chart', () => {
  it('draws the 13 weeks to the reported week, that week shaded, over a long daily run', () => {
    // 10 years of daily closes: the whole run put the week in 1.4 px
    const input = inputOf(3650, 1, 10);
    const week = isoWeekOf(Date.UTC(2019, 5, 12)); // a Wednesday: the week Monday 2019-06-10 .. 2019-06-17
    const spec = lpChartSpec(input, week, 'Equity and drawdown: fixture to 2019-W24', 'day') as unknown as LpSpec;
    const rows = spec.datasets.rows;
    // 13 weeks of days before the week's end, every day a close: 91 of them, from 2019-03-18
    expect(rows).toHaveLength(91);
    expect(rows[0]?.ts).toBe(Date.UTC(2019, 2, 18));
    expect(rows[rows.length - 1]?.ts).toBe(Date.UTC(2019, 5, 16));
    for (const panel of spec.vconcat) expect(panel.layer[0]?.data.values).toEqual([{ ts: Date.UTC(2019, 5, 10), ts_end: Date.UTC(2019, 5, 17), span: '2019-W24' }]);
    expect(spec.title.subtitle[0]).toBe('2019-03-18 to 2019-W24 (shaded): 13 weeks, or 26 equity points if fewer');
  });

  it("measures the window's drawdown from the run's peak, not the window's first point", () => {
    // equity 100 + i: the peak before the window is the day before it; the dip to 50 inside the window is 50 / (100 + i - 1) - 1
    const input = inputOf(400, 1, 380);
    const week = isoWeekOf(Date.UTC(2011, 1, 7)); // Monday 2011-02-07: day 399 is 2011-02-07 .. the run's last close
    const rows = (lpChartSpec(input, week, 't', 'day') as unknown as LpSpec).datasets.rows;
    const dip = rows.find((r) => r.equity === 50);
    expect(dip?.drawdown).toBeCloseTo(50 / 479 - 1, 5);
  });

  it('draws at least 26 points of a monthly run, further back than 13 weeks', () => {
    const input = inputOf(120, 30, -1);
    const last = input.equity.tsMs[119] as number;
    const week = isoWeekOf(last);
    const rows = (lpChartSpec(input, week, 't', 'day') as unknown as LpSpec).datasets.rows;
    expect(rows).toHaveLength(26);
    expect(rows[0]?.ts).toBe(input.equity.tsMs[94]);
  });

  it('draws the whole run and says so when it is shorter than the window', () => {
    const input = inputOf(40, 1, -1);
    const week = isoWeekOf(input.equity.tsMs[39] as number);
    const spec = lpChartSpec(input, week, 't', 'day') as unknown as LpSpec;
    expect(spec.datasets.rows[0]?.ts).toBe(input.equity.tsMs[0]);
    expect(spec.title.subtitle).toEqual([`the run to ${week.label} (shaded)`]);
  });
});
