import type { TopLevelSpec } from 'vega-lite';
import { instantLabel, type InstantResolution } from '../../core/instant-resolution.js';
import { groupThousands } from '../../core/group-thousands.js';
import { killCountsByPeriod } from '../series/kill-periods.js';
import { CHART_HEIGHT, CHART_WIDTH, PANEL_HEIGHT, VEGA_LITE_SCHEMA, timeX } from './chart-defaults.js';
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

/** Returns the names killed or retired at each kill time, in time order, each time's names sorted and distinct (rules at one time share a label). */
export function killNamesByTime(kills: readonly KillEventRow[]): { ts: number; names: string[] }[] {
  const byTs = new Map<number, Set<string>>();
  for (const k of kills) byTs.set(k.ts, (byTs.get(k.ts) ?? new Set<string>()).add(k.who));
  return [...byTs.keys()].sort((a, b) => a - b).map((ts) => ({ ts, names: [...(byTs.get(ts) ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) }));
}

/**
 * Least horizontal gap, in pixels, between two kill labels for both to be read: 9 px text turned
 * upright takes ~11 px across (its line), and 12 px left them touching (bench S: 26 labels in a row).
 */
export const KILL_LABEL_GAP_PX = 14;

/** Most characters of one kill label: turned upright above the plot it takes ~5.4 px of height a character (32: at most ~175 px; 28 cut the quickstart's "sentiment, sentiment_01" to "sentiment +2 more"). */
export const KILL_LABEL_MAX_CHARS = 32;

/** Returns a label cut to `max` characters at a name boundary, the names left out counted: 'a1, a2 +3 more'. */
function cutLabel(names: readonly string[], max: number): string {
  const whole = names.join(', ');
  if (whole.length <= max) return whole;
  let kept = 0;
  let length = 0;
  for (const name of names) {
    const next = length + (kept > 0 ? 2 : 0) + name.length;
    if (next + ` +${names.length - kept - 1} more`.length > max) break;
    length = next;
    kept += 1;
  }
  return kept === 0 ? `${names.length} names` : `${names.slice(0, kept).join(', ')} +${names.length - kept} more`;
}

/**
 * Returns the kill labels that can be read at `widthPx` over the time domain [fromMs, toMs], in
 * time order: the kill times taken by most names first (a wave of kills before a lone
 * retirement), ties by time, each drawn only when KILL_LABEL_GAP_PX or more from every label
 * already drawn (61 kills in a half-year run printed one black smear), each cut to
 * KILL_LABEL_MAX_CHARS. Every rule is still drawn, its names in its tooltip; `unlabelled` counts
 * the times whose names were left off. Depends on the kills' times and names only, not their order.
 */
export function readableKillLabels(kills: readonly KillEventRow[], fromMs: number, toMs: number, widthPx: number): { labels: { ts: number; label: string }[]; unlabelled: number } {
  const times = killNamesByTime(kills);
  const span = toMs > fromMs ? toMs - fromMs : 1;
  const pxOf = (ts: number): number => ((ts - fromMs) / span) * widthPx;
  // at most MAX_KILL_RULES times: a check against each drawn label is cheap
  const byWeight = times.map((_, i) => i).sort((a, b) => (times[b] as { names: string[] }).names.length - (times[a] as { names: string[] }).names.length || a - b);
  const drawnPx: number[] = [];
  const drawn = new Uint8Array(times.length);
  for (const i of byWeight) {
    const px = pxOf((times[i] as { ts: number }).ts);
    if (drawnPx.some((q) => Math.abs(px - q) < KILL_LABEL_GAP_PX)) continue;
    drawnPx.push(px);
    drawn[i] = 1;
  }
  const labels = times.filter((_, i) => drawn[i] === 1).map(({ ts, names }) => ({ ts, label: cutLabel(names, KILL_LABEL_MAX_CHARS) }));
  return { labels, unlabelled: times.length - labels.length };
}

/**
 * Most kill events drawn one rule each: one 2 px rule per two pixels of the chart's width. Past
 * it the rules merge into one block and the spec and SVG grow with the kills (10k kills: 2.7 MB
 * and 3.3 MB), so the chart counts them per period instead (killCountsSpec).
 */
export const MAX_KILL_RULES = CHART_WIDTH / 2;

/** Most periods the counts panel spans: bars at least 4 px wide. */
export const MAX_KILL_PERIODS = CHART_WIDTH / 4;

/** Returns the x domain the chart draws: every equity point and kill time (a temporal scale is not niced). */
function timeDomain(equity: readonly EquityPointRow[], kills: readonly KillEventRow[]): { fromMs: number; toMs: number } {
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const r of equity) {
    fromMs = Math.min(fromMs, r.ts);
    toMs = Math.max(toMs, r.ts);
  }
  for (const k of kills) {
    fromMs = Math.min(fromMs, k.ts);
    toMs = Math.max(toMs, k.ts);
  }
  return { fromMs, toMs };
}

