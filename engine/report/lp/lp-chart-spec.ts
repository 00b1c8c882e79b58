import type { TopLevelSpec } from 'vega-lite';
import type { GovernanceInput } from '../../governance/governance-input.js';
import { chartNumber } from '../series/chart-number.js';
import { instantLabel, type InstantResolution } from '../../core/instant-resolution.js';
import { drawdownChartIndices, drawdownSeries } from '../series/drawdown-series.js';
import { equityDrawdownSpec, type EquityDrawdownRow } from '../specs/equity-drawdown.js';
import { MAX_SERIES_POINTS } from '../run-report-charts.js';

/**
 * Returns the run report's equity-and-drawdown spec (engine/report/specs) over the run's equity
 * points before `endMs`, dates at `res`: the whole run's (instantResolution of its equity times),
 * so every week's chart prints dates alike.
 */
export function lpChartSpec(input: GovernanceInput, endMs: number, title: string, res: InstantResolution): TopLevelSpec {
  const { tsMs, equity } = input.equity;
  let n = 0;
  while (n < tsMs.length && (tsMs[n] as number) < endMs) n++;
  const eq = equity.subarray(0, n);
  const dd = drawdownSeries(eq, input.initialEquity);
  const rows: EquityDrawdownRow[] = Array.from(drawdownChartIndices(dd, MAX_SERIES_POINTS), (i) => ({ ts: tsMs[i] as number, date: instantLabel(tsMs[i] as number, res), equity: chartNumber(eq[i] as number), drawdown: chartNumber(dd[i] as number) }));
  return equityDrawdownSpec(rows, title, res);
}
