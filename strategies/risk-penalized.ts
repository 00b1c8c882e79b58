import { riskWeights } from '../engine/modules/allocator/risk-weights.js';
import type { AllocatorPlugin } from '../engine/modules/allocator/plugin.js';

/**
 * Seed 001 allocation.compute_weights: hard gates, concave quality sqrt(pnl) * (0.6 + hit),
 * confidence multiplier, simulation-integrity, strategy-CVaR and drawdown penalties,
 * normalization and the max-weight cap (seed: single pass; default: water-filling).
 */
export const riskPenalized: AllocatorPlugin = {
  name: 'risk-penalized',
  description: 'risk-penalized agent weights (seed 001 compute_weights)',
  params: {
    max_weight: { kind: 'number', doc: 'cap per agent, a fraction of capital (seed MAX_WEIGHT)', default: 0.25, min: 0, max: 1, minExclusive: true },
    cvar_penalty_k: { kind: 'number', doc: 'CVaR penalty slope per bps of negative gap CVaR: factor max(0.25, 1 + cvar x this), at its 0.25 floor from a CVaR of -0.75 / this bps (-50 at the seed CVAR_PENALTY_K); 0: cvar.* change nothing', default: 0.015, min: 0 },
    dd_penalty_k: { kind: 'number', doc: "drawdown penalty slope per bps of the agent's max_drawdown_bps: factor max(0.4, 1 + dd x this), at its 0.4 floor from a drawdown of -0.6 / this bps (-60 at the seed DD_PENALTY_K)", default: 0.01, min: 0 },
    max_error_rate: { kind: 'number', doc: 'hard gate: agents above this error rate get nothing (seed 0.15)', default: 0.15, min: 0, max: 1 },
  },
  // the CVaR factor is max(0.25, 1 + cvar x k): with k = 0 it is 1 whatever the CVaR
  reads: (params) => ({ confidence: true, strategyCvar: params['cvar_penalty_k'] !== 0, windowStats: false }),
  allocate(input, params, mode) {
    const p = params as { max_weight: number; cvar_penalty_k: number; dd_penalty_k: number; max_error_rate: number };
    return riskWeights(
      input.stats,
      input.confidenceMult,
      input.strategyCvarBps,
      {
        maxWeight: p.max_weight,
        cvarPenaltyK: p.cvar_penalty_k,
        ddPenaltyK: p.dd_penalty_k,
        unclassifiedCvarBps: input.unclassifiedCvarBps,
        maxErrorRate: p.max_error_rate,
        // default mode clamps multipliers to the run's decay bounds, not to the seeds' 0.5 / 1.1:
        // a decay.floor of 0.1 or ceil of 2 must reach the weights
        confidenceFloor: input.confidenceBounds.floor,
        confidenceCeil: input.confidenceBounds.ceil,
      },
      mode,
    );
  },
};