/**
 * Returns the equity line over a panel of the kill events counted per period (the shortest of
 * minute, ..., day, week, month, ... spanning at most MAX_KILL_PERIODS), stacked by kind in the
 * kinds' colours: a chart of bounded size, whatever the number of kills, that says so under the title.
 */
function killCountsSpec(equity: readonly EquityPointRow[], kills: readonly KillEventRow[], title: string, res: InstantResolution): TopLevelSpec {
  const kinds = Object.keys(KILL_KIND_COLORS);
  const { fromMs, toMs } = timeDomain(equity, kills);
  const { unit, counts } = killCountsByPeriod(
    kills.map((k) => k.ts),
    kills.map((k) => k.kind),
    kinds,
    fromMs,
    toMs,
    MAX_KILL_PERIODS,
  );
  const times = new Set(kills.map((k) => k.ts)).size;
  const colours = [...kinds, ...new Set(counts.map((c) => c.kind).filter((k) => !kinds.includes(k)))];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: `${groupThousands(kills.length)} events at ${groupThousands(times)} times, counted per ${unit} by kind (past ${MAX_KILL_RULES} rules merge); kills.arrow lists each` },
    vconcat: [
      {
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        data: { values: equity.map((r) => ({ ...r })) },
        mark: { type: 'line', color: EQUITY_LINE_COLOR, strokeWidth: 1.5 },
        encoding: {
          x: { ...timeX(res), title: null },
          y: { field: 'equity', type: 'quantitative', title: 'equity', scale: { zero: false } },
        },
      },
      {
        width: CHART_WIDTH,
        height: PANEL_HEIGHT,
        data: { values: counts.map((c) => ({ ts: c.fromMs, ts_end: c.toMs, date: instantLabel(c.fromMs, res), kind: c.kind, count: c.count, y0: c.y0, y1: c.y1 })) },
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.5 },
        encoding: {
          x: timeX(res),
          x2: { field: 'ts_end' },
          y: { field: 'y0', type: 'quantitative', title: `events per ${unit}` },
          y2: { field: 'y1' },
          color: { field: 'kind', type: 'nominal', title: 'event', scale: { domain: colours, range: colours.map((k) => KILL_KIND_COLORS[k] ?? '#000000') } },
          tooltip: [
            { field: 'date', type: 'nominal', title: `${unit} from` },
            { field: 'kind', type: 'nominal' },
            { field: 'count', type: 'quantitative' },
          ],
        },
      },
    ],
    resolve: { scale: { x: 'shared' } },
  };
}

/**
 * Returns the equity line with one vertical rule per kill event, coloured by kind (fixed
 * colours, never the equity line's), labelled on the chart with the agent or class names
 * where labels do not overlap (readableKillLabels), and tooltips (date, kind, who, reason);
 * past MAX_KILL_RULES events, the events counted per period instead (killCountsSpec).
 */
export function killEventsSpec(equity: readonly EquityPointRow[], kills: readonly KillEventRow[], title: string, res: InstantResolution): TopLevelSpec {
  if (kills.length > MAX_KILL_RULES) return killCountsSpec(equity, kills, title, res);
  const kinds = Object.keys(KILL_KIND_COLORS);
  const { fromMs, toMs } = timeDomain(equity, kills);
  const readable = readableKillLabels(kills, fromMs, toMs, CHART_WIDTH);
  const times = readable.labels.length + readable.unlabelled;
  const labelLayer = {
    data: { values: readable.labels },
    mark: { type: 'text', angle: 270, align: 'left', baseline: 'middle', dx: 4, fontSize: 9, color: '#333333' },
    encoding: {
      x: timeX(res),
      y: { value: 0 },
      text: { field: 'label', type: 'nominal' },
    },
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: readable.unlabelled === 0 ? title : { text: title, subtitle: [`names at ${readable.labels.length} of ${times} kill times, most names first, where they fit;`, "each rule's tooltip and kills.arrow name every event"] },
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
      // each rule's names above the plot, read bottom to top from the rule's top end: over the plot they crossed the equity line and the rules beside them
      labelLayer,
    ],
  };
}
