import { describe, expect, it } from 'vitest';
import { buildAgentRoster, icAt, type AgentSpec } from '../../../datasets/generate/agent-roster.js';

const H = 3_600_000;
const base: AgentSpec = {
  name: 'macro_01', strategy: 'macro', role: 'breaking', icStart: 0.1, decayHalfLifeMs: 10 * H,
  icAfterBreak: null, burstIc: -0.12, bursts: [{ startMs: 100 * H, endMs: 110 * H }],
};

describe('icAt', () => {
  it('halves the IC every half-life', () => {
    // 0.1 * 0.5^(20 / 10) = 0.025
    expect(icAt(base, 20 * H, 0, 1e15)).toBeCloseTo(0.025, 12);
  });

  it('flips to the burst IC inside a burst window, end excluded', () => {
    expect(icAt(base, 100 * H, 0, 1e15)).toBe(-0.12);
    expect(icAt(base, 110 * H, 0, 1e15)).toBeCloseTo(0.1 * 0.5 ** 11, 12);
  });

  it('switches to the post-break IC from the break on', () => {
    const decaying: AgentSpec = { ...base, decayHalfLifeMs: 0, icAfterBreak: -0.05, bursts: [] };
    expect(icAt(decaying, 49 * H, 0, 50 * H)).toBe(0.1);
    expect(icAt(decaying, 50 * H, 0, 50 * H)).toBe(-0.05);
  });
});

describe('buildAgentRoster', () => {
  const opts = {
    agents: 14, classes: ['arb', 'funding', 'macro', 'sentiment'], decayingClass: 'sentiment',
    highSkillIc: 0.25, decayingClassIc: null, icAfterBreak: -0.05, startMs: 0, endMs: 1000 * H,
  };
  const roster = buildAgentRoster(opts, 5);

  it('names agents class_NN, sorted, round-robin over the classes', () => {
    const names = roster.map((a) => a.name);
    expect(names).toEqual([...names].sort());
    expect(names.slice(0, 5)).toEqual(['arb_01', 'arb_02', 'arb_03', 'arb_04', 'funding_01']);
    expect(roster.filter((a) => a.strategy === 'sentiment').length).toBe(3); // k = 3, 7, 11
  });

  it('makes exactly one high-skill and one no-skill agent and puts the whole decaying class on the break', () => {
    expect(roster.filter((a) => a.role === 'high_skill').map((a) => [a.name, a.icStart])).toEqual([['arb_01', 0.25]]);
    expect(roster.filter((a) => a.role === 'no_skill').map((a) => [a.name, a.icStart])).toEqual([['funding_01', 0]]);
    for (const a of roster.filter((x) => x.strategy === 'sentiment')) {
      expect(a.role).toBe('decaying_class');
      expect(a.icAfterBreak).toBe(-0.05);
      expect(a.icStart).toBeGreaterThanOrEqual(0.08);
    }
  });

  it('keeps burst windows inside the sample', () => {
    for (const a of roster) for (const w of a.bursts) expect(w.startMs >= 0 && w.endMs <= 1000 * H && w.endMs > w.startMs).toBe(true);
  });

  it('gives an agent the same draws whatever the other agents', () => {
    const bigger = buildAgentRoster({ ...opts, agents: 20 }, 5);
    const a = roster.find((x) => x.name === 'macro_02');
    expect(bigger.find((x) => x.name === 'macro_02')).toEqual(a);
  });
});
