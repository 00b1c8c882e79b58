import { returnsFromEquity } from '../metrics/returns-from-equity.js';
import { chartNumber } from './series/chart-number.js';
import { instantLabel, instantResolution, type InstantResolution } from '../core/instant-resolution.js';
import { downsampleIndices } from './series/downsample-indices.js';
import { drawdownChartIndices, drawdownSeries } from './series/drawdown-series.js';
import { defaultRollingWindow, rollingSharpeAt } from './series/rolling-sharpe-series.js';
import { stepValuesAt } from './series/step-values-at.js';
import { compareCodeUnits } from '../core/stable-json.js';
import { allocationByAgentSpec } from './specs/allocation-by-agent.js';
import { allocationBySymbolSpec } from './specs/allocation-by-symbol.js';
import { decayMultipliersSpec, type MultiplierRow } from './specs/decay-multipliers.js';
import { equityDrawdownSpec, type EquityDrawdownRow } from './specs/equity-drawdown.js';
import { killEventsSpec, type KillEventRow } from './specs/kill-events.js';
import { rollingSharpeSpec, type RollingSharpeRow } from './specs/rolling-sharpe.js';
import type { ReportChart } from './specs/report-chart.js';
import { monthlyCells, yearlyBars } from './series/calendar-rows.js';
import { episodeMarks, underwaterRows } from './series/underwater-rows.js';
import { monthlyReturnsHeatmapSpec } from './specs/monthly-returns-heatmap.js';
import { underwaterSpec } from './specs/underwater.js';
import { yearlyReturnsBarsSpec } from './specs/yearly-returns-bars.js';
import type { WeightRow } from './specs/stacked-weights.js';
import type { KeyedSeries, RunDirData } from './read-run-dir.js';

/** Most points a single-series chart keeps (an even stride over the run, first and last kept). */
export const MAX_SERIES_POINTS = 5000;

/** Most data rows a multi-series chart keeps (time points x series). */
export const MAX_CHART_ROWS = 20_000;

function numberField(m: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = m[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** Returns rows (ts, date, series, weight) of the series that are ever non-zero on the grid, as-of each grid time, ordered by time then name. */
function weightRows(log: KeyedSeries, gridTs: Float64Array, initial: number, dropFlat: boolean, res: InstantResolution): { series: string; ts: number; date: string; value: number | null }[] {
  const values = stepValuesAt(log, log.keys.length, gridTs, initial);
  const keep = log.keys
    .map((name, k) => ({ name, k }))
    .filter(({ k }) => !dropFlat || (values[k] as Float64Array).some((x) => x !== 0))
    .sort((a, b) => compareCodeUnits(a.name, b.name) || a.k - b.k);
  const idx = downsampleIndices(gridTs.length, Math.max(2, Math.min(MAX_SERIES_POINTS, Math.floor(MAX_CHART_ROWS / Math.max(1, keep.length)))));
  const rows: { series: string; ts: number; date: string; value: number | null }[] = [];
  for (const g of idx) {
    const ts = gridTs[g] as number;
    for (const { name, k } of keep) rows.push({ series: name, ts, date: instantLabel(ts, res), value: chartNumber((values[k] as Float64Array)[g] as number) });
  }
  return rows;
}

/** Returns the resolution a run report prints instants at: what its equity points and kills need (instant-resolution.ts). */
export function runReportResolution(run: RunDirData): InstantResolution {
  return instantResolution(run.equity.tsMs, run.kills.map((k) => k.tsMs));
}

/**
 * Returns the nine charts of a run report (equity and drawdown, underwater with the worst
 * episodes, monthly returns heatmap, yearly returns, kills, allocation by agent and by symbol,
 * rolling Sharpe, decay multipliers), in page order; dates at `res` (runReportResolution).
 */
export function runReportCharts(run: RunDirData, res: InstantResolution = runReportResolution(run)): ReportChart[] {
  const { tsMs, equity } = run.equity;
  const initial = numberField(run.metrics, 'initial_equity', equity.length > 0 ? (equity[0] as number) : 1);
  const ppy = numberField(run.metrics, 'periods_per_year', 252);
  const dd = drawdownSeries(equity, initial);
  const idx = drawdownChartIndices(dd, MAX_SERIES_POINTS);
  const equityRows: EquityDrawdownRow[] = Array.from(idx, (i) => ({ ts: tsMs[i] as number, date: instantLabel(tsMs[i] as number, res), equity: chartNumber(equity[i] as number), drawdown: chartNumber(dd[i] as number) }));
  const kills: KillEventRow[] = run.kills.map((k) => ({ ts: k.tsMs, date: instantLabel(k.tsMs, res), kind: k.kind, who: k.agent !== '' ? k.agent : k.strategy, reason: k.reason }));
  const curve = new Float64Array(equity.length + 1);
  curve[0] = initial;
  curve.set(equity, 1);
  const returns = returnsFromEquity(curve);
  const window = defaultRollingWindow(returns.length, ppy);
  // only at the points the chart keeps: a window is a year of periods, the series can be millions
  const rolling = returns.length >= 2 ? rollingSharpeAt(returns, window, ppy, idx) : new Float64Array(idx.length);
  const sharpeRows: RollingSharpeRow[] = [];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] as number;
    const s = rolling[k] as number;
    if (returns.length >= 2 && Number.isFinite(s)) sharpeRows.push({ ts: tsMs[i] as number, date: instantLabel(tsMs[i] as number, res), sharpe: chartNumber(s) });
  }
  const asWeight = (r: { series: string; ts: number; date: string; value: number | null }): WeightRow => ({ ts: r.ts, date: r.date, series: r.series, weight: r.value });
  const multipliers: MultiplierRow[] = weightRows(run.multipliers, tsMs, 1, false, res).map((r) => ({ ts: r.ts, date: r.date, agent: r.series, multiplier: r.value }));
  const label = `${run.scenarioName || run.name}${run.variant !== '' ? ` (${run.variant})` : ''}`;
  const runName = run.scenarioName || run.name;
  return [
    { name: 'equity-drawdown', title: 'Equity and drawdown', spec: equityDrawdownSpec(equityRows, `Equity and drawdown: ${label}`) },
    { name: 'underwater', title: 'Underwater and worst drawdowns', spec: underwaterSpec(underwaterRows(tsMs, equity, initial, runName, MAX_SERIES_POINTS, res), episodeMarks(returns, tsMs, runName, res), [runName]) },
    { name: 'monthly-returns', title: 'Monthly returns', spec: monthlyReturnsHeatmapSpec(monthlyCells(returns, tsMs, runName), [runName]) },
    { name: 'yearly-returns', title: 'Yearly returns', spec: yearlyReturnsBarsSpec(yearlyBars(returns, tsMs, runName), [runName]) },
    { name: 'kill-events', title: 'Kill and retirement events', spec: killEventsSpec(equityRows.map((r) => ({ ts: r.ts, equity: r.equity })), kills, `Kills and retirements (${kills.length})`) },
    { name: 'allocation-by-agent', title: 'Allocation by agent', spec: allocationByAgentSpec(weightRows(run.agentWeights, tsMs, 0, true, res).map(asWeight)) },
    { name: 'allocation-by-symbol', title: 'Allocation by symbol', spec: allocationBySymbolSpec(weightRows(run.targets, tsMs, 0, true, res).map(asWeight)) },
    { name: 'rolling-sharpe', title: 'Rolling Sharpe', spec: rollingSharpeSpec(sharpeRows, window) },
    { name: 'decay-multipliers', title: 'Decay multipliers', spec: decayMultipliersSpec(multipliers) },
  ];
}
