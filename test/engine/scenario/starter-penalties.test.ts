import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateStarterPenalties, SEED_STARTER_PENALTIES, type StarterPenalties, type StarterPenaltyInput } from '../../../engine/scenario/starter-penalties.js';
import { calibrateStarterThresholds, starterHorizonReturns } from '../../../engine/scenario/starter-thresholds.js';
import { starterInputOf, type StarterReferenceData } from '../../helpers/starter-reference-case.js';

const TOL = 1e-9;
const DAY_MS = 86_400_000;

interface ReferenceCase extends StarterReferenceData {
  readonly name: string;
  readonly input: StarterReferenceData['input'] & { findingTsMs: number[]; findingClass: number[] };
  readonly expected: StarterPenalties;
}

// test/reference/starter_penalties_reference.py (numpy) wrote these
const cases = JSON.parse(readFileSync(new URL('../../reference/starter_penalties_reference.json', import.meta.url), 'utf8')) as ReferenceCase[];

function penaltyInputOf(c: ReferenceCase): StarterPenaltyInput {
  const input = starterInputOf(c);
  return {
    returnsBps: starterHorizonReturns(input).returns,
    outcomesPerAgent: calibrateStarterThresholds(input).outcomesPerAgent,
    findingTsMs: Float64Array.from(c.input.findingTsMs),
    findingClass: Int32Array.from(c.input.findingClass),
    cvarLevel: 0.95,
    cvarMinN: 20,
  };
}

/** Returns of the given sizes (bps), for a desk whose median agent has `outcomes` outcomes, one class finding once a day for `days` days. */
function desk(returnsBps: readonly number[], outcomes: number, days: number): StarterPenaltyInput {
  return {
    returnsBps: Float64Array.from(returnsBps),
    outcomesPerAgent: outcomes,
    findingTsMs: Float64Array.from({ length: days }, (_, i) => i * DAY_MS),
    findingClass: new Int32Array(days),
    cvarLevel: 0.95,
    cvarMinN: 20,
  };
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b));

