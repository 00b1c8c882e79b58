import { returnsFromEquity } from '../metrics/returns-from-equity.js';
import { chartNumber } from './series/chart-number.js';
import { instantLabel, instantResolution, type InstantResolution } from '../core/instant-resolution.js';
import { deepestDrawdownIndices, drawdownSeries } from './series/drawdown-series.js';
import { pixelBoundedIndices } from './series/pixel-column-extremes.js';
import { pixelBoundNote } from './specs/bounded-chart-notes.js';
import { defaultRollingWindow, rollingSharpeAll, rollingSharpeAt } from './series/rolling-sharpe-series.js';
import { chooseSeries, MAX_CHART_SERIES, otherLabel, peakAbsAt, seriesPointsAt, type SeriesChoice } from './series/capped-series-rows.js';
import { compareCodeUnits } from '../core/stable-json.js';
import { groupThousands } from '../core/group-thousands.js';
import { calendarPeriodUnit } from './series/calendar-periods.js';
import { seriesPeriodMeans } from './series/period-means.js';
import { CHART_WIDTH } from './specs/chart-defaults.js';
import { allocationByAgentSpec } from './specs/allocation-by-agent.js';
import { allocationBySymbolSpec } from './specs/allocation-by-symbol.js';
import { decayMultipliersSpec, type MultiplierRow } from './specs/decay-multipliers.js';
import { equityDrawdownSpec, type EquityDrawdownRow } from './specs/equity-drawdown.js';
import { killEventsSpec, type KillEventRow } from './specs/kill-events.js';
import { rollingSharpeSpec, type RollingSharpeRow } from './specs/rolling-sharpe.js';
import type { ReportChart } from './specs/report-chart.js';
import { monthlyCells, yearlyBars } from './series/calendar-rows.js';
import { episodeMarks, underwaterRowsAt } from './series/underwater-rows.js';
import { monthlyReturnsHeatmapSpec } from './specs/monthly-returns-heatmap.js';
import { underwaterSpec } from './specs/underwater.js';
import { yearlyReturnsBarsSpec } from './specs/yearly-returns-bars.js';
import type { WeightRow } from './specs/stacked-weights.js';
import type { BoundedChartNotes } from './specs/bounded-chart-notes.js';
import type { KeyedSeries, RunDirData } from './read-run-dir.js';

