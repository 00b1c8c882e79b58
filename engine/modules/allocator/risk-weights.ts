/**
 * Agent capital weights from agent stats (seed 001 `allocation.compute_weights`): hard gates,
 * concave quality score, confidence, simulation-integrity, strategy-CVaR and drawdown
 * penalties, max-weight cap. Seed mode on the contract's JSON args or on arrays; default mode
 * on arrays (Q001-1..7 corrected).
 */
import { SeedRaise } from '../../core/errors.js';
import { pyRound } from '../../core/py-round.js';
import { pySafeFloat } from '../../core/python/py-safe-float.js';
import { asPyDict, pyGet, pyItems, pyMax, pyNumber, type PyDict } from '../../core/python/py-dict.js';

export { riskWeights } from './risk-weights-array.js';
export type { AgentStatsArrays, RiskWeightParams } from './risk-weights-array.js';

// seed 003 get_confidence_multiplier: float(m) if m is not None else 1.0; unparsable -> 1.0
function confidenceMultiplier(multipliers: PyDict, name: string): number {
  const m = pyGet(multipliers, name);
  if (m === null) return 1.0;
  return pySafeFloat(m, 1.0);
}

/** Returns Python `sum(values)`: left to right from 0 (parity note 6). */
function pySum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Returns the raw quality score q of one agent (seed 001 compute_weights loop body), or null when gated out. */
function qualitySeed(
  name: string,
  s: PyDict,
  strategyCvar: PyDict,
  multipliers: PyDict,
  k: { cvar: unknown; dd: unknown },
): number | null {
  const pnl = pySafeFloat(pyGet(s, 'pnl_sum_bps'));
  const hit = pySafeFloat(pyGet(s, 'hit_rate'));
  const err = pySafeFloat(pyGet(s, 'error_rate'));
  const avgAbsErr = pySafeFloat(pyGet(s, 'avg_abs_error_bps'), 999);
  // seed quirk (001): .get('strategy', 'unclassified') keeps a present null (Q001-4)
  const strategy = pyGet(s, 'strategy', 'unclassified');

  if (err > 0.15) return null;
  if (pnl <= 0) return null;

  let q = Math.sqrt(pyMax(pnl, 0)) * (0.6 + hit);
  q *= confidenceMultiplier(multipliers, name);
  const denom = 1.0 + avgAbsErr / 75.0;
  if (denom === 0) throw new SeedRaise('ZeroDivisionError', 'float division by zero'); // Q001-7
  q *= 1.0 / denom;

  const cv = asPyDict(pyGet(strategyCvar, strategy, {}), 'strategy_cvar entry');
  const stratCvar = pySafeFloat(pyGet(cv, 'gap_cvar95_bps', 0));
  // the penalty constants are read where the seed first uses them: unused, they never raise
  if (stratCvar < 0) q *= pyMax(0.25, 1.0 + stratCvar * pyNumber(k.cvar, 'CVAR_PENALTY_K'));

  const dd = pySafeFloat(pyGet(s, 'max_drawdown_bps', 0));
  if (dd < 0) q *= pyMax(0.4, 1.0 + dd * pyNumber(k.dd, 'DD_PENALTY_K'));
  return q;
}

/**
 * Returns seed 001 `compute_weights(agent_stats)` as `{agent: weight rounded to 6 dp}`, with
 * `strategy_cvar` and `confidence_multipliers` passed in (parity contract, fn `risk_weights`).
 */
export function riskWeightsSeed(args: Readonly<Record<string, unknown>>): unknown {
  const stats = asPyDict(pyGet(args, 'agent_stats', {}), 'agent_stats');
  const strategyCvar = asPyDict(pyGet(args, 'strategy_cvar', {}), 'strategy_cvar');
  const multipliers = asPyDict(pyGet(args, 'confidence_multipliers', {}), 'confidence_multipliers');
  const k = { cvar: pyGet(args, 'CVAR_PENALTY_K', 0.015), dd: pyGet(args, 'DD_PENALTY_K', 0.01) };

  const raw = new Map<string, number>();
  for (const [name, sv] of pyItems(stats)) {
    const q = qualitySeed(name, asPyDict(sv, 'agent stats'), strategyCvar, multipliers, k);
    if (q !== null && q > 0) raw.set(name, q);
  }
  const total = pySum(raw.values());
  if (total <= 0) return {};

  const weights = new Map<string, number>();
  for (const [name, v] of raw) weights.set(name, v / total);
  const maxWeight = pyNumber(pyGet(args, 'MAX_WEIGHT', 0.25), 'MAX_WEIGHT'); // first used here

  // seed quirk (001): one pass; receivers may end above MAX_WEIGHT (Q001-1, Q001-2) and with
  // nobody below the cap the excess is dropped (Q001-3)
  const capped = new Map<string, number>();
  let excess = 0.0;
  for (const [name, w] of weights) {
    if (w > maxWeight) {
      capped.set(name, maxWeight);
      excess += w - maxWeight;
    } else capped.set(name, w);
  }
  if (excess > 0) {
    const free = pySum([...capped.values()].filter((v) => v < maxWeight));
    if (free > 0) {
      for (const [name, v] of capped) {
        if (v < maxWeight) capped.set(name, v + excess * (v / free));
      }
    }
  }
  return Object.fromEntries([...capped].map(([name, v]) => [name, pyRound(v, 6)]));
}
