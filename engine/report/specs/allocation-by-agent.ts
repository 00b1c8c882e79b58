import type { TopLevelSpec } from 'vega-lite';
import { stackedWeightsSpec, type WeightRow } from './stacked-weights.js';

/** Returns the stacked areas of each agent's capital weight (as-of each equity point). */
export function allocationByAgentSpec(rows: readonly WeightRow[]): TopLevelSpec {
  return stackedWeightsSpec(rows, 'Allocation by agent', 'agent', 'agent weight');
}
