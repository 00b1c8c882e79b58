import { describe, expect, it } from 'vitest';
import { buildKillList } from '../../../datasets/generate/kill-list.js';
import type { GroupOutcome, OutcomeStats } from '../../../datasets/generate/realized-outcomes.js';

const stats = (hitRate: number, maxDrawdownBps: number): OutcomeStats => ({ findings: 100, hitRate, pnlSumBps: 0, maxDrawdownBps });
const outcome = (all: OutcomeStats, before: OutcomeStats, after: OutcomeStats): GroupOutcome => ({ all, beforeBreak: before, afterBreak: after, breachMs: null });

describe('buildKillList', () => {
  const list = buildKillList(
    ['arb', 'funding', 'sentiment'],
    'sentiment',
    [
      outcome(stats(0.55, -100), stats(0.55, -80), stats(0.55, -100)),
      outcome(stats(0.52, -1000), stats(0.52, -1000), stats(0.52, -900)),
      outcome(stats(0.5, -3000), stats(0.56, -400), stats(0.44, -3000)),
    ],
  );

  it('keeps the seed thresholds when the class never came close', () => {
    // arb: ceil(1.25 * 100) + 1 = 126 -> -126 is above the seed's -250, so -250 stays
    expect(list['arb']).toEqual({ status: 'ACTIVE', maxDrawdownBps: -250, minHitRate: 0.42 });
  });

  it('moves a healthy class beyond 1.25 x its whole-sample drawdown', () => {
    // funding: -(ceil(1.25 * 1000) + 1) = -1251
    expect(list['funding']).toEqual({ status: 'ACTIVE', maxDrawdownBps: -1251 });
  });

  it('sets the decaying class just beyond its pre-break drawdown, with no hit-rate threshold', () => {
    // drawdown -(ceil(1.1 * 400) + 1) = -441; the whole-history hit rate is too slow and noisy to gate on
    expect(list['sentiment']).toEqual({ status: 'ACTIVE', maxDrawdownBps: -441 });
  });
});
