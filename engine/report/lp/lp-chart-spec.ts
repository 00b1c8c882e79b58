import type { TopLevelSpec } from 'vega-lite';
import type { GovernanceInput } from '../../governance/governance-input.js';
import { chartNumber } from '../series/chart-number.js';
import { instantLabel, type InstantResolution } from '../../core/instant-resolution.js';
import { deepestDrawdownIndices, drawdownSeries } from '../series/drawdown-series.js';
import { pixelBoundedIndices } from '../series/pixel-column-extremes.js';
import { CHART_WIDTH } from '../specs/chart-defaults.js';
import { pixelBoundNote } from '../specs/bounded-chart-notes.js';
import { equityDrawdownSpec, type EquityDrawdownRow } from '../specs/equity-drawdown.js';

/**
 * Returns the run report's equity-and-drawdown spec (engine/report/specs) over the run's equity
 * points before `endMs`, bounded by the chart's pixels as the run report's (pixelBoundedIndices),
 * dates at `res`: the whole run's (instantResolution of its equity times), so every week's chart
 * prints dates alike.
 */
export function lpChartSpec(input: GovernanceInput, endMs: number, title: string, res: InstantResolution): TopLevelSpec {
  const { tsMs, equity } = input.equity;
  let n = 0;
  while (n < tsMs.length && (tsMs[n] as number) < endMs) n++;
  const ts = tsMs.subarray(0, n);
  const eq = equity.subarray(0, n);
  const dd = drawdownSeries(eq, input.initialEquity);
  const idx = pixelBoundedIndices(ts, [eq, dd], CHART_WIDTH, deepestDrawdownIndices(dd));
  const rows: EquityDrawdownRow[] = Array.from(idx, (i) => ({ ts: ts[i] as number, date: instantLabel(ts[i] as number, res), equity: chartNumber(eq[i] as number), drawdown: chartNumber(dd[i] as number) }));
  return equityDrawdownSpec(rows, title, res, pixelBoundNote(idx.length, n, 'equity points', 'equity.arrow'));
}
