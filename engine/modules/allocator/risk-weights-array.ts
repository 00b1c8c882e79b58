/**
 * Seed 001 `allocation.compute_weights` on typed arrays indexed by agent id, in seed mode
 * (exactly 001, single-pass cap, 6-dp rounding) or default mode (Q001-1..7 corrected).
 */
import { assert, SeedRaise } from '../../core/errors.js';
import { pyRound } from '../../core/py-round.js';
import { waterFill } from './water-fill.js';

/** Per-agent stats, indexed by agent id. */
export interface AgentStatsArrays {
  readonly n: number;
  /** Summed realized PnL, bps. */
  readonly pnlSumBps: Float64Array;
  /** Hit rate, a fraction in [0, 1]; NaN = no data. */
  readonly hitRate: Float64Array;
  /** Error rate, a fraction in [0, 1]; NaN = no data. */
  readonly errorRate: Float64Array;
  /** Mean |expected - realized|, bps; NaN = no data. */
  readonly avgAbsErrorBps: Float64Array;
  /** Max drawdown, bps, <= 0; NaN = no data. */
  readonly maxDrawdownBps: Float64Array;
  /** Index into strategyCvarBps; -1 = unclassified. */
  readonly strategyId: Int32Array;
  /** 0 = killed / retired / disabled: weight 0. */
  readonly eligible: Uint8Array;
}

/** Tunables of seed 001 (MAX_WEIGHT, CVAR_PENALTY_K, DD_PENALTY_K) plus the default-mode bounds. */
export interface RiskWeightParams {
  /** Cap per agent, a fraction of capital (seed MAX_WEIGHT 0.25). */
  readonly maxWeight: number;
  /** CVaR penalty slope, 1/bps (seed 0.015). */
  readonly cvarPenaltyK: number;
  /** Drawdown penalty slope, 1/bps (seed 0.01). */
  readonly ddPenaltyK: number;
  /** CVaR of the expected-vs-realized gap for unclassified agents, bps; NaN if none. */
  readonly unclassifiedCvarBps: number;
  /** Default mode: confidence multipliers are clamped to [floor, ceil] (seed 003 FLOOR 0.5). */
  readonly confidenceFloor?: number;
  /** Default mode: upper clamp of confidence multipliers (seed 003 CEIL 1.1). */
  readonly confidenceCeil?: number;
  /** Hard gate: error_rate above this gets no capital, a fraction (seed 001's literal 0.15; honoured in both modes). */
  readonly maxErrorRate?: number;
  /** Default mode: avg abs error assumed when there is none, bps (seed `_safe(..., 999)`). */
  readonly missingAbsErrorBps?: number;
}

/** Default-mode bounds: seed 003 FLOOR / CEIL, seed 001's 0.15 gate and 999 bps missing error. */
export const RISK_WEIGHT_DEFAULTS = {
  confidenceFloor: 0.5,
  confidenceCeil: 1.1,
  maxErrorRate: 0.15,
  missingAbsErrorBps: 999,
} as const;

const orZero = (x: number): number => (Number.isNaN(x) ? 0 : x);

