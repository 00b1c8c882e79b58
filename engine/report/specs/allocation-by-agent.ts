import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import type { BoundedChartNotes } from './bounded-chart-notes.js';
import { stackedWeightsSpec, type WeightRow } from './stacked-weights.js';

/** Returns the stacked areas of each agent's capital weight (as-of each equity point); `notes`: what a bounded chart summed, left out or averaged (stacked-weights.ts). */
export function allocationByAgentSpec(rows: readonly WeightRow[], res: InstantResolution, notes?: BoundedChartNotes): TopLevelSpec {
  return stackedWeightsSpec(rows, 'Allocation by agent', 'agent', 'agent weight', res, notes);
}
