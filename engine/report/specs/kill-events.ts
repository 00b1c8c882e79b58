import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import { CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
import type { ChartRow } from './report-chart.js';

/** One kill event: ts (epoch ms), date, kind (agent_retired, agent_killed, class_killed, class_retired), who (agent or class) and why. */
export type KillEventRow = ChartRow & { readonly ts: number; readonly date: string; readonly kind: string; readonly who: string; readonly reason: string };

/** One equity point: ts (epoch ms), equity. */
export type EquityPointRow = ChartRow & { readonly ts: number; readonly equity: number | null };

/** Colour of the equity line. */
export const EQUITY_LINE_COLOR = '#4c78a8';

/** Colour of each kill kind: reds for kills, oranges/browns for retirements, none near the equity line's blue. */
export const KILL_KIND_COLORS: Readonly<Record<string, string>> = {
  agent_killed: '#d62728',
  agent_retired: '#ff7f0e',
  class_killed: '#7b1fa2',
  class_retired: '#8c564b',
};

/** Returns one label per kill time: the names killed or retired then, sorted and joined (rules at one time share a label). */
export function killLabels(kills: readonly KillEventRow[]): { ts: number; label: string }[] {
  const byTs = new Map<number, Set<string>>();
  for (const k of kills) byTs.set(k.ts, (byTs.get(k.ts) ?? new Set<string>()).add(k.who));
  return [...byTs.keys()].sort((a, b) => a - b).map((ts) => ({ ts, label: [...(byTs.get(ts) ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(', ') }));
}

/**
 * Returns the equity line with one vertical rule per kill event, coloured by kind (fixed
 * colours, never the equity line's), each labelled on the chart with the agent or class
 * name, and tooltips (date, kind, who, reason).
 */
export function killEventsSpec(equity: readonly EquityPointRow[], kills: readonly KillEventRow[], title: string, res: InstantResolution): TopLevelSpec {
  const kinds = Object.keys(KILL_KIND_COLORS);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: equity.map((r) => ({ ...r })) },
        mark: { type: 'line', color: EQUITY_LINE_COLOR, strokeWidth: 1.5 },
        encoding: {
          x: timeX(res),
          y: { field: 'equity', type: 'quantitative', title: 'equity', scale: { zero: false } },
        },
      },
      {
        data: { values: kills.map((r) => ({ ...r })) },
        mark: { type: 'rule', strokeWidth: 2, opacity: 0.8 },
        encoding: {
          x: timeX(res),
          color: { field: 'kind', type: 'nominal', title: 'event', scale: { domain: kinds, range: kinds.map((k) => KILL_KIND_COLORS[k] ?? '#000000') } },
          tooltip: [
            { field: 'date', type: 'nominal' },
            { field: 'kind', type: 'nominal' },
            { field: 'who', type: 'nominal' },
            { field: 'reason', type: 'nominal' },
          ],
        },
      },
      {
        // the name beside each rule, read bottom to top
        data: { values: killLabels(kills) },
        mark: { type: 'text', angle: 270, align: 'left', baseline: 'bottom', dx: 4, dy: -3, fontSize: 9, color: '#333333' },
        encoding: {
          x: timeX(res),
          y: { value: CHART_HEIGHT },
          text: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
}
