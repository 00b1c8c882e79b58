import { describe, expect, it } from 'vitest';
import { riskPenalized } from '../../strategies/risk-penalized.js';
import type { AgentStatsTable, AllocatorInput } from '../../engine/modules/allocator/plugin.js';

const TOL = 1e-12;
const PARAMS = { max_weight: 1, cvar_penalty_k: 0.015, dd_penalty_k: 0.01, max_error_rate: 0.15 };

/** Two agents alike in every statistic; only their confidence multipliers differ. */
function input(mult: readonly [number, number], bounds: { floor: number; ceil: number }): AllocatorInput {
  const f = (x: number): Float64Array => Float64Array.of(x, x);
  const stats: AgentStatsTable = {
    n: 2,
    nOutcomes: f(30),
    pnlSumBps: f(100),
    hitRate: f(0.5),
    errorRate: f(0),
    avgAbsErrorBps: f(0),
    avgPnlErrorBps: f(0),
    maxDrawdownBps: f(0),
    pnl7dBps: f(0),
    sharpe30d: f(Number.NaN),
    winrate30d: f(Number.NaN),
    maxDd30dBps: f(Number.NaN),
    strategyId: Int32Array.of(-1, -1),
    eligible: Uint8Array.of(1, 1),
  };
  return {
    stats,
    confidenceMult: Float64Array.from(mult),
    confidenceBounds: bounds,
    strategyCvarBps: new Float64Array(0),
    unclassifiedCvarBps: Number.NaN,
    scheduleWeight: f(1),
    prevWeights: null,
  };
}

describe('riskPenalized', () => {
  it("weighs multipliers within the run's decay bounds in default mode, not within the seeds' 0.5 and 1.1", () => {
    // q_i = sqrt(100) x (0.6 + 0.5) x m_i, every penalty 1: w = m / sum m.
    // decay.floor 0.1: m = 0.2 and 1 -> 1/6 and 5/6 (clamped to [0.5, 1.1] it was 1/3 and 2/3).
    const low = riskPenalized.allocate(input([0.2, 1], { floor: 0.1, ceil: 1.1 }), PARAMS, 'default');
    expect(Math.abs((low[0] as number) - 1 / 6)).toBeLessThan(TOL);
    expect(Math.abs((low[1] as number) - 5 / 6)).toBeLessThan(TOL);
    // decay.ceil 3: m = 1 and 3 -> 1/4 and 3/4 (clamped to 1.1 it was 1/2.1 and 1.1/2.1).
    const high = riskPenalized.allocate(input([1, 3], { floor: 0.5, ceil: 3 }), PARAMS, 'default');
    expect(Math.abs((high[0] as number) - 0.25)).toBeLessThan(TOL);
    expect(Math.abs((high[1] as number) - 0.75)).toBeLessThan(TOL);
  });

  it('still clamps a multiplier outside the bounds it is given (Q001-6: 5.0 under a ceiling of 1.1)', () => {
    // m = 5 -> 1.1 and 1.1: equal weights
    const w = riskPenalized.allocate(input([5, 1.1], { floor: 0.5, ceil: 1.1 }), PARAMS, 'default');
    expect(Math.abs((w[0] as number) - 0.5)).toBeLessThan(TOL);
    expect(Math.abs((w[1] as number) - 0.5)).toBeLessThan(TOL);
  });
});
