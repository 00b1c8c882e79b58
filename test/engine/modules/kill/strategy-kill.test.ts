import { describe, expect, it } from 'vitest';
import { evaluateKillList, isKillListStatus, retiredAgents, strategyKillSeed } from '../../../../engine/modules/kill/strategy-kill.js';
import { loadCases, scoreCases } from '../../parity/load-cases.js';

const STATS = {
  nEvents: Int32Array.from([10, 10, 0, 5]),
  maxDrawdownBps: Float64Array.from([-300, -100, 0, -10]),
  hitRate: Float64Array.from([0.5, 0.3, Number.NaN, 0.6]),
};
const NAMES = ['arb', 'funding', 'sentiment', 'macro'];

describe('strategyKillSeed', () => {
  it('matches all 50 seed cases bit for bit', () => {
    const r = scoreCases(strategyKillSeed, loadCases('cases_strategy_kill.jsonl'));
    expect(r.failures).toEqual([]);
    expect(r.bitwise).toBe(50);
  });

  it('reports kill-list-only classes with no events and retires agents of breaching classes', () => {
    const out = strategyKillSeed({
      events_by_strategy: { arb: [{ agent: 'b', pnl_bps: -300 }, { agent: 'a', pnl_bps: 1 }] },
      kill_list: { arb: { max_drawdown_bps: -250 }, sentiment: { status: 'DISABLED' } },
    });
    expect(out).toEqual({
      strategies: {
        arb: {
          decision: 'RETIRE',
          reasons: ['max_drawdown_breach'],
          n_events: 2,
          pnl_sum_bps: -299,
          max_drawdown_bps: -300,
          hit_rate: 0.5,
          agents: ['a', 'b'],
        },
        sentiment: {
          decision: 'KILL',
          reasons: ['status_disabled'],
          n_events: 0,
          pnl_sum_bps: 0,
          max_drawdown_bps: 0,
          hit_rate: null,
          agents: [],
        },
      },
      retired_agents: ['a', 'b'],
    });
  });
});

describe('evaluateKillList', () => {
  const kill = {
    arb: { status: 'ACTIVE', maxDrawdownBps: -250, minHitRate: 0.42 },
    funding: { status: 'disabled', minHitRate: 0.42 },
    sentiment: { status: 'DISABLED', minHitRate: 0.5 },
  };

  it('reads status case-sensitively in seed mode (unknown = ACTIVE)', () => {
    const r = evaluateKillList(STATS, NAMES, kill, 'seed');
    expect(r.decision).toEqual(['RETIRE', 'RETIRE', 'KILL', 'ACTIVE']);
    expect(r.reasons).toEqual([['max_drawdown_breach'], ['min_hit_rate_breach'], ['status_disabled'], []]);
  });

  it('reads status case-insensitively in default mode', () => {
    const r = evaluateKillList(STATS, NAMES, kill, 'default');
    expect(r.decision).toEqual(['RETIRE', 'KILL', 'KILL', 'ACTIVE']);
    expect(r.reasons[1]).toEqual(['status_disabled', 'min_hit_rate_breach']);
  });

  it('treats thresholds as strict', () => {
    const r = evaluateKillList(STATS, NAMES, { arb: { maxDrawdownBps: -300, minHitRate: 0.5 } }, 'seed');
    expect(r.decision[0]).toBe('ACTIVE');
  });

  it('fails an unvalidated unknown status in default mode', () => {
    expect(() => evaluateKillList(STATS, NAMES, { arb: { status: 'PAUSED' } }, 'default')).toThrow(/validated/);
  });
});

describe('isKillListStatus', () => {
  it('accepts ACTIVE and DISABLED in any case and nothing else', () => {
    expect(['ACTIVE', 'disabled', 'Disabled'].map(isKillListStatus)).toEqual([true, true, true]);
    expect(isKillListStatus('PAUSED')).toBe(false);
  });
});

describe('retiredAgents', () => {
  it('returns the sorted union of the agents of KILL and RETIRE classes', () => {
    const agents = [Int32Array.from([3, 1]), Int32Array.from([2]), Int32Array.from([1, 0])];
    expect(Array.from(retiredAgents(['KILL', 'ACTIVE', 'RETIRE'], agents))).toEqual([0, 1, 3]);
  });
});