describe('calibrateStarterPenalties', () => {
  for (const c of cases) {
    it(`matches the numpy reference: ${c.name}`, () => {
      const p = calibrateStarterPenalties(penaltyInputOf(c));
      const e = c.expected;
      for (const key of ['rmsReturnBps', 'noEdgeDrawdownBps', 'ddPenaltyKExact', 'noEdgeCvarBps', 'cvarPenaltyKExact', 'spanDays', 'windowDaysExact', 'findingsPerClass'] as const) expect(near(p[key], e[key]), `${key}: ${p[key]} vs ${e[key]}`).toBe(true);
      expect([p.ddPenaltyK, p.cvarPenaltyK, p.classes, p.cvarWindowDays]).toEqual([e.ddPenaltyK, e.cvarPenaltyK, e.classes, e.cvarWindowDays]);
    });
  }

  it("puts a no-edge agent's expected drawdown and a no-edge class's CVaR halfway between 1 and each factor's floor", () => {
    const p = calibrateStarterPenalties(penaltyInputOf(cases[0] as ReferenceCase));
    expect(Math.abs(1 - p.noEdgeDrawdownBps * p.ddPenaltyKExact - 0.7)).toBeLessThan(TOL); // floor 0.4
    expect(Math.abs(1 + p.noEdgeCvarBps * p.cvarPenaltyKExact - 0.625)).toBeLessThan(TOL); // floor 0.25
  });

  it('sizes the drawdown slope on sqrt(pi/2) rms sqrt(n) of a hand-computed desk', () => {
    // returns +-100, +-300: rms sqrt((1e4 + 9e4) / 2) = 223.607; 100 outcomes: drawdown
    // 1.253314 x 223.607 x 10 = 2802.495 bps; 0.3 / 2802.495 = 1.07048e-4 -> 0.00011
    const p = calibrateStarterPenalties(desk([100, -100, 300, -300], 100, 365));
    expect(Math.abs(p.noEdgeDrawdownBps - 2802.495)).toBeLessThan(1e-3);
    expect(p.ddPenaltyK).toBe(0.00011);
  });

  it('takes the CVaR of every return and its negative, whatever the drift of the prices', () => {
    // up-only returns 100..2000 step 100 (20): +-r holds 40 values; the 5% quantile (type 7) is at
    // index 0.05 x 39 = 1.95 of -2000, -1900, ...: -1900 + 0.95 x 100 = -1805; below it: -2000, -1900 -> -1950
    const up = Array.from({ length: 20 }, (_, i) => 100 * (i + 1));
    const p = calibrateStarterPenalties(desk(up, 100, 365));
    expect(Math.abs(p.noEdgeCvarBps + 1950)).toBeLessThan(TOL);
    expect(p.cvarPenaltyK).toBe(0.00019); // 0.375 / 1950 = 1.923e-4
    expect(calibrateStarterPenalties(desk(up.map((x) => -x), 100, 365)).noEdgeCvarBps).toBe(p.noEdgeCvarBps);
  });

  it('widens the CVaR window until the median class holds 2 x cvar.min_n outcomes, never below the seed 30 days', () => {
    // one finding a week for 700 days: 101 findings; 2 x 20 x 700 / 101 = 277.2 -> 278 days
    const weekly = { ...desk([100, -100], 100, 0), findingTsMs: Float64Array.from({ length: 101 }, (_, i) => i * 7 * DAY_MS), findingClass: new Int32Array(101) };
    expect(calibrateStarterPenalties(weekly).cvarWindowDays).toBe(278);
    // one a day: 40 days hold 40
    expect(calibrateStarterPenalties(desk([100, -100], 100, 401)).cvarWindowDays).toBe(40);
    // ten a day: 4 days would do; the seed's 30 stays
    const dense = { ...desk([100, -100], 100, 0), findingTsMs: Float64Array.from({ length: 1000 }, (_, i) => i * 0.1 * DAY_MS), findingClass: new Int32Array(1000) };
    expect(calibrateStarterPenalties(dense).cvarWindowDays).toBe(30);
  });

  it('reads the median class: a slow class beside fast ones widens the window only when it is the median', () => {
    const days = 400;
    const tsMs = Float64Array.from({ length: 3 * days }, (_, i) => Math.floor(i / 3) * DAY_MS);
    // classes 0 and 1 find daily, class 2 daily too: 2 x 20 x 399 / 400 = 39.9 -> 40
    const even = { ...desk([100, -100], 100, 0), findingTsMs: tsMs, findingClass: Int32Array.from(tsMs, (_, i) => i % 3) };
    expect(calibrateStarterPenalties(even).cvarWindowDays).toBe(40);
    // two thirds of the findings to class 0: counts 800, 200, 200 -> median 200: 2 x 20 x 399 / 200 = 79.8 -> 80
    const skew = { ...even, findingClass: Int32Array.from(tsMs, (_, i) => (i % 3 === 2 ? (Math.floor(i / 3) % 2 === 0 ? 1 : 2) : 0)) };
    expect(calibrateStarterPenalties(skew).cvarWindowDays).toBe(80);
  });

  it("keeps the seeds' slopes when no price moved, and the seed window when the findings span no time", () => {
    const p = calibrateStarterPenalties(desk([0, 0, 0], 100, 1));
    expect([p.ddPenaltyK, p.cvarPenaltyK, p.cvarWindowDays]).toEqual([SEED_STARTER_PENALTIES.ddPenaltyK, SEED_STARTER_PENALTIES.cvarPenaltyK, SEED_STARTER_PENALTIES.cvarWindowDays]);
    const none = calibrateStarterPenalties(desk([], 0, 0));
    expect([none.ddPenaltyK, none.cvarPenaltyK, none.cvarWindowDays]).toEqual([0.01, 0.015, 30]);
  });
});
