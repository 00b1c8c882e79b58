import { describe, expect, it } from 'vitest';
import { DEFAULT_GOVERNOR_NORMALIZERS, governorScore } from '../../../../engine/modules/governor/governor-score.js';
import { TOL } from '../allocator/parity-fixtures.js';

describe('governorScore', () => {
  it('weights the normalized PnL, Sharpe, win rate and drawdown 0.4 / 0.3 / 0.2 / 0.1', () => {
    // pnl 250/500 = 0.5; sharpe 1.5/3 = 0.5; winrate 0.6; dd 200/1000 = 0.2
    // 0.5*0.4 + 0.5*0.3 + 0.6*0.2 + 0.8*0.1 = 0.2 + 0.15 + 0.12 + 0.08 = 0.55
    const s = governorScore({ pnl7d: 250, sharpe30d: 1.5, winrate30d: 0.6, maxDd30d: -200 }, DEFAULT_GOVERNOR_NORMALIZERS);
    expect(Math.abs(s - 0.55)).toBeLessThanOrEqual(TOL);
  });

  it('clamps each component to [0, 1]', () => {
    const best = governorScore({ pnl7d: 1e6, sharpe30d: 99, winrate30d: 2, maxDd30d: 0 }, DEFAULT_GOVERNOR_NORMALIZERS);
    expect(Math.abs(best - 1)).toBeLessThanOrEqual(TOL);
    const worst = governorScore({ pnl7d: -1e6, sharpe30d: -5, winrate30d: -1, maxDd30d: -1e6 }, DEFAULT_GOVERNOR_NORMALIZERS);
    expect(worst).toBe(0);
  });

  it('gives missing data no credit', () => {
    const s = governorScore({ pnl7d: Number.NaN, sharpe30d: Number.NaN, winrate30d: Number.NaN, maxDd30d: Number.NaN }, DEFAULT_GOVERNOR_NORMALIZERS);
    expect(s).toBe(0);
  });

  it('uses configurable scales and weights', () => {
    const norm = { ...DEFAULT_GOVERNOR_NORMALIZERS, pnlScaleBps: 100, weights: { pnl: 1, sharpe: 0, winrate: 0, drawdown: 0 } };
    expect(governorScore({ pnl7d: 25, sharpe30d: 0, winrate30d: 0, maxDd30d: 0 }, norm)).toBe(0.25);
  });
});
