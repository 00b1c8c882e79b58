import { describe, expect, it } from 'vitest';
import {
  agentDecision,
  DEFAULT_AGENT_RULES,
  promotionDecisionSeed,
  type AgentDecisionStats,
} from '../../../../engine/modules/promotion/promotion-decision.js';
import { loadCases, scoreCases } from '../../parity/load-cases.js';

const PASSING: AgentDecisionStats = {
  nOutcomes: 40,
  pnlSumBps: 200,
  hitRate: 0.6,
  errorRate: 0,
  avgAbsErrorBps: 40,
  avgPnlErrorBps: -5,
  maxDrawdownBps: -100,
};

describe('promotionDecisionSeed', () => {
  it('matches all 50 seed cases bit for bit', () => {
    const r = scoreCases(promotionDecisionSeed, loadCases('cases_promotion_decision.jsonl'));
    expect(r.failures).toEqual([]);
    expect(r.bitwise).toBe(50);
  });

  it('applies the gates exactly as written at their edges', () => {
    const base = { pnl_sum_bps: 151, hit_rate: 0.55, error_rate: 0, avg_abs_error_bps: 60, avg_pnl_error_bps: -20 };
    expect(promotionDecisionSeed({ stats: base })).toBe('PROMOTE');
    expect(promotionDecisionSeed({ stats: { ...base, pnl_sum_bps: 150 } })).toBe('HOLD');
    expect(promotionDecisionSeed({ stats: { ...base, error_rate: 1e-12 } })).toBe('HOLD');
  });

  it('fails the gate of a missing, null, bool or string stat', () => {
    const base = { pnl_sum_bps: 151, hit_rate: 0.6, error_rate: 0, avg_abs_error_bps: 10, avg_pnl_error_bps: 0 };
    expect(promotionDecisionSeed({ stats: { ...base, avg_abs_error_bps: null } })).toBe('HOLD');
    expect(promotionDecisionSeed({ stats: { ...base, error_rate: false } })).toBe('HOLD');
    expect(promotionDecisionSeed({ stats: { ...base, hit_rate: '0.6' } })).toBe('HOLD');
    const { avg_pnl_error_bps: _drop, ...missing } = base;
    expect(promotionDecisionSeed({ stats: missing })).toBe('HOLD');
  });
});

describe('agentDecision', () => {
  it('promotes an agent that passes every seed 003 gate', () => {
    expect(agentDecision(PASSING, DEFAULT_AGENT_RULES)).toEqual({ decision: 'PROMOTE', reasons: [] });
  });

  it('kills above the seed 001 error-rate gate of 0.15 and not at it', () => {
    expect(agentDecision({ ...PASSING, errorRate: 0.16 }).decision).toBe('KILL');
    expect(agentDecision({ ...PASSING, errorRate: 0.15 }).decision).toBe('HOLD');
  });

  it('retires on non-positive pnl only after retireMinOutcomes outcomes', () => {
    expect(agentDecision({ ...PASSING, pnlSumBps: 0, nOutcomes: 30 })).toEqual({
      decision: 'RETIRE',
      reasons: ['pnl_sum_bps 0 <= 0'],
    });
    expect(agentDecision({ ...PASSING, pnlSumBps: 0, nOutcomes: 29 }).decision).toBe('HOLD');
  });

  it('retires on a drawdown below retireDrawdownBps', () => {
    expect(agentDecision({ ...PASSING, maxDrawdownBps: -500.5 }).decision).toBe('RETIRE');
    expect(agentDecision({ ...PASSING, maxDrawdownBps: -500 }).decision).toBe('PROMOTE');
  });

  it('treats NaN as no data: gates fail, rules do not fire', () => {
    const r = agentDecision({ ...PASSING, errorRate: Number.NaN, maxDrawdownBps: Number.NaN });
    expect(r.decision).toBe('HOLD');
    expect(r.reasons).toEqual(['error_rate <= 0 fails (NaN)']);
  });

  it('lists every failed promotion gate for HOLD', () => {
    const r = agentDecision({ ...PASSING, hitRate: 0.5, avgAbsErrorBps: 61 });
    expect(r).toEqual({ decision: 'HOLD', reasons: ['hit_rate >= 0.55 fails (0.5)', 'avg_abs_error_bps <= 60 fails (61)'] });
  });
});
