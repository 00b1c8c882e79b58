import { describe, expect, it } from 'vitest';
import { compareCharts } from '../../../engine/report/compare-charts.js';
import { renderSvg } from '../../../engine/report/svg.js';
import type { ReportChart } from '../../../engine/report/specs/report-chart.js';

const DAY = 86_400_000;
const ts = Float64Array.from({ length: 5 }, (_, i) => Date.UTC(2021, 0, 1) + i * DAY);
// both runs bottom out on the same day, 0.1% apart: from 100 to 80 (-20.0%) and to 79.9 (-20.1%), by hand
const curves = [
  { label: 'one', tsMs: ts, equity: Float64Array.from([95, 90, 80, 100, 105]), initialEquity: 100 },
  { label: 'two', tsMs: ts, equity: Float64Array.from([95, 89, 79.9, 100, 105]), initialEquity: 100 },
];

function underwater(): ReportChart {
  const c = compareCharts(curves).find((x) => x.name === 'compare-underwater');
  if (c === undefined) throw new Error('no compare-underwater chart');
  return c;
}

describe('compare underwater chart', () => {
  it('draws no text over the plot, so two runs whose troughs are close cannot print overlapping labels', async () => {
    const { svg } = await renderSvg(underwater().spec);
    expect(svg).not.toMatch(/aria-roledescription="text mark"/);
  });

  it("names each run's worst drawdown in the legend, one entry a line", async () => {
    const { svg } = await renderSvg(underwater().spec);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['one: worst -20.0%', 'two: worst -20.1%']));
  });

  it("marks each run's trough with a dot at its depth on its day", async () => {
    const { svg } = await renderSvg(underwater().spec);
    const dots = [...svg.matchAll(/aria-roledescription="point"/g)];
    expect(dots).toHaveLength(2);
    expect(svg).toMatch(/date: 2021-01-03; depth: −0\.2; run: one;/);
    expect(svg).toMatch(/date: 2021-01-03; depth: −0\.201; run: two;/);
  });
});
