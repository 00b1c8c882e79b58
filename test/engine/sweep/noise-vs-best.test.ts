import { describe, expect, it } from 'vitest';
import type { JournalResult } from '../../../engine/sweep/journal.js';
import { NOISE_TESTED, noiseVsBest } from '../../../engine/sweep/noise-vs-best.js';
import { rankConfigs } from '../../../engine/sweep/rank-configs.js';
import { resultOf } from './fixtures.js';

/** An equity curve from 100 compounding `returns`, at times 1..n. */
function curveOf(returns: readonly number[]): JournalResult['curve'] {
  let e = 100;
  return { ts: returns.map((_, i) => i + 1), equity: returns.map((r) => (e *= 1 + r)) };
}

const base = Array.from({ length: 60 }, (_, t) => 0.01 * Math.sin(t) + 0.003);
const row = (id: string, sharpe: number | null, returns: readonly number[], over: Partial<Record<string, number | null>> = {}): JournalResult => resultOf(id, { sharpe, initial_equity: 100, periods_per_year: 12, turnover_traded_annualized: 1, ...over }, {}, curveOf(returns));

function verdictsOf(rows: readonly JournalResult[], objective = 'sharpe', direction: 'maximize' | 'minimize' = 'maximize'): ReturnType<typeof noiseVsBest> {
  return noiseVsBest(rows, rankConfigs(rows, objective, direction), objective);
}

describe('noiseVsBest', () => {
  it('finds an identical configuration within noise and a shifted one distinct', () => {
    // 'same' has the best's returns: every resample's difference is exactly 0, interval [0, 0].
    // 'low' earns 2 % less every month at the same spread: each resample's difference is
    // -0.02 / sd * sqrt(12) < 0 (one sd for both), so the interval lies below 0.
    const rows = [row('best', 1.2, base), row('low', -9, base.map((r) => r - 0.02)), row('same', 1.2, base)];
    const { verdicts, report } = verdictsOf(rows);
    expect(verdicts.get('best')).toEqual({ vsBest: 'best', low: null, high: null });
    expect(verdicts.get('same')).toEqual({ vsBest: 'within_noise', low: 0, high: 0 });
    expect(verdicts.get('low')?.vsBest).toBe('distinct');
    expect(verdicts.get('low')?.high).toBeLessThan(0);
    // ranks: best 1, same 2 (equal Sharpe, larger id), low 3; mean block round(60^(1/3)) = 4
    expect(report).toMatchObject({ objective: 'sharpe', not_applicable: null, tested: 2, within_noise: [1, 2], distinct: [3], untested: 0, mean_block: 4, seed: 42, resamples: 2000, level: 0.95 });
  });

  it('says n/a, and why, for an objective that is not a Sharpe ratio', () => {
    const rows = [row('a', 1, base, { max_drawdown: 0.1 }), row('b', 1, base, { max_drawdown: 0.2 })];
    const { verdicts, report } = verdictsOf(rows, 'max_drawdown', 'minimize');
    expect([verdicts.get('a')?.vsBest, verdicts.get('b')?.vsBest]).toEqual(['best', 'n/a']);
    expect(report?.not_applicable).toMatch(/tests a difference of Sharpe ratios, and max_drawdown is not one/);
    expect(report?.tested).toBe(0);
  });

  it('gives no interval to a configuration annualized with other periods per year, and names them', () => {
    const rows = [row('a', 1.2, base), row('b', 1, base, { periods_per_year: 52 })];
    const { verdicts, report } = verdictsOf(rows);
    expect(verdicts.get('b')).toEqual({ vsBest: 'n/a', low: null, high: null });
    expect(report?.no_interval).toEqual([{ rank: 2, config_id: 'b', reason: "periods_per_year 52, the best's 12: their Sharpe ratios are annualized differently" }]);
  });

  it(`bootstraps only the ${NOISE_TESTED} configurations ranked after the best and marks the rest untested`, () => {
    const rows = Array.from({ length: NOISE_TESTED + 3 }, (_, i) => row(`c${String(i).padStart(3, '0')}`, 2 - i / 1000, base));
    const { verdicts, report } = verdictsOf(rows);
    expect(report?.tested).toBe(NOISE_TESTED);
    expect(report?.untested).toBe(2);
    expect(verdicts.get(`c${NOISE_TESTED}`)?.vsBest).toBe('within_noise');
    expect([verdicts.get(`c${NOISE_TESTED + 1}`)?.vsBest, verdicts.get(`c${NOISE_TESTED + 2}`)?.vsBest]).toEqual(['untested', 'untested']);
  });

  it('marks a configuration that never traded, which has no rank', () => {
    const rows = [row('a', 1.2, base), row('idle', null, base.map(() => 0), { turnover_traded_annualized: 0 })];
    const { verdicts } = verdictsOf(rows);
    expect(verdicts.get('idle')?.vsBest).toBe('never_traded');
  });
});
