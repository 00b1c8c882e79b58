import { pnlWeights } from '../engine/modules/allocator/pnl-weights.js';
import type { AllocatorPlugin } from '../engine/modules/allocator/plugin.js';

/** Seed 004 capital_sim.compute_weights: weights from positive pnl_sum_bps with a minimum weight. */
export const pnlWeighted: AllocatorPlugin = {
  name: 'pnl-weighted',
  description: 'weights proportional to positive PnL with a floor (seed 004 capital_sim)',
  params: {
    min_weight: {
      kind: 'number',
      doc: 'minimum weight per agent, a fraction (seed 0.02)',
      default: 0.02,
      min: 0,
      max: 1,
      // seed 004 divides by the sum of the floored weights: 0 whenever no agent has a positive pnl
      seedMin: { min: 0, exclusive: true, why: "In allocator.mode seed, seed 004 divides by the sum of the floored weights, which a min_weight of 0 makes 0 whenever no agent has a positive pnl_sum_bps, as before the first outcome (Q004-5: ZeroDivisionError); use min_weight > 0, or allocator.mode: default" },
    },
  },
  reads: () => ({ confidence: false, strategyCvar: false, windowStats: false }),
  allocate(input, params, mode) {
    const p = params as { min_weight: number };
    return pnlWeights(input.stats.pnlSumBps, input.stats.eligible, p.min_weight, mode);
  },
};
