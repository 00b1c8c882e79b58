/**
 * Capital Governor composite agent score (seed 002, "Agent Performance Scoring"). The seed
 * never defines normalize_pnl_7d / normalize_sharpe / normalize_drawdown: bt makes them
 * explicit clamps to [0, 1] with configurable scales.
 */

/** Component weights of the composite score (dimensionless; seed 002: 0.40 / 0.30 / 0.20 / 0.10). */
export interface GovernorScoreWeights {
  readonly pnl: number;
  readonly sharpe: number;
  readonly winrate: number;
  readonly drawdown: number;
}

/** Normalizer scales and component weights of governorScore. */
export interface GovernorNormalizers {
  /** 7-day PnL that scores 1: normalize_pnl_7d = clamp(pnl7d / this, 0, 1), bps. */
  readonly pnlScaleBps: number;
  /** 30-day annualised Sharpe that scores 1: normalize_sharpe = clamp(sharpe30d / this, 0, 1). */
  readonly sharpeScale: number;
  /** Drawdown magnitude that scores the full penalty: normalize_drawdown = clamp(|dd| / this, 0, 1), bps. */
  readonly drawdownScaleBps: number;
  readonly weights: GovernorScoreWeights;
}

/**
 * bt's defaults: +500 bps in 7 days, a Sharpe of 3 and a 1000 bps drawdown are "full scale";
 * the component weights are the seed's.
 */
export const DEFAULT_GOVERNOR_NORMALIZERS: GovernorNormalizers = {
  pnlScaleBps: 500,
  sharpeScale: 3,
  drawdownScaleBps: 1000,
  weights: { pnl: 0.4, sharpe: 0.3, winrate: 0.2, drawdown: 0.1 },
};

/** Per-agent governor metrics: 7-day PnL (bps), 30-day Sharpe, 30-day win rate (fraction), 30-day max drawdown (bps, sign ignored). */
export interface GovernorMetrics {
  readonly pnl7d: number;
  readonly sharpe30d: number;
  readonly winrate30d: number;
  readonly maxDd30d: number;
}

/** Returns clamp(x, 0, 1); NaN (no data) maps to `ifNaN`. */
function unit(x: number, ifNaN: number): number {
  if (Number.isNaN(x)) return ifNaN;
  return Math.min(1, Math.max(0, x));
}

/**
 * Returns the composite score in [0, sum of weights] (seed 002):
 * normalize_pnl_7d * 0.40 + normalize_sharpe * 0.30 + winrate * 0.20 + (1 - normalize_drawdown) * 0.10.
 * Missing data (NaN) earns no credit: its component scores 0 (drawdown: the full penalty).
 */
export function governorScore(m: GovernorMetrics, norm: GovernorNormalizers): number {
  const pnl = unit(m.pnl7d / norm.pnlScaleBps, 0);
  const sharpe = unit(m.sharpe30d / norm.sharpeScale, 0);
  const winrate = unit(m.winrate30d, 0);
  const dd = unit(Math.abs(m.maxDd30d) / norm.drawdownScaleBps, 1);
  const w = norm.weights;
  return pnl * w.pnl + sharpe * w.sharpe + winrate * w.winrate + (1 - dd) * w.drawdown;
}
