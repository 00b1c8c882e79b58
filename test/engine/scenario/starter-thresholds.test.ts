import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateStarterThresholds, killErrorRateFor, type StarterCalibrationInput, type StarterThresholds } from '../../../engine/scenario/starter-thresholds.js';
import { oneSymbolDesk, starterInputOf, type StarterReferenceData } from '../../helpers/starter-reference-case.js';

const TOL = 1e-9;
const DAY_MS = 86_400_000;

interface ReferenceCase extends StarterReferenceData {
  readonly name: string;
  readonly expected: Omit<StarterThresholds, 'horizonSource' | 'minOutcomes'>;
}

// test/reference/starter_thresholds_reference.py (numpy) wrote these
const cases = JSON.parse(readFileSync(new URL('../../reference/starter_thresholds_reference.json', import.meta.url), 'utf8')) as ReferenceCase[];

describe('calibrateStarterThresholds', () => {
  for (const c of cases) {
    it(`matches the numpy reference: ${c.name}`, () => {
      const t = calibrateStarterThresholds(starterInputOf(c));
      const e = c.expected;
      expect(t.horizonHours).toBe(e.horizonHours);
      expect(t.nReturns).toBe(e.nReturns);
      expect(Math.abs(t.absReturnQuantileBps - e.absReturnQuantileBps)).toBeLessThan(TOL);
      expect(Math.abs(t.rmsReturnBps - e.rmsReturnBps)).toBeLessThan(TOL);
      expect([t.outcomesPerAgent, t.windowOutcomes]).toEqual([e.outcomesPerAgent, e.windowOutcomes]);
      expect([t.errorAbsBps, t.retirePnlSumBps, t.retireDrawdownBps, t.killErrorRate]).toEqual([e.errorAbsBps, e.retirePnlSumBps, e.retireDrawdownBps, e.killErrorRate]);
    });
  }

  it('takes the horizon from the findings, else from the spacing of the closes', () => {
    const [withHorizon, without] = cases.map(starterInputOf);
    expect(calibrateStarterThresholds(withHorizon as StarterCalibrationInput).horizonSource).toBe('findings');
    expect(calibrateStarterThresholds(without as StarterCalibrationInput).horizonSource).toBe('prices');
  });

  it('sizes each threshold from the 24 h moves of a hand-computed series', () => {
    // closes 100, 101, 99, 99, 102: 24 h returns +100, -198.0198, 0, +303.0303 bps.
    // sorted |r| = 0, 100, 198.0198, 303.0303; 95th percentile (type 7): index 0.95 x 3 = 2.85,
    // 198.0198 + 0.85 x (303.0303 - 198.0198) = 287.2788 -> 287.
    // rms = sqrt((100^2 + 198.0198^2 + 0 + 303.0303^2) / 4) = 187.7759; 9 findings of one agent:
    // pnl -3 x 187.7759 x sqrt(9) = -1689.98 -> -1690, drawdown the same (window 9 < 250).
    const t = calibrateStarterThresholds(oneSymbolDesk([100, 101, 99, 99, 102], 9));
    expect(t.nReturns).toBe(4);
    expect(Math.abs(t.absReturnQuantileBps - (20000 / 101 + 0.85 * (30000 / 99 - 20000 / 101)))).toBeLessThan(TOL);
    expect(Math.abs(t.rmsReturnBps - Math.sqrt((100 ** 2 + (20000 / 101) ** 2 + (30000 / 99) ** 2) / 4))).toBeLessThan(TOL);
    expect([t.errorAbsBps, t.retirePnlSumBps, t.retireDrawdownBps, t.windowOutcomes]).toEqual([287, -1690, -1690, 9]);
  });

  it('leaves a return out when its horizon runs past the symbol\'s last close', () => {
    // 48 h on three daily closes: only day 0 -> day 2 fits, +2.0 % = 200 bps
    const t = calibrateStarterThresholds({ ...oneSymbolDesk([100, 150, 102], 4), findingHorizonHours: new Float64Array(4).fill(48) });
    expect(t.nReturns).toBe(1);
    expect(Math.abs(t.absReturnQuantileBps - 200)).toBeLessThan(1e-6);
  });

  it('keeps the seed thresholds when no return over the horizon moved (a 24 h horizon on monthly closes)', () => {
    const t = calibrateStarterThresholds({ ...oneSymbolDesk([100, 110, 90], 30), priceTsMs: Float64Array.from([0, 31, 59], (d) => d * DAY_MS) });
    expect([t.nReturns, t.errorAbsBps, t.retirePnlSumBps, t.retireDrawdownBps, t.killErrorRate]).toEqual([0, 200, -200, -500, 0.15]);
  });

  it('gives the same thresholds whatever the order of the rows', () => {
    const c = starterInputOf(cases[0] as ReferenceCase);
    const perm = Array.from(c.priceTsMs, (_, i) => i).reverse();
    const shuffled = { ...c, priceTsMs: Float64Array.from(perm, (i) => c.priceTsMs[i] as number), priceSymbol: Int32Array.from(perm, (i) => c.priceSymbol[i] as number), close: Float64Array.from(perm, (i) => c.close[i] as number), findingAgent: c.findingAgent.slice().reverse(), findingHorizonHours: c.findingHorizonHours.slice().reverse() };
    expect(calibrateStarterThresholds(shuffled)).toEqual(calibrateStarterThresholds(c));
  });
});

describe('killErrorRateFor', () => {
  it('is 3 binomial sd above a 5 % error rate, rounded up to whole percent', () => {
    // 20: 0.05 + 3 sqrt(0.0475 / 20) = 0.19620 -> 0.20; 100: 0.05 + 3 x 0.021794 = 0.11538 -> 0.12
    expect(killErrorRateFor(20)).toBe(0.2);
    expect(killErrorRateFor(100)).toBe(0.12);
    // 1 outcome: 0.05 + 3 x 0.2179 = 0.70 -> 0.71; 0 is judged as 1
    expect(killErrorRateFor(1)).toBe(0.71);
    expect(killErrorRateFor(0)).toBe(0.71);
  });
});
