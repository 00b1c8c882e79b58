import { instantResolution } from '../core/instant-resolution.js';
import { compareRows } from './compare-rows.js';
import { formatMetric } from './format-metric.js';
import type { HtmlTable } from './html.js';
import { chartNumber } from './series/chart-number.js';
import { heatmapCells } from './series/heatmap-cells.js';
import { paretoFrontier } from './series/pareto-frontier.js';
import { sensitivityGroups } from './series/sensitivity-groups.js';
import { compareEquitySpec } from './specs/compare-equity.js';
import type { ReportChart } from './specs/report-chart.js';
import type { TopLevelSpec } from 'vega-lite';
import { sweepHeatmapSpec } from './specs/sweep-heatmap.js';
import { sweepParetoSpec, type ParetoRow } from './specs/sweep-pareto.js';
import { sweepSensitivitySpec } from './specs/sweep-sensitivity.js';
import { distinctParamValues, paramLabel, type SweepCurves, type SweepParamColumn, type SweepTable } from './sweep-table.js';

/** Choices of a sweep report: the heatmap's two parameters (default: the two with the most values) and how many configurations the top table and curves show. */
export interface SweepReportOptions {
  readonly x?: string;
  readonly y?: string;
  readonly top?: number;
}

/** The heatmaps' axes and facet (one panel per value; null = a single panel). */
export interface HeatmapParams {
  readonly x: SweepParamColumn;
  readonly y: SweepParamColumn;
  readonly facet: SweepParamColumn | null;
}

/**
 * Returns the heatmap's x and y parameters (the named ones, else the two with the most
 * distinct values; ties: column order) and its facet: the remaining parameter with the most
 * values (one panel per value), null with only two; null with fewer than two parameters.
 */
export function chooseHeatmapParams(params: readonly SweepParamColumn[], x?: string, y?: string): HeatmapParams | null {
  const byPath = (p: string | undefined): SweepParamColumn | undefined => (p === undefined ? undefined : params.find((c) => c.path === p));
  const ranked = params
    .map((p, i) => ({ p, i, k: distinctParamValues(p.values).length }))
    .sort((a, b) => b.k - a.k || a.i - b.i)
    .map((r) => r.p);
  const xs = byPath(x) ?? ranked.find((p) => p.path !== y);
  const ys = byPath(y) ?? ranked.find((p) => p !== xs);
  if (xs === undefined || ys === undefined || xs === ys) return null;
  return { x: xs, y: ys, facet: ranked.find((p) => p !== xs && p !== ys) ?? null };
}

function metricOf(t: SweepTable, name: string): Float64Array {
  return t.metrics.get(name) ?? new Float64Array(t.configIds.length).fill(Number.NaN);
}

function paramsText(t: SweepTable, i: number): string {
  return t.params.map((p) => `${p.path}=${paramLabel(p.values[i] ?? null)}`).join(', ');
}

/**
 * Returns a top curve's legend label: its swept parameter values, each named by the last
 * segment of its path when those are distinct (max_weight=0.25, cash_buffer=0.2), else by the
 * path; its config id when nothing was swept.
 */
function curveLabel(t: SweepTable, row: number): string {
  if (t.params.length === 0) return t.configIds[row] ?? '';
  const leaves = t.params.map((p) => p.path.slice(p.path.lastIndexOf('.') + 1));
  const names = new Set(leaves).size === leaves.length ? leaves : t.params.map((p) => p.path);
  return t.params.map((p, k) => `${names[k] ?? p.path}=${paramLabel(p.values[row] ?? null)}`).join(', ');
}

/** Returns row indices by Sharpe, best first (undefined last; ties by config id). */
export function rankBySharpe(t: SweepTable): number[] {
  const s = metricOf(t, 'sharpe');
  const key = (i: number): number => (Number.isFinite(s[i] as number) ? (s[i] as number) : -Infinity);
  return t.configIds.map((_, i) => i).sort((a, b) => key(b) - key(a) || ((t.configIds[a] ?? '') < (t.configIds[b] ?? '') ? -1 : 1));
}