/** Returns agent i's raw quality q (seed 001 loop body), 0 when gated out. */
function quality(
  i: number,
  stats: AgentStatsArrays,
  confidenceMult: Float64Array,
  strategyCvarBps: Float64Array,
  params: RiskWeightParams,
  mode: 'seed' | 'default',
): number {
  if ((stats.eligible[i] ?? 0) === 0) return 0;
  const seed = mode === 'seed';
  let pnl = stats.pnlSumBps[i] ?? Number.NaN;
  let hit = stats.hitRate[i] ?? Number.NaN;
  let err = stats.errorRate[i] ?? Number.NaN;
  // default: no data earns no capital; seed quirk (001 _safe): missing reads as 0 (Q001-6)
  if (!seed && (Number.isNaN(pnl) || Number.isNaN(hit) || Number.isNaN(err))) return 0;
  pnl = orZero(pnl);
  hit = orZero(hit);
  err = orZero(err);
  const rawErr = stats.avgAbsErrorBps[i] ?? Number.NaN;
  const missingErr = seed ? 999 : (params.missingAbsErrorBps ?? RISK_WEIGHT_DEFAULTS.missingAbsErrorBps);
  const avgAbsErr = Number.isNaN(rawErr) ? missingErr : rawErr;
  // the message is built only when the check fails (it runs every tick for every agent)
  if (!seed && !(avgAbsErr >= 0)) assert(false, `riskWeights: avgAbsErrorBps[${i}] must be >= 0 (Q001-7)`);

  // Seed 001 writes the gate as a literal 0.15: that is the default, and seed mode honours a
  // scenario's max_error_rate too (left at 0.15 it is the seed exactly), instead of ignoring it.
  if (err > (params.maxErrorRate ?? RISK_WEIGHT_DEFAULTS.maxErrorRate)) return 0;
  if (pnl <= 0) return 0;

  let q = Math.sqrt(pnl) * (0.6 + hit);
  let m = confidenceMult[i] ?? Number.NaN;
  if (Number.isNaN(m)) m = 1.0;
  if (!seed) {
    const lo = params.confidenceFloor ?? RISK_WEIGHT_DEFAULTS.confidenceFloor;
    const hi = params.confidenceCeil ?? RISK_WEIGHT_DEFAULTS.confidenceCeil;
    m = Math.min(hi, Math.max(lo, m));
  }
  q *= m;
  const denom = 1.0 + avgAbsErr / 75.0;
  if (denom === 0) throw new SeedRaise('ZeroDivisionError', 'float division by zero'); // Q001-7
  q *= 1.0 / denom;

  const k = stats.strategyId[i] ?? -1;
  const cvar = orZero(k < 0 ? params.unclassifiedCvarBps : (strategyCvarBps[k] ?? Number.NaN));
  if (cvar < 0) q *= Math.max(0.25, 1.0 + cvar * params.cvarPenaltyK);
  const dd = orZero(stats.maxDrawdownBps[i] ?? Number.NaN);
  if (dd < 0) q *= Math.max(0.4, 1.0 + dd * params.ddPenaltyK);
  return q > 0 ? q : 0;
}

/** seed quirk (001 compute_weights): one cap pass, excess shared by those below the cap (Q001-1..3). */
function capSinglePass(raw: Float64Array, total: number, maxWeight: number): Float64Array {
  const n = raw.length;
  const capped = new Float64Array(n);
  let excess = 0.0;
  for (let i = 0; i < n; i++) {
    const w = (raw[i] ?? 0) / total;
    if (w > maxWeight) {
      capped[i] = maxWeight;
      excess += w - maxWeight;
    } else capped[i] = w;
  }
  if (excess > 0) {
    let free = 0;
    for (let i = 0; i < n; i++) if ((raw[i] ?? 0) > 0 && (capped[i] ?? 0) < maxWeight) free += capped[i] ?? 0;
    if (free > 0) {
      for (let i = 0; i < n; i++) {
        const v = capped[i] ?? 0;
        if ((raw[i] ?? 0) > 0 && v < maxWeight) capped[i] = v + excess * (v / free);
      }
    }
  }
  return capped.map((v) => pyRound(v, 6));
}

/**
 * Returns agent weights (fractions of capital, indexed by agent id; 1 - sum is cash).
 * q = sqrt(pnl) * (0.6 + hit) * conf * 1/(1 + err_bps/75) * max(.25, 1 + cvar*k_cvar)
 *     * max(.4, 1 + dd*k_dd), gated by error_rate > 0.15 and pnl <= 0 (seed 001 compute_weights).
 * seed: normalize, one cap pass, round 6 dp. default: waterFill(q, maxWeight, 1), multipliers
 * clamped to [confidenceFloor, confidenceCeil], no data -> 0, no rounding.
 */
export function riskWeights(
  stats: AgentStatsArrays,
  confidenceMult: Float64Array,
  strategyCvarBps: Float64Array,
  params: RiskWeightParams,
  mode: 'seed' | 'default',
): Float64Array {
  const raw = new Float64Array(stats.n);
  let total = 0;
  for (let i = 0; i < stats.n; i++) {
    raw[i] = quality(i, stats, confidenceMult, strategyCvarBps, params, mode);
    total += raw[i] ?? 0;
  }
  if (!(total > 0)) return new Float64Array(stats.n);
  if (mode === 'seed') return capSinglePass(raw, total, params.maxWeight);
  return waterFill(raw, params.maxWeight, 1);
}
