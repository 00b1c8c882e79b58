import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../engine/metrics/compute-metrics.js';
import { deflatedSharpeRatio, expectedMaxSharpe, probabilisticSharpeRatio, sampleVariance } from '../../../engine/sweep/overfitting.js';
import { normalCdf, normalQuantile } from '../../../engine/sweep/normal-distribution.js';
import { overfittingReport } from '../../../engine/sweep/summary.js';
import type { JournalResult } from '../../../engine/sweep/journal.js';
import type { RunMetrics } from '../../../engine/run/run-metrics.js';

const TOL = 1e-9;
// test/reference/overfitting_reference.py (numpy + scipy), outputs committed
const REF = JSON.parse(readFileSync('test/fixtures/sweep/overfitting_reference.json', 'utf8')) as {
  trials: number[][];
  best_index: number;
  sharpe_per_period: number;
  skewness: number;
  kurtosis: number;
  psr_0: number;
  psr_0_05: number;
  trial_sharpe_variance: number;
  expected_max_sharpe: number;
  dsr: number;
  expected_max_sharpe_100_trials_var_0_01: number;
  norm_cdf: Record<string, number>;
  norm_ppf: Record<string, number>;
};

function rowOf(returns: number[], i: number): JournalResult {
  const rec = computeMetrics(Float64Array.from(returns), { periodsPerYear: 12 });
  const metrics = { ...rec, periods_per_year: 12 } as unknown as RunMetrics;
  return { kind: 'result', config_id: `c${i}`, params: {}, metrics, curve: { ts: [], equity: [] } };
}

describe('normalCdf', () => {
  it('matches scipy.stats.norm.cdf from -9 to 8 (relative in the tails)', () => {
    for (const [z, p] of Object.entries(REF.norm_cdf)) expect(Math.abs(normalCdf(Number(z)) - p)).toBeLessThanOrEqual(TOL * Math.max(p, 1e-10));
  });
});

describe('normalQuantile', () => {
  it('matches scipy.stats.norm.ppf from 1e-12 to 0.99999', () => {
    for (const [p, z] of Object.entries(REF.norm_ppf)) expect(normalQuantile(Number(p))).toBeCloseTo(z, 9);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('probabilisticSharpeRatio', () => {
  it('matches the numpy/scipy reference for benchmarks 0 and 0.05', () => {
    const n = REF.trials[REF.best_index]?.length ?? 0;
    const exk = REF.kurtosis - 3;
    expect(Math.abs((probabilisticSharpeRatio(REF.sharpe_per_period, n, REF.skewness, exk, 0) ?? NaN) - REF.psr_0)).toBeLessThan(TOL);
    expect(Math.abs((probabilisticSharpeRatio(REF.sharpe_per_period, n, REF.skewness, exk, 0.05) ?? NaN) - REF.psr_0_05)).toBeLessThan(TOL);
  });

  it('is 0.5 when the Sharpe equals the benchmark, and null for fewer than 2 returns', () => {
    expect(probabilisticSharpeRatio(0.1, 50, 0, 0, 0.1)).toBe(0.5);
    expect(probabilisticSharpeRatio(0.1, 1, 0, 0)).toBeNull();
  });
});

describe('expectedMaxSharpe', () => {
  it('matches the reference for 100 trials of variance 0.01, and is null for one trial', () => {
    expect(Math.abs((expectedMaxSharpe(100, 0.01) ?? NaN) - REF.expected_max_sharpe_100_trials_var_0_01)).toBeLessThan(TOL);
    expect(expectedMaxSharpe(1, 0.01)).toBeNull();
  });
});

describe('sampleVariance', () => {
  it('divides by n - 1: [1, 2, 3, 4] gives 5/3', () => {
    expect(sampleVariance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 15);
    expect(sampleVariance([1])).toBeNull();
  });
});

describe('deflatedSharpeRatio', () => {
  it('matches the reference DSR, SR0 and trial variance over 8 trials', () => {
    const rows = REF.trials.map(rowOf);
    const srs = rows.map((r) => (r.metrics.sharpe as number) / Math.sqrt(12));
    const best = rows[REF.best_index] as JournalResult;
    const d = deflatedSharpeRatio(srs[REF.best_index] as number, 150, best.metrics.skewness as number, best.metrics.excess_kurtosis as number, srs);
    expect(Math.abs((d.trialSharpeVariance ?? NaN) - REF.trial_sharpe_variance)).toBeLessThan(TOL);
    expect(Math.abs((d.expectedMaxSharpe ?? NaN) - REF.expected_max_sharpe)).toBeLessThan(TOL);
    expect(Math.abs((d.dsr ?? NaN) - REF.dsr)).toBeLessThan(TOL);
  });
});

describe('overfittingReport', () => {
  it('reports PSR and DSR of the best row from the annualized Sharpe and its periods per year', () => {
    const rows = REF.trials.map(rowOf);
    const o = overfittingReport(rows[REF.best_index] as JournalResult, rows);
    expect(Math.abs((o?.psr ?? NaN) - REF.psr_0)).toBeLessThan(TOL);
    expect(Math.abs((o?.dsr ?? NaN) - REF.dsr)).toBeLessThan(TOL);
    expect(Math.abs((o?.sharpe_per_period ?? NaN) - REF.sharpe_per_period)).toBeLessThan(TOL);
    expect(o?.n_trials).toBe(8);
  });
});