/**
 * Returns row indices in the sweep's own ranking (the `rank` column: its objective and direction,
 * summary.json's best first; unranked last, by Sharpe) and what it ranks by, or by Sharpe for a
 * table without ranks: a report that ranked by Sharpe when the sweep's objective was another
 * metric showed a different "top" than the sweep's best.
 */
export function reportOrder(t: SweepTable): { readonly order: number[]; readonly by: string } {
  const rank = t.metrics.get('rank');
  const bySharpe = rankBySharpe(t);
  if (rank === undefined || !rank.some((r) => Number.isFinite(r))) return { order: bySharpe, by: 'Sharpe' };
  const at = new Int32Array(bySharpe.length);
  bySharpe.forEach((row, k) => (at[row] = k));
  const key = (i: number): number => (Number.isFinite(rank[i] as number) ? (rank[i] as number) : Infinity);
  return { order: t.configIds.map((_, i) => i).sort((a, b) => key(a) - key(b) || (at[a] as number) - (at[b] as number)), by: "the sweep's objective (rank)" };
}

/**
 * Returns the top-configurations table: rank, each one against the best (vs best: within noise,
 * distinct, ...; when the table has the column), config id, parameters, Sharpe, max drawdown,
 * Calmar, total return, kills and retirements.
 */
export function sweepTopTable(t: SweepTable, top: number): HtmlTable {
  const metrics = ['sharpe', 'max_drawdown', 'calmar', 'total_return', 'n_kills'];
  const { order, by } = reportOrder(t);
  const ranked = t.metrics.has('rank') ? ['rank'] : [];
  const vs = t.vsBest;
  // a failed configuration has no rank and no vs_best: say why its figures are n/a
  const vsCell = (i: number): string[] => (vs === undefined ? [] : [(vs[i] ?? (t.status?.[i] === 'failed' ? 'failed' : '')).replaceAll('_', ' ')]);
  return {
    caption: `Top ${Math.min(top, t.configIds.length)} of ${t.configIds.length} configurations by ${by}`,
    columns: [...ranked, ...(vs === undefined ? [] : ['vs best']), 'config_id', ...t.params.map((p) => p.path), ...metrics],
    rows: order
      .slice(0, top)
      .map((i) => [...ranked.map((m) => formatMetric(m, metricOf(t, m)[i] ?? null)), ...vsCell(i), t.configIds[i] ?? '', ...t.params.map((p) => paramLabel(p.values[i] ?? null)), ...metrics.map((m) => formatMetric(m, metricOf(t, m)[i] ?? null))]),
  };
}

/** Returns the Sharpe and max drawdown heatmaps over the pair, one panel per facet value. */
function heatmapCharts(pair: HeatmapParams, sharpe: Float64Array, mdd: Float64Array): ReportChart[] {
  const facet = pair.facet ?? undefined;
  const order = (c: SweepParamColumn | null): string[] => (c === null ? [] : distinctParamValues(c.values).map(paramLabel));
  return ([['sharpe', sharpe, true], ['max_drawdown', mdd, false]] as const).map(([metric, values, higher]) => {
    const cells = heatmapCells(pair.x, pair.y, values, facet).map((c) => ({ facet: facet === undefined ? '' : paramLabel(c.facet), x: paramLabel(c.x), y: paramLabel(c.y), value: chartNumber(c.stats.mean), n: c.stats.n }));
    const spec = sweepHeatmapSpec(cells, {
      xParam: pair.x.path,
      yParam: pair.y.path,
      facetParam: pair.facet?.path ?? null,
      metric,
      aggregate: 'mean',
      higherIsBetter: higher,
      xOrder: order(pair.x),
      yOrder: order(pair.y),
      facetOrder: order(pair.facet),
    });
    return { name: `sweep-heatmap-${metric.replace('_', '-')}`, title: `Heatmap: ${metric}`, spec };
  });
}

/**
 * Returns the Pareto chart of a sweep. The frontier is found on the values drawn (6 significant
 * digits, chartNumber): two configurations a swept parameter does not change differ in the 14th
 * digit, and on the full values one was marked dominated by a point drawn on top of it.
 */
