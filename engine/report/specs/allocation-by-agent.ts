import type { TopLevelSpec } from 'vega-lite';
import type { InstantResolution } from '../../core/instant-resolution.js';
import { stackedWeightsSpec, type WeightRow } from './stacked-weights.js';

/** Returns the stacked areas of each agent's capital weight (as-of each equity point); `cappedNote`: what a capped chart left out (stacked-weights.ts). */
export function allocationByAgentSpec(rows: readonly WeightRow[], res: InstantResolution, cappedNote?: string): TopLevelSpec {
  return stackedWeightsSpec(rows, 'Allocation by agent', 'agent', 'agent weight', res, cappedNote);
}
