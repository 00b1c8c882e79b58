import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReportCharts } from '../../../engine/report/run-report-charts.js';
import { sweepReportCharts } from '../../../engine/report/sweep-report-charts.js';
import { compareEquitySpec } from '../../../engine/report/specs/compare-equity.js';
import { compareRows } from '../../../engine/report/compare-rows.js';
import { renderSvg } from '../../../engine/report/svg.js';
import type { ReportChart } from '../../../engine/report/specs/report-chart.js';
import type { RunDirData } from '../../../engine/report/read-run-dir.js';
import type { SweepTable } from '../../../engine/report/sweep-table.js';

const DAY = 86_400_000;
const t0 = Date.UTC(2021, 0, 1);
const n = 60;
const ts = Float64Array.from({ length: n }, (_, i) => t0 + i * DAY);
const equity = Float64Array.from({ length: n }, (_, i) => 100 * (1 + 0.004 * i) * (1 + 0.03 * Math.sin(i / 3)));

const run: RunDirData = {
  name: 'fixture',
  scenarioName: 'fixture',
  variant: 'risk-penalized',
  equity: { tsMs: ts, equity },
  agentWeights: { keys: ['a1', 'a2', 'a3'], tsMs: Float64Array.from([t0, t0, t0, t0 + 20 * DAY]), keyId: Int32Array.from([0, 1, 2, 1]), value: Float64Array.from([0.3, 0.4, 0, 0.1]) },
  targets: { keys: ['AAA', 'BBB'], tsMs: Float64Array.from([t0 + DAY, t0 + DAY, t0 + 30 * DAY]), keyId: Int32Array.from([0, 1, 0]), value: Float64Array.from([0.5, 0.2, 0.6]) },
  multipliers: { keys: ['a1', 'a2', 'a3'], tsMs: Float64Array.from([t0 + 10 * DAY, t0 + 15 * DAY]), keyId: Int32Array.from([0, 2]), value: Float64Array.from([0.8, 0.5]) },
  kills: [{ tsMs: t0 + 25 * DAY, kind: 'agent_retired', agent: 'a3', strategy: 'arb', reason: 'pnl_sum_bps -6000 <= -5000' }, { tsMs: t0 + 40 * DAY, kind: 'class_killed', agent: '', strategy: 'arb', reason: 'kill list' }],
  metrics: { initial_equity: 100, periods_per_year: 252 },
};

const a = [0.15, 0.2, 0.25, 0.15, 0.2, 0.25];
const b = [0.05, 0.05, 0.05, 0.1, 0.1, 0.1];
const sweep: SweepTable = {
  configIds: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'],
  params: [
    { path: 'allocator.max_agent_weight', values: a },
    { path: 'targets.cash_buffer', values: b },
    { path: 'allocator.variant', values: ['x', 'x', 'y', 'y', 'x', 'y'] },
  ],
  metrics: new Map([
    ['sharpe', Float64Array.from(a, (x, i) => 10 * x - (b[i] as number))],
    ['max_drawdown', Float64Array.from(a, (x, i) => x + (b[i] as number))],
    ['initial_equity', new Float64Array(6).fill(100)],
  ]),
};
const curves = { configIds: sweep.configIds, tsMs: sweep.configIds.map(() => ts), equity: sweep.configIds.map((_, k) => equity.map((e) => e * (1 + 0.01 * k))) };

const charts: ReportChart[] = [
  ...runReportCharts(run),
  ...sweepReportCharts(sweep, curves),
  { name: 'compare-equity', title: 'compare', spec: compareEquitySpec(compareRows([{ label: 'one', tsMs: ts, equity, initialEquity: 100 }, { label: 'two', tsMs: ts, equity: equity.map((e) => e * 1.01), initialEquity: 100 }]), ['one', 'two']) },
];

let validate: (x: unknown) => boolean;
let errorsOf: () => unknown;
beforeAll(() => {
  const schema = JSON.parse(readFileSync('node_modules/vega-lite/build/vega-lite-schema.json', 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const v = ajv.compile(schema);
  validate = (x) => v(x) === true;
  errorsOf = () => v.errors;
});

describe('report specs', () => {
  it('builds every chart of the run, sweep and compare reports', () => {
    expect(charts.map((c) => c.name)).toEqual([
      'equity-drawdown',
      'kill-events',
      'allocation-by-agent',
      'allocation-by-symbol',
      'rolling-sharpe',
      'decay-multipliers',
      'sweep-heatmap-sharpe',
      'sweep-heatmap-max-drawdown',
      'sweep-pareto',
      'sweep-sensitivity',
      'sweep-top-equity',
      'compare-equity',
    ]);
  });

  it.each(charts.map((c) => [c.name, c] as const))('validates %s against the Vega-Lite schema', (_name, c) => {
    const ok = validate(JSON.parse(JSON.stringify(c.spec)));
    expect(ok, JSON.stringify(errorsOf(), null, 1)?.slice(0, 2000)).toBe(true);
  });

  it.each(charts.map((c) => [c.name, c] as const))('renders %s to SVG in Node without warnings', async (_name, c) => {
    const { svg, warnings } = await renderSvg(c.spec);
    expect(warnings).toEqual([]);
    expect(svg.startsWith('<svg')).toBe(true);
    const m = /width="(\d+)" height="(\d+)"/.exec(svg);
    expect(Number(m?.[1])).toBeGreaterThan(100);
    expect(Number(m?.[2])).toBeGreaterThan(50);
    expect(svg).toMatch(/<path|<rect|<line/);
  });

  it('renders the same SVG bytes twice', async () => {
    const c = charts[0] as ReportChart;
    expect((await renderSvg(c.spec)).svg).toBe((await renderSvg(c.spec)).svg);
  });

  it('drops the agents that never hold capital from the stacked allocation', () => {
    const spec = charts.find((c) => c.name === 'allocation-by-agent')?.spec as unknown as { data: { values: { series: string }[] } };
    expect([...new Set(spec.data.values.map((r) => r.series))]).toEqual(['a1', 'a2']);
  });

  it('marks the Pareto frontier of Sharpe against max drawdown', () => {
    const spec = charts.find((c) => c.name === 'sweep-pareto')?.spec as unknown as { data: { values: { config_id: string; frontier: string }[] } };
    // sharpe = 10a - b, drawdown = a + b: at b = 0.05 each step up in a buys Sharpe with drawdown, so c1..c3 are the frontier.
    expect(spec.data.values.filter((r) => r.frontier === 'Pareto frontier').map((r) => r.config_id)).toEqual(['c1', 'c2', 'c3']);
  });
});