function paretoChart(t: SweepTable, sharpe: Float64Array, mdd: Float64Array): TopLevelSpec {
  const drawnSharpe = sharpe.map((x) => chartNumber(x) ?? Number.NaN);
  const drawnMdd = mdd.map((x) => chartNumber(x) ?? Number.NaN);
  const frontier = paretoFrontier(drawnMdd, drawnSharpe);
  const isDrawn = (i: number): boolean => !Number.isNaN(drawnSharpe[i] as number) && !Number.isNaN(drawnMdd[i] as number);
  // configurations per drawn point, keyed by its two numbers as text (exact: both are rounded already)
  const here = new Map<string, number>();
  const keyOf = (i: number): string => `${drawnMdd[i] as number} ${drawnSharpe[i] as number}`;
  for (let i = 0; i < t.configIds.length; i++) if (isDrawn(i)) here.set(keyOf(i), (here.get(keyOf(i)) ?? 0) + 1);
  const pareto: ParetoRow[] = t.configIds.map((id, i) => ({
    config_id: id,
    params: paramsText(t, i),
    sharpe: chartNumber(sharpe[i] as number),
    max_drawdown: chartNumber(mdd[i] as number),
    frontier: frontier[i] === 1 ? 'Pareto frontier' : 'dominated',
    configs_here: isDrawn(i) ? (here.get(keyOf(i)) ?? 1) : 0,
  }));
  const notDrawn = t.configIds.length - t.configIds.filter((_, i) => isDrawn(i)).length;
  return sweepParetoSpec(pareto, notDrawn);
}

/** Returns the sweep report's charts: Sharpe and max drawdown heatmaps (with two or more parameters), the Pareto scatter, per-parameter sensitivity, and the top curves (when curves exist). */
export function sweepReportCharts(t: SweepTable, curves: SweepCurves | null, opts: SweepReportOptions = {}): ReportChart[] {
  const charts: ReportChart[] = [];
  const sharpe = metricOf(t, 'sharpe');
  const mdd = metricOf(t, 'max_drawdown');
  const pair = chooseHeatmapParams(t.params, opts.x, opts.y);
  if (pair !== null) charts.push(...heatmapCharts(pair, sharpe, mdd));
  charts.push({ name: 'sweep-pareto', title: 'Sharpe vs max drawdown', spec: paretoChart(t, sharpe, mdd) });
  const groups = sensitivityGroups(t.params, sharpe).map((g) => ({ param: g.param, value: paramLabel(g.value), order: g.order, mean: chartNumber(g.stats.mean), min: chartNumber(g.stats.min), max: chartNumber(g.stats.max), n: g.stats.n }));
  charts.push({ name: 'sweep-sensitivity', title: 'Sensitivity of Sharpe per parameter', spec: sweepSensitivitySpec(groups, 'sharpe') });
  if (curves !== null) {
    const { order, by } = reportOrder(t);
    const want = order.slice(0, Math.min(opts.top ?? 5, 10)).map((i) => t.configIds[i] ?? '');
    const initial = metricOf(t, 'initial_equity');
    const picked = want.flatMap((id) => {
      const k = curves.configIds.indexOf(id);
      const row = t.configIds.indexOf(id);
      const init = initial[row] as number;
      return k < 0 ? [] : [{ label: curveLabel(t, row), tsMs: curves.tsMs[k] as Float64Array, equity: curves.equity[k] as Float64Array, initialEquity: Number.isFinite(init) ? init : ((curves.equity[k] as Float64Array)[0] ?? 1) }];
    });
    const pickedRes = instantResolution(...picked.map((p) => p.tsMs));
    if (picked.length > 0) charts.push({ name: 'sweep-top-equity', title: `Equity and drawdown of the top ${picked.length} configurations by ${by}`, spec: compareEquitySpec(compareRows(picked, pickedRes), picked.map((p) => p.label), pickedRes, 'configuration') });
  }
  return charts;
}
