import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateStarterDecay, expectedPenalty, noEdgeLogMultiplier, SEED_STARTER_DECAY, SEED_STARTER_PROMOTION, type StarterDecay, type StarterDecayInput } from '../../../engine/scenario/starter-decay.js';
import { calibrateStarterThresholds, starterHorizonReturns, type StarterCalibrationInput } from '../../../engine/scenario/starter-thresholds.js';
import { oneSymbolDesk, starterInputOf, type StarterReferenceData } from '../../helpers/starter-reference-case.js';

const TOL = 1e-9;

interface ReferenceCase extends StarterReferenceData {
  readonly name: string;
  readonly killErrorRate: number;
  readonly expected: Omit<StarterDecay, 'source' | 'medianAbsReturnBps'> & { readonly noEdgeMultiplier: number };
}

// test/reference/starter_decay_reference.py (numpy) wrote these
const cases = JSON.parse(readFileSync(new URL('../../reference/starter_decay_reference.json', import.meta.url), 'utf8')) as ReferenceCase[];

/** The decay tunables' seed defaults (003): floor 0.5, penalty_cap 0.08, loss_amplifier 1.3, limit_rows 8000. */
const DEFAULTS = { floor: 0.5, penaltyCap: 0.08, lossAmplifier: 1.3, limitRows: 8000 } as const;

function decayInputOf(input: StarterCalibrationInput, killErrorRate: number): StarterDecayInput {
  const t = calibrateStarterThresholds(input);
  return { ...DEFAULTS, absReturnsBps: starterHorizonReturns(input).returns.map(Math.abs), windowOutcomes: t.windowOutcomes, outcomesPerAgent: t.outcomesPerAgent, killErrorRate };
}

/** Moves of the given sizes (bps), for a desk whose median agent has `outcomes` outcomes, all in the window. */
function moves(absReturnsBps: readonly number[], outcomes: number): StarterDecayInput {
  return { ...DEFAULTS, absReturnsBps: Float64Array.from(absReturnsBps), windowOutcomes: outcomes, outcomesPerAgent: outcomes, killErrorRate: 0.2 };
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b));

