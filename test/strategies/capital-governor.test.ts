import { describe, expect, it } from 'vitest';
import { capitalGovernor } from '../../strategies/capital-governor.js';
import type { AgentStatsTable } from '../../engine/modules/allocator/plugin.js';

const PARAMS = { min_alloc: 0, max_alloc: 1, pnl_scale_bps: 500, sharpe_scale: 3, drawdown_scale_bps: 1000 };

/** Two agents alike in everything but the 30-day window: agent 1 has no outcomes in it. */
function stats(): AgentStatsTable {
  const f = (a: number, b: number): Float64Array => Float64Array.of(a, b);
  return {
    n: 2,
    nOutcomes: f(10, 10),
    pnlSumBps: f(100, 100),
    hitRate: f(0.6, 0.6),
    errorRate: f(0, 0),
    avgAbsErrorBps: f(10, 10),
    avgPnlErrorBps: f(0, 0),
    maxDrawdownBps: f(0, 0),
    pnl7dBps: f(0, 0),
    sharpe30d: f(Number.NaN, Number.NaN),
    winrate30d: f(0.5, Number.NaN),
    maxDd30dBps: f(0, Number.NaN),
    strategyId: Int32Array.of(-1, -1),
    eligible: Uint8Array.of(1, 1),
  };
}

describe('capitalGovernor', () => {
  it('gives an agent with no outcomes in the 30-day window the full drawdown penalty, not the credit of a 0 drawdown', () => {
    // Agent 0: winrate 0.5 -> 0.2 x 0.5, drawdown 0 -> + 0.1 x 1: score 0.2.
    // Agent 1: no window data: no winrate credit, full drawdown penalty: score 0.
    // Proportional within [0, 1]: 0.2 / 0.2 = 1 and 0 (with the old 0-drawdown credit: 2/3 and 1/3).
    const w = capitalGovernor.allocate({ stats: stats(), confidenceMult: Float64Array.of(1, 1), confidenceBounds: { floor: 0.5, ceil: 1.1 }, strategyCvarBps: new Float64Array(0), unclassifiedCvarBps: Number.NaN, scheduleWeight: Float64Array.of(1, 1), prevWeights: null }, PARAMS, 'default');
    expect(w[0]).toBeCloseTo(1, 12);
    expect(w[1]).toBeCloseTo(0, 12);
  });
});
