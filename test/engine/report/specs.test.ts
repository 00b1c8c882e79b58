import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { compile } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReportCharts } from '../../../engine/report/run-report-charts.js';
import { reportOrder, sweepReportCharts, sweepTopTable } from '../../../engine/report/sweep-report-charts.js';
import { readableKillLabels, type KillEventRow } from '../../../engine/report/specs/kill-events.js';
import { compareCharts } from '../../../engine/report/compare-charts.js';
import { renderSvg } from '../../../engine/report/svg.js';
import { monthlyReturnsHeatmapSpec } from '../../../engine/report/specs/monthly-returns-heatmap.js';
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
  engineVersion: 'test',
  equity: { tsMs: ts, equity },
  agentWeights: { keys: ['a1', 'a2', 'a3'], tsMs: Float64Array.from([t0, t0, t0, t0 + 20 * DAY]), keyId: Int32Array.from([0, 1, 2, 1]), value: Float64Array.from([0.3, 0.4, 0, 0.1]) },
  targets: { keys: ['AAA', 'BBB'], tsMs: Float64Array.from([t0 + DAY, t0 + DAY, t0 + 30 * DAY]), keyId: Int32Array.from([0, 1, 0]), value: Float64Array.from([0.5, 0.2, 0.6]) },
  multipliers: { keys: ['a1', 'a2', 'a3'], tsMs: Float64Array.from([t0 + 10 * DAY, t0 + 15 * DAY]), keyId: Int32Array.from([0, 2]), value: Float64Array.from([0.8, 0.5]) },
  kills: [{ tsMs: t0 + 25 * DAY, kind: 'agent_retired', agent: 'a3', strategy: 'arb', reason: 'pnl_sum_bps -6000 <= -5000' }, { tsMs: t0 + 40 * DAY, kind: 'class_killed', agent: '', strategy: 'arb', reason: 'kill list' }],
  metrics: { initial_equity: 100, periods_per_year: 252 },
  initialEquity: 100,
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
  ...compareCharts([{ label: 'one', tsMs: ts, equity, initialEquity: 100 }, { label: 'two', tsMs: ts, equity: equity.map((e) => e * 1.01), initialEquity: 100 }]),
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
      'underwater',
      'monthly-returns',
      'yearly-returns',
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
      'compare-underwater',
      'compare-monthly-returns',
      'compare-yearly-returns',
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

  // Vega's local-time functions (timeFormat, a 'time' scale, local time units) follow the
  // machine's time zone: the same run's SVG would differ between two machines, a date by a day.
  it.each(charts.map((c) => [c.name, c] as const))('formats and scales every time of %s in UTC, never in the local time zone', (_name, c) => {
    const vega = JSON.stringify(compile(JSON.parse(JSON.stringify(c.spec))).spec);
    expect(vega.match(/\btime(Format|Parse|Offset|Sequence)\(|"type":"time"|"units":\[/g) ?? []).toEqual([]);
  });

  it('renders the same SVG bytes twice', async () => {
    const c = charts[0] as ReportChart;
    expect((await renderSvg(c.spec)).svg).toBe((await renderSvg(c.spec)).svg);
  });

  it('renders a chart with gradients and clip paths to the same bytes whatever the process rendered before (vega counts their ids process-wide)', async () => {
    const withDefs = charts.filter((c) => c.name.startsWith('sweep-heatmap') || c.name === 'monthly-returns');
    expect(withDefs.length).toBeGreaterThan(1);
    const first = await Promise.all(withDefs.map(async (c) => (await renderSvg(c.spec)).svg));
    expect(first.some((svg) => /gradient_0/.test(svg))).toBe(true);
    for (const c of [...charts, ...charts]) await renderSvg(c.spec);
    const again = [];
    for (const c of [...withDefs].reverse()) again.unshift((await renderSvg(c.spec)).svg);
    expect(again).toEqual(first);
  });

  it('labels a nonzero month under 0.05% with a significant digit, not as the 0.0% of a flat month', async () => {
    const cells = [
      { run: 'r', year: '2020', month: 'Jan', value: 0 },
      { run: 'r', year: '2020', month: 'Feb', value: 3.52e-5 },
      { run: 'r', year: '2020', month: 'Mar', value: -1.34e-4 },
      { run: 'r', year: '2020', month: 'Apr', value: 0.1234 },
    ];
    const texts = [...(await renderSvg(monthlyReturnsHeatmapSpec(cells, ['r']))).svg.matchAll(/<text[^>]*>([^<]*%)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['0.0%', '0.004%', '\u22120.01%', '12.3%']));
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

  it('labels each kill rule with the agent or class name on the chart, not only in a tooltip', () => {
    const spec = charts.find((c) => c.name === 'kill-events')?.spec as unknown as { layer: { mark: { type: string }; data: { values: { ts: number; label?: string }[] }; encoding: { text?: { field: string } } }[] };
    const text = spec.layer.find((l) => l.mark.type === 'text');
    expect(text?.encoding.text?.field).toBe('label');
    // the fixture's kills: a3 retired at day 25, class arb killed at day 40
    // (a JSON copy: rendering the spec above tags its rows with vega ids)
    expect(JSON.parse(JSON.stringify(text?.data.values))).toEqual([
      { ts: t0 + 25 * DAY, label: 'a3' },
      { ts: t0 + 40 * DAY, label: 'arb' },
    ]);
  });

  it('joins the names of kills at one time into one label', () => {
    const at = t0 + 5 * DAY;
    const kill = (who: string, kind: string): KillEventRow => ({ ts: at, date: '', kind, who, reason: '' });
    expect(readableKillLabels([kill('b2', 'agent_killed'), kill('a1', 'agent_retired'), kill('b2', 'agent_killed')], t0, t0 + 60 * DAY, 720)).toEqual({ labels: [{ ts: at, label: 'a1, b2' }], unlabelled: 0 });
  });

  it('leaves off a kill label that would come within 14 px of one drawn, and says how many times went unlabelled', () => {
    // 720 px over 60 days: 12 px a day, so labels 1.2 days apart (14.4 px) fit and one day apart (12 px) do not
    const k = (who: string, days: number): KillEventRow => ({ ts: t0 + days * DAY, date: '', kind: 'agent_killed', who, reason: '' });
    const got = readableKillLabels([k('a', 10), k('b', 10.5), k('c', 11), k('d', 11.9), k('e', 13)], t0, t0 + 60 * DAY, 720);
    // all of one name: left to right, a at 120 px, b (126) and c (132) too close, d at 142.8 (22.8 px on), e at 156 (13.2 px from d) too close
    expect(got.labels.map((l) => l.label)).toEqual(['a', 'd']);
    expect(got.unlabelled).toBe(3);
    const spec = runReportCharts({ ...run, kills: Array.from({ length: 30 }, (_, i) => ({ tsMs: t0 + (20 + i / 4) * DAY, kind: 'agent_killed', agent: `x${i}`, strategy: 'arb', reason: 'r' })) }).find((c) => c.name === 'kill-events')?.spec as unknown as { title: { subtitle: string[] } };
    // 30 kills a quarter day apart over 59 days (720 / 59 * 0.25 = 3.05 px): every fifth (15.3 px) is labelled, 6 of 30
    expect(spec.title.subtitle).toEqual(['names at 6 of 30 kill times, most names first, where they fit;', "each rule's tooltip and kills.arrow name every event"]);
  });

  it('labels the kill time of most names first, before an earlier one close to it', () => {
    // 12 px a day: a (1 name) at 120 px, b (3 names) at 126, c (1) at 142.8, d (2) at 156
    const k = (days: number, ...who: string[]): KillEventRow[] => who.map((w) => ({ ts: t0 + days * DAY, date: '', kind: 'agent_killed', who: w, reason: '' }));
    const got = readableKillLabels([...k(10, 'a'), ...k(10.5, 'b1', 'b2', 'b3'), ...k(11.9, 'c'), ...k(13, 'd1', 'd2')], t0, t0 + 60 * DAY, 720);
    // b first, then d (30 px from b); a is 6 px from b, c 13.2 px from d: left off
    expect(got.labels).toEqual([
      { ts: t0 + 10.5 * DAY, label: 'b1, b2, b3' },
      { ts: t0 + 13 * DAY, label: 'd1, d2' },
    ]);
    expect(got.unlabelled).toBe(2);
  });

  it('draws kill labels above the plot, 14 px or more apart, whatever the number of kills', async () => {
    // 200 kills at 97 distinct times bunched in the run's first third (ts spread by a fixed quadratic)
    const kills = Array.from({ length: 200 }, (_, i) => ({ tsMs: t0 + Math.floor(((i % 97) * (i % 97)) / 500) * DAY, kind: 'agent_retired', agent: `agent_${String(i).padStart(3, '0')}`, strategy: 'arb', reason: 'r' }));
    const spec = runReportCharts({ ...run, kills }).find((c) => c.name === 'kill-events')?.spec as ReportChart['spec'];
    const svg = (await renderSvg(spec)).svg;
    const anchors = [...svg.matchAll(/transform="translate\(([-\d.]+),([-\d.]+)\) rotate\(270\)[^"]*"[^>]*>[^<]+</g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
    expect(anchors.length).toBeGreaterThan(3);
    // the text runs up from its anchor at the plot's top edge (y 0): nothing of it inside the plot
    for (const p of anchors) expect(p.y).toBe(0);
    const xs = anchors.map((p) => p.x).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect((xs[i] as number) - (xs[i - 1] as number)).toBeGreaterThanOrEqual(14);
  });

  it('cuts a long kill label at a name and counts the names left out', () => {
    const names = Array.from({ length: 12 }, (_, i) => `momentum_${String(i).padStart(2, '0')}`);
    const got = readableKillLabels(names.map((who) => ({ ts: t0, date: '', kind: 'agent_killed', who, reason: '' })), t0, t0 + DAY, 720);
    // 'momentum_00' + ' +11 more' is 20 characters; a second name makes 24 + ' +10 more' = 33, past 32
    expect(got.labels).toEqual([{ ts: t0, label: 'momentum_00 +11 more' }]);
  });

  it('colours every kill kind, agent_retired included, apart from the equity line', () => {
    const spec = charts.find((c) => c.name === 'kill-events')?.spec as unknown as { layer: { mark: { type: string; color?: string }; encoding: { color?: { scale: { domain?: string[]; range?: string[] } } } }[] };
    const line = spec.layer.find((l) => l.mark.type === 'line')?.mark.color;
    const scale = spec.layer.find((l) => l.mark.type === 'rule')?.encoding.color?.scale;
    expect(scale?.domain).toEqual(['agent_killed', 'agent_retired', 'class_killed', 'class_retired']);
    expect(new Set(scale?.range).size).toBe(4);
    expect(scale?.range).not.toContain(line);
    expect(line).toBe('#4c78a8');
  });

  it('facets the sweep heatmaps by the third parameter instead of averaging over it', () => {
    // c alone separates the results: sharpe -1 at c = 0, +1 at c = 1 (a and b add 0.01 a + 0.001 b).
    // Averaged over c every cell would read ~0; faceted, each panel shows its own sign.
    const t: SweepTable = {
      configIds: ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'],
      params: [
        { path: 'a', values: [1, 1, 1, 1, 2, 2, 2, 2] },
        { path: 'b', values: [1, 1, 2, 2, 1, 1, 2, 2] },
        { path: 'c', values: [0, 1, 0, 1, 0, 1, 0, 1] },
      ],
      metrics: new Map([
        ['sharpe', Float64Array.from([-0.989, 1.011, -0.988, 1.012, -0.979, 1.021, -0.978, 1.022])],
        ['max_drawdown', new Float64Array(8).fill(0.1)],
      ]),
    };
    const spec = sweepReportCharts(t, null).find((c) => c.name === 'sweep-heatmap-sharpe')?.spec as unknown as { facet: { field: string; title: string }; data: { values: { facet: string; x: string; y: string; value: number; n: number }[] } };
    expect(validate(JSON.parse(JSON.stringify(spec))), JSON.stringify(errorsOf())?.slice(0, 2000)).toBe(true);
    expect(spec.facet).toMatchObject({ field: 'facet', title: 'c' });
    const cells = spec.data.values;
    expect(cells).toHaveLength(8);
    expect(cells.every((c) => c.n === 1)).toBe(true);
    expect(cells.filter((c) => c.facet === '0').map((c) => c.value)).toEqual([-0.989, -0.988, -0.979, -0.978]);
    expect(cells.filter((c) => c.facet === '1').map((c) => c.value)).toEqual([1.011, 1.012, 1.021, 1.022]);
  });

  it('draws a single heatmap panel with two swept parameters', () => {
    const two: SweepTable = { ...sweep, params: sweep.params.slice(0, 2) };
    const spec = sweepReportCharts(two, null).find((c) => c.name === 'sweep-heatmap-sharpe')?.spec as unknown as Record<string, unknown>;
    expect(validate(JSON.parse(JSON.stringify(spec))), JSON.stringify(errorsOf())?.slice(0, 2000)).toBe(true);
    expect(spec['facet']).toBeUndefined();
  });

  it('formats the drawdown heatmap legend in percent, like its cells', () => {
    const spec = charts.find((c) => c.name === 'sweep-heatmap-max-drawdown')?.spec as unknown as { spec: { layer: { mark: { type: string }; encoding: { color?: { legend?: { format: string } }; text?: { format: string } } }[] } };
    const rect = spec.spec.layer.find((l) => l.mark.type === 'rect');
    const text = spec.spec.layer.find((l) => l.mark.type === 'text');
    expect(text?.encoding.text?.format).toBe('.1%');
    expect(rect?.encoding.color?.legend?.format).toBe('.1%');
  });

  it('names the top equity curves of a sweep by their parameter values, not their config ids', () => {
    const spec = charts.find((c) => c.name === 'sweep-top-equity')?.spec as unknown as { data: { values: { run: string }[] }; vconcat: { encoding: { color: { title: string; sort: string[] } } }[] };
    const legend = spec.vconcat[0]?.encoding.color;
    expect(legend?.title).toBe('configuration');
    // best Sharpe = 10 a - b: c3 (a 0.25, b 0.05), then c6 (0.25, 0.1), c2 (0.2, 0.05), c5, c1
    expect(legend?.sort[0]).toBe('max_agent_weight=0.25, cash_buffer=0.05, variant=y');
    expect(legend?.sort).toHaveLength(5);
    expect(spec.data.values.some((r) => /^c\d$/.test(r.run))).toBe(false);
  });
});

describe('run report charts of many agents', () => {
  // 25 agents a01..a25, agent k holding k/1000 of capital from t0 (its peak), a multiplier each
  const names = Array.from({ length: 25 }, (_, k) => `a${String(k + 1).padStart(2, '0')}`);
  const many: RunDirData = {
    ...run,
    agentWeights: { keys: names, tsMs: new Float64Array(25).fill(t0), keyId: Int32Array.from(names, (_, k) => k), value: Float64Array.from(names, (_, k) => (k + 1) / 1000) },
    multipliers: { keys: names, tsMs: new Float64Array(25).fill(t0 + DAY), keyId: Int32Array.from(names, (_, k) => k), value: new Float64Array(25).fill(0.9) },
  };
  const byName = (c: ReportChart): Record<string, unknown> => c.spec as unknown as Record<string, unknown>;
  const manyCharts = runReportCharts(many);
  const chart = (name: string): ReportChart => manyCharts.find((c) => c.name === name) as ReportChart;
  const values = (c: ReportChart): Record<string, unknown>[] => (byName(c)['data'] as { values: Record<string, unknown>[] }).values;

  it("draws at most 20 series: the 19 agents of largest peak weight and 'other (6 agents)' summing the rest, and says so under the title", () => {
    const c = chart('allocation-by-agent');
    const series = [...new Set(values(c).map((r) => r['series'] as string))];
    expect(series).toEqual([...names.slice(6), 'other (6 agents)']);
    // the others a01..a06 hold (1 + 2 + ... + 6) / 1000 at every point
    for (const r of values(c).filter((x) => x['series'] === 'other (6 agents)')) expect(r['weight']).toBeCloseTo(0.021, 12);
    expect(byName(c)['title']).toEqual({ text: 'Allocation by agent', subtitle: "the 19 agents of largest peak weight, the other 6 summed as 'other (6 agents)' (at most 20 series)" });
    // stacked with the summed series on top
    expect(values(c).find((r) => r['series'] === 'other (6 agents)')?.['stack']).toBe(19);
  });

  it('draws the multipliers of the agents the allocation chart names, not a sum of multipliers', () => {
    const c = chart('decay-multipliers');
    expect([...new Set(values(c).map((r) => r['agent'] as string))]).toEqual(names.slice(6));
    expect((byName(c)['title'] as { subtitle: string }).subtitle).toBe('the 19 agents the allocation chart names, the other 6 not drawn (at most 20 series)');
  });

  it.each(['allocation-by-agent', 'decay-multipliers'])('validates and renders the capped %s chart without warnings', async (name) => {
    const c = chart(name);
    expect(validate(JSON.parse(JSON.stringify(c.spec))), JSON.stringify(errorsOf(), null, 1)?.slice(0, 2000)).toBe(true);
    expect((await renderSvg(c.spec)).warnings).toEqual([]);
  });

  it('counts the agents that never held weight in the capped subtitle, so its numbers add up to the roster', () => {
    // a01..a25 as above plus z1..z3 at 0 throughout: 19 shown + 6 summed + 3 never held = 28
    const flatNames = [...names, 'z1', 'z2', 'z3'];
    const withFlat: RunDirData = { ...many, agentWeights: { keys: flatNames, tsMs: new Float64Array(28).fill(t0), keyId: Int32Array.from(flatNames, (_, k) => k), value: Float64Array.from(flatNames, (_, k) => (k < 25 ? (k + 1) / 1000 : 0)) } };
    const c = runReportCharts(withFlat).find((x) => x.name === 'allocation-by-agent') as ReportChart;
    expect((byName(c)['title'] as { subtitle: string }).subtitle).toBe("the 19 agents of largest peak weight, the other 6 summed as 'other (6 agents)'; 3 never held weight, not drawn (at most 20 series)");
  });

  it('keeps a chart of at most 20 series as it was: no subtitle, no stack field', () => {
    const c = charts.find((x) => x.name === 'allocation-by-agent') as ReportChart;
    expect(byName(c)['title']).toBe('Allocation by agent');
    expect(values(c).every((r) => !('stack' in r))).toBe(true);
  });
});

describe('sweep report ranking', () => {
  it("orders the top table and the top curves by the sweep's rank (its objective), not by Sharpe, when results carry one", () => {
    // objective max_drawdown, minimize: c1 (0.2) best, then c4 and c2 (0.25, by config id), ...; c6 failed (no rank)
    const ranked: SweepTable = { ...sweep, metrics: new Map([...sweep.metrics, ['rank', Float64Array.from([1, 3, 4, 2, 5, Number.NaN])]]) };
    expect(reportOrder(ranked).order).toEqual([0, 3, 1, 2, 4, 5]);
    const table = sweepTopTable(ranked, 3);
    expect(table.caption).toBe("Top 3 of 6 configurations by the sweep's objective (rank)");
    expect(table.rows.map((r) => r.slice(0, 2))).toEqual([['1', 'c1'], ['2', 'c4'], ['3', 'c2']]);
    const top = sweepReportCharts(ranked, curves, { top: 2 }).find((c) => c.name === 'sweep-top-equity');
    expect(top?.title).toBe("Equity and drawdown of the top 2 configurations by the sweep's objective (rank)");
    // without a rank column (an older results table): by Sharpe, as before
    expect(sweepTopTable(sweep, 3).caption).toBe('Top 3 of 6 configurations by Sharpe');
    expect(reportOrder(sweep).order[0]).toBe(2);
  });

  it("says 'failed' in the top table's vs best column for a configuration that failed (its rank, vs_best and figures are empty), not a blank", () => {
    const ranked: SweepTable = {
      ...sweep,
      metrics: new Map([...sweep.metrics, ['rank', Float64Array.from([1, 3, 4, 2, 5, Number.NaN])]]),
      vsBest: ['best', 'within_noise', 'distinct', 'within_noise', 'distinct', null],
      status: ['ok', 'ok', 'ok', 'ok', 'ok', 'failed'],
    };
    const rows = sweepTopTable(ranked, 6).rows;
    expect(rows.map((r) => [r[1], r[2]])).toEqual([['best', 'c1'], ['within noise', 'c4'], ['within noise', 'c2'], ['distinct', 'c3'], ['distinct', 'c5'], ['failed', 'c6']]);
  });
});

describe('time axes at the run resolution', () => {
  // every temporal x encoding anywhere in a spec (layers, vconcat panels)
  const temporalFormats = (spec: unknown): string[] => {
    const out: string[] = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) for (const y of x) walk(y);
      else if (x !== null && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (o['type'] === 'temporal') out.push(((o['axis'] ?? {}) as { format?: string }).format ?? '(none)');
        for (const v of Object.values(o)) walk(v);
      }
    };
    walk(spec);
    return out;
  };
  const HOUR = 3_600_000;
  const hourly = Float64Array.from({ length: n }, (_, i) => t0 + i * HOUR);
  const hourlyRun: RunDirData = { ...run, equity: { tsMs: hourly, equity }, kills: [{ ...run.kills[0]!, tsMs: t0 + 25 * HOUR }] };
  const hourlyCharts = [
    ...runReportCharts(hourlyRun),
    ...compareCharts([{ label: 'one', tsMs: hourly, equity, initialEquity: 100 }, { label: 'two', tsMs: hourly, equity: equity.map((e) => e * 1.01), initialEquity: 100 }]),
    ...sweepReportCharts(sweep, { ...curves, tsMs: sweep.configIds.map(() => hourly) }),
  ];

  it('labels the time axes of an hourly run with the hour, so two ticks of one day never read the same', () => {
    const formats = hourlyCharts.flatMap((c) => temporalFormats(c.spec));
    expect(formats.length).toBeGreaterThanOrEqual(12);
    expect(new Set(formats)).toEqual(new Set(['%Y-%m-%d %H:%M']));
  });

  it('labels the time axes of a daily run with the date alone', () => {
    expect(new Set(charts.flatMap((c) => temporalFormats(c.spec)))).toEqual(new Set(['%Y-%m-%d']));
  });

  it('renders distinct tick labels on an hourly equity chart over two and a half days', async () => {
    const svg = (await renderSvg((hourlyCharts.find((c) => c.name === 'equity-drawdown') as ReportChart).spec)).svg;
    // the axis labels of the lower panel (the upper one has none drawn twice): each names a day and an hour
    const labels = [...svg.matchAll(/>(\d{4}-\d{2}-\d{2}[^<]*)</g)].map((m) => m[1] as string);
    expect(labels.length).toBeGreaterThan(2);
    for (const l of labels) expect(l).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const perPanel = labels.slice(0, labels.length / 2);
    expect(new Set(perPanel).size).toBe(perPanel.length);
  });
});