function numberField(m: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = m[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/**
 * Most time steps a multi-series chart draws per series: one per 4 px of its width, as the kill
 * chart's period bars (narrower steps of 20 stacked bands do not read). Past it,
 * each series' mean per calendar period (the shortest of minute .. year spanning at most this
 * many), so the chart's size follows its pixels, not agents x equity points: 20 series of a
 * 90-day hourly run wrote 20,000 rows, 3.1 MB of spec and 1.2 MB of SVG per chart (now 1,820).
 */
export const MAX_STEPS_PER_SERIES = CHART_WIDTH / 4;

/** One row of a multi-series chart; `stack` (the series' place, the summed one last) only when the chart is capped. */
type SeriesRow = { series: string; ts: number; date: string; value: number | null; stack?: number };

/** A multi-series chart's rows, the series it names, what it says it left out (undefined when it draws every series) and the period it averaged over (undefined: every equity point drawn). */
interface SeriesRows {
  readonly rows: readonly SeriesRow[];
  readonly shown: readonly string[];
  readonly note: string | undefined;
  readonly periodUnit: string | undefined;
}

/**
 * Returns rows (ts, date, series, value) of a change log as-of each grid time (past
 * MAX_STEPS_PER_SERIES grid times, each series' mean per calendar period, period-means.ts, the
 * period in `periodUnit`), ordered by time then name: every series (with `dropFlat`, every one ever non-zero), or past MAX_CHART_SERIES
 * the largest by peak |value| plus one summing the rest (capped-series-rows.ts), said in `note`.
 * `only` (used past MAX_CHART_SERIES keys): draw these names alone, the rest left out, not summed.
 */
function seriesRows(log: KeyedSeries, gridTs: Float64Array, initial: number, dropFlat: boolean, res: InstantResolution, noun: string, only?: ReadonlySet<string>): SeriesRows {
  const names = log.keys;
  const byName = (a: number, b: number): number => compareCodeUnits(names[a] as string, names[b] as string) || a - b;
  const choice: SeriesChoice =
    only === undefined || names.length <= MAX_CHART_SERIES ? chooseSeries(names, peakAbsAt(log, names.length, gridTs, initial), dropFlat) : { shown: names.map((_, k) => k).filter((k) => only.has(names[k] as string)).sort(byName), others: [] };
  const capped = choice.others.length > 0;
  const otherName = otherLabel(choice.others.length, noun);
  const count = choice.shown.length + (capped ? 1 : 0);
  const stackOf = new Map<string, number>(choice.shown.map((k, i) => [names[k] as string, i]));
  const withStack = (row: SeriesRow): SeriesRow => (capped ? { ...row, stack: stackOf.get(row.series) ?? count - 1 } : row);
  const last = gridTs.length - 1;
  const unit = gridTs.length > MAX_STEPS_PER_SERIES ? calendarPeriodUnit(gridTs[0] as number, gridTs[last] as number, MAX_STEPS_PER_SERIES) : undefined;
  let rows: SeriesRow[];
  if (unit === undefined) {
    const idx = Int32Array.from({ length: gridTs.length }, (_, i) => i);
    rows = seriesPointsAt(log, names, gridTs, initial, choice, idx, otherName).map((p) => {
      const ts = gridTs[p.g] as number;
      return withStack({ series: p.series, ts, date: instantLabel(ts, res), value: chartNumber(p.value) });
    });
  } else {
    // each period's step starts at its first equity point, so the chart spans the equity curve's dates
    const means = seriesPeriodMeans(log, names, gridTs, initial, choice, unit, otherName);
    rows = means.map((m) => withStack({ series: m.series, ts: gridTs[m.g] as number, date: instantLabel(m.periodStartMs, res), value: chartNumber(m.value) }));
    // a step-after area ends at its last row: the last period's values again at the last equity point draw that period too
    const lastStep = means[means.length - count];
    if (count > 0 && lastStep !== undefined && lastStep.g < last) rows.push(...rows.slice(means.length - count).map((r) => ({ ...r, ts: gridTs[last] as number })));
  }
  const left = names.length - choice.shown.length;
  // with dropFlat, keys never non-zero are in neither list: said, so shown + summed + these add up to the run's count
  const flat = names.length - choice.shown.length - choice.others.length;
  const note = capped
    ? `the ${choice.shown.length} ${noun}s of largest peak weight, the other ${groupThousands(choice.others.length)} summed as '${otherName}'${flat > 0 ? `; ${groupThousands(flat)} never held weight, not drawn` : ''} (at most ${MAX_CHART_SERIES} series)`
    : only !== undefined && names.length > MAX_CHART_SERIES && left > 0
      ? `the ${choice.shown.length} ${noun}s the allocation chart names, the other ${groupThousands(left)} not drawn (at most ${MAX_CHART_SERIES} series)`
      : undefined;
  return { rows, shown: choice.shown.map((k) => names[k] as string), note, periodUnit: unit?.name };
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
  const initial = run.initialEquity;
  const ppy = numberField(run.metrics, 'periods_per_year', 252);
  const dd = drawdownSeries(equity, initial);
  // the single-series charts are bounded by their pixels: past 4 points a column (6 with two series), each column's first, last and extremes (pixel-column-extremes.ts)
  const deepest = deepestDrawdownIndices(dd);
  const idx = pixelBoundedIndices(tsMs, [equity, dd], CHART_WIDTH, deepest);
  const underwaterIdx = pixelBoundedIndices(tsMs, [dd], CHART_WIDTH, deepest);
  const equityRows: EquityDrawdownRow[] = Array.from(idx, (i) => ({ ts: tsMs[i] as number, date: instantLabel(tsMs[i] as number, res), equity: chartNumber(equity[i] as number), drawdown: chartNumber(dd[i] as number) }));
  const kills: KillEventRow[] = run.kills.map((k) => ({ ts: k.tsMs, date: instantLabel(k.tsMs, res), kind: k.kind, who: k.agent !== '' ? k.agent : k.strategy, reason: k.reason }));
  const curve = new Float64Array(equity.length + 1);
  curve[0] = initial;
  curve.set(equity, 1);
  const returns = returnsFromEquity(curve);
  const window = defaultRollingWindow(returns.length, ppy);
  // the points to draw chosen on an O(n) rolling series (each column's extremes), their values computed exactly there: a window is a year of periods, the series can be millions
  const rollingAll = returns.length >= 2 ? rollingSharpeAll(returns, window, ppy) : new Float64Array(0);
  const sharpeIdx = returns.length >= 2 ? pixelBoundedIndices(tsMs, [rollingAll], CHART_WIDTH) : new Int32Array(0);
  // the subtitle counts values there are (none before a full window) and values drawn
  let sharpeValues = 0;
  for (let i = 0; i < rollingAll.length; i++) if (Number.isFinite(rollingAll[i] as number)) sharpeValues += 1;
  const rolling = rollingSharpeAt(returns, window, ppy, sharpeIdx);
  const sharpeRows: RollingSharpeRow[] = [];
  for (let k = 0; k < sharpeIdx.length; k++) {
    const i = sharpeIdx[k] as number;
    const s = rolling[k] as number;
    if (returns.length >= 2 && Number.isFinite(s)) sharpeRows.push({ ts: tsMs[i] as number, date: instantLabel(tsMs[i] as number, res), sharpe: chartNumber(s) });
  }
  const asWeight = ({ value, ...r }: SeriesRow): WeightRow => ({ ...r, weight: value });
  const byAgent = seriesRows(run.agentWeights, tsMs, 0, true, res, 'agent');
  const bySymbol = seriesRows(run.targets, tsMs, 0, true, res, 'symbol');
  // past MAX_CHART_SERIES agents, the multipliers of the agents the allocation chart names: a sum of multipliers means nothing
  const mult = seriesRows(run.multipliers, tsMs, 1, false, res, 'agent', new Set(byAgent.shown));
  const multipliers: MultiplierRow[] = mult.rows.map((r) => ({ ts: r.ts, date: r.date, agent: r.series, multiplier: r.value }));
  // a run past MAX_STEPS_PER_SERIES equity points: said under the title, with the file that has every change
  const notesOf = (r: SeriesRows, what: string, file: string): BoundedChartNotes => ({
    capped: r.note,
    periodUnit: r.periodUnit,
    period: r.periodUnit === undefined ? undefined : `${what} averaged per ${r.periodUnit} over the equity points (${groupThousands(tsMs.length)} of them; at most ${MAX_STEPS_PER_SERIES} steps); ${file} has every change`,
  });
  const label = `${run.scenarioName || run.name}${run.variant !== '' ? ` (${run.variant})` : ''}`;
  const runName = run.scenarioName || run.name;
  return [
    { name: 'equity-drawdown', title: 'Equity and drawdown', spec: equityDrawdownSpec(equityRows, `Equity and drawdown: ${label}`, res, pixelBoundNote(idx.length, tsMs.length, 'equity points', 'equity.arrow')) },
    { name: 'underwater', title: 'Underwater and worst drawdowns', spec: underwaterSpec(underwaterRowsAt(tsMs, dd, underwaterIdx, runName, res), episodeMarks(returns, tsMs, runName, res), [runName], res, pixelBoundNote(underwaterIdx.length, tsMs.length, 'drawdown points', 'equity.arrow')) },
    { name: 'monthly-returns', title: 'Monthly returns', spec: monthlyReturnsHeatmapSpec(monthlyCells(returns, tsMs, runName), [runName]) },
    { name: 'yearly-returns', title: 'Yearly returns', spec: yearlyReturnsBarsSpec(yearlyBars(returns, tsMs, runName), [runName]) },
    { name: 'kill-events', title: 'Kill and retirement events', spec: killEventsSpec(equityRows.map((r) => ({ ts: r.ts, equity: r.equity })), kills, `Kills and retirements (${kills.length})`, res) },
    { name: 'allocation-by-agent', title: 'Allocation by agent', spec: allocationByAgentSpec(byAgent.rows.map(asWeight), res, notesOf(byAgent, 'weights', 'agent_weights.arrow')) },
    { name: 'allocation-by-symbol', title: 'Allocation by symbol', spec: allocationBySymbolSpec(bySymbol.rows.map(asWeight), res, notesOf(bySymbol, 'target weights', 'targets.arrow')) },
    { name: 'rolling-sharpe', title: 'Rolling Sharpe', spec: rollingSharpeSpec(sharpeRows, window, res, pixelBoundNote(sharpeRows.length, sharpeValues, 'rolling Sharpe values', 'equity.arrow (the returns)')) },
    { name: 'decay-multipliers', title: 'Decay multipliers', spec: decayMultipliersSpec(multipliers, res, notesOf(mult, 'multipliers', 'agent_weights.arrow')) },
  ];
}
