import { describe, expect, it } from 'vitest';
import { turnover } from '../../../engine/metrics/turnover.js';
import { averageGrossExposure } from '../../../engine/metrics/gross-exposure.js';
import { countKills } from '../../../engine/metrics/count-kills.js';
import { returnsFromEquity } from '../../../engine/metrics/returns-from-equity.js';
import { hitRate } from '../../../engine/metrics/hit-rate.js';

describe('turnover', () => {
  it('sums |Δweight| per rebalance and annualizes over the run', () => {
    // rebalance 1: |0.6-0.5| + |0.4-0.5| = 0.2; rebalance 2: |0-0.6| + |1-0.4| = 1.2; total 1.4
    // over 126 daily periods = 0.5 year -> 2.8 a year.
    const t = turnover([Float64Array.from([0.5, 0.5]), Float64Array.from([0.6, 0.4])], [Float64Array.from([0.6, 0.4]), Float64Array.from([0, 1])], 126, 252);
    expect(Array.from(t.perRebalance).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([0.2, 1.2]);
    expect(Math.abs(t.total - 1.4)).toBeLessThan(1e-12);
    expect(Math.abs((t.annualized.value as number) - 2.8)).toBeLessThan(1e-12);
  });

  it('gives a null annualized turnover for a run without periods', () => {
    expect(turnover([], [], 0, 252).annualized.value).toBeNull();
  });
});

describe('averageGrossExposure', () => {
  it('averages the sum of absolute weights over periods', () => {
    // (0.5 + 0.5) and (1.0 + 0.5): mean 1.25
    expect(averageGrossExposure([Float64Array.from([0.5, -0.5]), Float64Array.from([1, 0.5])]).value).toBe(1.25);
    expect(averageGrossExposure([]).value).toBeNull();
  });
});

describe('countKills', () => {
  it('counts agent_killed events', () => {
    expect(countKills(['weights_set', 'agent_killed', 'agent_killed'])).toBe(2);
  });
});

describe('returnsFromEquity', () => {
  it('turns an equity curve into simple returns', () => {
    expect(Array.from(returnsFromEquity(Float64Array.from([100, 110, 99])))).toEqual([110 / 100 - 1, 99 / 110 - 1]);
    expect(returnsFromEquity(Float64Array.from([100])).length).toBe(0);
  });
});

describe('hitRate', () => {
  it('counts zero returns as misses', () => {
    expect(hitRate(Float64Array.from([0.01, 0, -0.01, 0.02])).value).toBe(0.5);
  });
});