describe('calibrateStarterDecay', () => {
  for (const c of cases) {
    it(`matches the numpy reference: ${c.name}`, () => {
      const d = calibrateStarterDecay(decayInputOf(starterInputOf(c), c.killErrorRate));
      const e = c.expected;
      expect(d.source).toBe('sized');
      for (const key of ['targetMultiplier', 'lossKExactBps', 'meanAbsReturnBps', 'maxAbsReturnBps', 'goodErrQuantileBps'] as const) expect(near(d[key], e[key]), `${key}: ${d[key]} vs ${e[key]}`).toBe(true);
      expect([d.decayOutcomes, d.halfLifeSignals, d.lossKBps, d.stabilityGoodErrBps]).toEqual([e.decayOutcomes, e.halfLifeSignals, e.lossKBps, e.stabilityGoodErrBps]);
      expect([d.minPnlSumBps, d.minHitRate, d.maxErrorRate, d.maxAvgAbsErrorBps, d.minAvgPnlErrorBps]).toEqual([e.minPnlSumBps, e.minHitRate, e.maxErrorRate, e.maxAvgAbsErrorBps, e.minAvgPnlErrorBps]);
    });
  }

  it('puts a no-edge agent at sqrt(floor) after its outcomes at the half-life it chooses', () => {
    const input = decayInputOf(starterInputOf(cases[1] as ReferenceCase), 0.14);
    const d = calibrateStarterDecay(input);
    const m = Math.exp(noEdgeLogMultiplier(expectedPenalty(input, d.lossKExactBps), d.halfLifeSignals, d.decayOutcomes));
    expect(Math.abs(m - Math.SQRT1_2)).toBeLessThan(TOL);
    expect(Math.abs(m - (cases[1] as ReferenceCase).expected.noEdgeMultiplier)).toBeLessThan(TOL);
  });

  it('ties the half-life to the judged window: a quarter of it (the quickstart: 72 outcomes, 18)', () => {
    expect(calibrateStarterDecay(moves([100, 200, 300], 72)).halfLifeSignals).toBe(18);
    expect(calibrateStarterDecay(moves([100, 200, 300], 250)).halfLifeSignals).toBe(63); // 62.5 rounds up
    expect(calibrateStarterDecay({ ...moves([100, 200, 300], 250), windowOutcomes: 40 }).halfLifeSignals).toBe(10);
  });

  it('scales every bps setting with the size of the moves, and K by exactly as much (x / (x + K) is scale-free)', () => {
    const small = calibrateStarterDecay(moves([50, 80, 120, 200, 310, 0], 200));
    const large = calibrateStarterDecay(moves([100, 160, 240, 400, 620, 0], 200));
    expect(Math.abs(large.lossKExactBps / small.lossKExactBps - 2)).toBeLessThan(TOL);
    expect(large.stabilityGoodErrBps).toBeGreaterThan(small.stabilityGoodErrBps);
    expect(large.minPnlSumBps).toBeGreaterThan(small.minPnlSumBps);
    expect(large.maxAvgAbsErrorBps).toBe(2 * small.maxAvgAbsErrorBps);
    expect(large.halfLifeSignals).toBe(small.halfLifeSignals);
  });

  it('raises K with the number of outcomes summed: more outcomes, each must cost less', () => {
    const few = calibrateStarterDecay(moves([100, 200, 300], 40));
    const many = calibrateStarterDecay({ ...moves([100, 200, 300], 40), outcomesPerAgent: 400 });
    expect(many.lossKExactBps).toBeGreaterThan(few.lossKExactBps);
  });

  it('sizes the promotion pnl gate at 3 sd of a no-edge window sum and leaves the error gates open', () => {
    // |r| 100, 200, 300: rms sqrt((1e4 + 4e4 + 9e4) / 3) = 216.02; 3 x 216.02 x sqrt(100) = 6480.7 -> 6481
    const d = calibrateStarterDecay(moves([100, 200, 300], 100));
    expect([d.minPnlSumBps, d.minHitRate, d.maxErrorRate, d.maxAvgAbsErrorBps, d.minAvgPnlErrorBps]).toEqual([6481, 0.5, 0.2, 600, -600]);
  });

  // Degenerate data: nothing to size on, so the seed values stay (and the YAML says why).
  const seeds = [SEED_STARTER_DECAY.halfLifeSignals, SEED_STARTER_DECAY.lossKBps, SEED_STARTER_DECAY.stabilityGoodErrBps, SEED_STARTER_PROMOTION.minPnlSumBps, SEED_STARTER_PROMOTION.maxAvgAbsErrorBps];
  const settings = (d: StarterDecay): number[] => [d.halfLifeSignals, d.lossKBps, d.stabilityGoodErrBps, d.minPnlSumBps, d.maxAvgAbsErrorBps];

  it('keeps the seed values when no price moved', () => {
    const d = calibrateStarterDecay(decayInputOf(oneSymbolDesk([100, 100, 100, 100], 30), 0.2));
    expect([d.source, ...settings(d)]).toEqual(['no-moves', ...seeds]);
  });

  it('keeps the seed values on a single price', () => {
    const d = calibrateStarterDecay(decayInputOf(oneSymbolDesk([100], 30), 0.2));
    expect([d.source, ...settings(d)]).toEqual(['no-moves', ...seeds]);
  });

  it('keeps the seed values when no horizon fits in the prices (48 h calls on two daily closes)', () => {
    const d = calibrateStarterDecay(decayInputOf({ ...oneSymbolDesk([100, 120], 30), findingHorizonHours: new Float64Array(30).fill(48) }, 0.2));
    expect([d.source, ...settings(d)]).toEqual(['no-moves', ...seeds]);
  });

  it('keeps the seed decay when the agents have too few outcomes to fall to the target at any K', () => {
    // 3 outcomes, half-life round(3 / 4) = 1; at K = 0 each costs 0.08 x 1.15 = 0.092 at weight
    // 1, 1/2, 1/4: (1 - 0.092)(1 - 0.046)(1 - 0.023) = 0.846, above sqrt(0.5) = 0.707
    const d = calibrateStarterDecay(moves([100, 200, 300], 3));
    expect([d.source, d.halfLifeSignals, d.lossKBps]).toEqual(['too-few-outcomes', 80, 50]);
    expect(d.stabilityGoodErrBps).toBe(160); // still sized: 100 + 0.6 x (200 - 100)
  });
});
