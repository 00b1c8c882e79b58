import { governorAllocate } from '../engine/modules/governor/governor-allocate.js';
import { governorScore, DEFAULT_GOVERNOR_NORMALIZERS } from '../engine/modules/governor/governor-score.js';
import type { AllocatorPlugin } from '../engine/modules/allocator/plugin.js';

/**
 * Seed 002 Capital Governor: composite score (PnL 7d 40%, Sharpe 30d 30%, win rate 30d 20%,
 * drawdown penalty 10%) -> proportional allocation within [min_alloc, max_alloc] among the
 * eligible agents. The regime multiplier, guardian pause and reallocation threshold act on
 * the final targets in the engine's cycle, for every variant.
 */
export const capitalGovernor: AllocatorPlugin = {
  name: 'capital-governor',
  description: 'composite-score allocation with min/max bounds (seed 002 Capital Governor)',
  needsWindowDrawdown: true,
  params: {
    min_alloc: { kind: 'number', doc: 'minimum allocation per agent, a fraction (seed CAPITAL_GOVERNOR_MIN_ALLOC)', default: 0.05, min: 0, max: 1, atMost: 'max_alloc' },
    max_alloc: { kind: 'number', doc: 'maximum allocation per agent, a fraction (seed CAPITAL_GOVERNOR_MAX_ALLOC)', default: 0.4, min: 0, max: 1, minExclusive: true },
    pnl_scale_bps: { kind: 'number', doc: 'pnl_7d that scores 1.0 (normalize_pnl_7d = clamp(pnl_7d / this, 0, 1)), bps', default: DEFAULT_GOVERNOR_NORMALIZERS.pnlScaleBps, min: 0, minExclusive: true },
    sharpe_scale: { kind: 'number', doc: 'sharpe_30d that scores 1.0 (normalize_sharpe = clamp(sharpe / this, 0, 1))', default: DEFAULT_GOVERNOR_NORMALIZERS.sharpeScale, min: 0, minExclusive: true },
    drawdown_scale_bps: { kind: 'number', doc: 'max_dd_30d magnitude that scores the full penalty (normalize_drawdown = clamp(|dd| / this, 0, 1)), bps', default: DEFAULT_GOVERNOR_NORMALIZERS.drawdownScaleBps, min: 0, minExclusive: true },
  },
  reads: () => ({ confidence: false, strategyCvar: false, windowStats: true }),
  allocate(input, params, mode) {
    const p = params as { min_alloc: number; max_alloc: number; pnl_scale_bps: number; sharpe_scale: number; drawdown_scale_bps: number };
    const { stats } = input;
    const ids: number[] = [];
    for (let a = 0; a < stats.n; a++) if (stats.eligible[a]) ids.push(a);
    const out = new Float64Array(stats.n);
    if (ids.length === 0) return out;
    const norm = { ...DEFAULT_GOVERNOR_NORMALIZERS, pnlScaleBps: p.pnl_scale_bps, sharpeScale: p.sharpe_scale, drawdownScaleBps: p.drawdown_scale_bps };
    const scores = new Float64Array(ids.length);
    // NaN (no outcomes in the window) goes to governorScore as it is: no credit, and for the
    // drawdown the full penalty (docs/modules/governor.md), not a 0 drawdown's full credit.
    ids.forEach((a, j) => {
      scores[j] = governorScore(
        {
          pnl7d: stats.pnl7dBps[a] as number,
          sharpe30d: stats.sharpe30d[a] as number,
          winrate30d: stats.winrate30d[a] as number,
          maxDd30d: stats.maxDd30dBps[a] as number,
        },
        norm,
      );
    });
    const alloc = governorAllocate(scores, { minAlloc: p.min_alloc, maxAlloc: p.max_alloc, riskMultiplier: 1 }, mode);
    ids.forEach((a, j) => {
      out[a] = alloc.weights[j] as number;
    });
    return out;
  },
};
