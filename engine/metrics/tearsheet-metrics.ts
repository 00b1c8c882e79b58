import { drawdownEpisodes, longestDrawdownPeriods, type DrawdownEpisode } from './drawdown-episodes.js';
import type { MetricResult } from './metric-result.js';
import { omegaRatio } from './omega.js';
import { tailRatio } from './tail-ratio.js';
import { ulcerIndex } from './ulcer-index.js';

/** Field names of a TearsheetRecord, in output order (after METRIC_FIELDS). */
export const TEARSHEET_FIELDS = ['omega', 'ulcer_index', 'tail_ratio', 'longest_drawdown_periods'] as const;

/** One tear-sheet field name. */
export type TearsheetField = (typeof TEARSHEET_FIELDS)[number];

/** The tear-sheet figures of one return series; `notes` say why a value is null. */
export type TearsheetRecord = { readonly [K in TearsheetField]: number | null } & { readonly notes: readonly string[] };

/**
 * Returns Omega at threshold 0, the Ulcer index, the tail ratio and the longest drawdown
 * (peak to recovery, in periods) of a simple-return series (docs/metrics.md).
 * `episodes` may be passed when already computed.
 */
export function tearsheetMetrics(returns: Float64Array, episodes: readonly DrawdownEpisode[] = drawdownEpisodes(returns)): TearsheetRecord {
  const results: Readonly<Record<Exclude<TearsheetField, 'longest_drawdown_periods'>, MetricResult>> = {
    omega: omegaRatio(returns, 0),
    ulcer_index: ulcerIndex(returns),
    tail_ratio: tailRatio(returns),
  };
  const notes: string[] = [];
  for (const [k, r] of Object.entries(results)) if (r.note !== undefined) notes.push(`${k}: ${r.note}`);
  return {
    omega: results.omega.value,
    ulcer_index: results.ulcer_index.value,
    tail_ratio: results.tail_ratio.value,
    longest_drawdown_periods: returns.length === 0 ? null : longestDrawdownPeriods(episodes),
    notes,
  };
}
