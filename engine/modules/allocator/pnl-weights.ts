/**
 * PnL-weighted capital (seed 004 `allocation/capital_sim.compute_weights`): weight in
 * proportion to positive summed PnL with a minimum weight. Seed mode verbatim (JSON or
 * arrays); default mode floors after normalizing, winners only, no rounding (Q004-1..5).
 */
import { SeedRaise } from '../../core/errors.js';
import { pyRound } from '../../core/py-round.js';
import { pyTypeName } from '../../core/python/py-builtins.js';
import { asPyDict, isPyTruthy, pyGet, pyItems, pyMax, pyNumber } from '../../core/python/py-dict.js';
import { boundedFill } from './bounded-fill.js';

// Python max(0, x): TypeError for None / str (Q004-6), bool is an int
function alphaOf(stats: Readonly<Record<string, unknown>>, name: string): number {
  if (!Object.prototype.hasOwnProperty.call(stats, 'pnl_sum_bps')) {
    throw new SeedRaise('KeyError', "'pnl_sum_bps'");
  }
  const v = stats['pnl_sum_bps'];
  if (typeof v !== 'number' && typeof v !== 'boolean') {
    throw new SeedRaise('TypeError', `'>' not supported between instances of '${pyTypeName(v)}' and 'int' (agent ${name})`);
  }
  return pyMax(0, pyNumber(v, 'pnl_sum_bps'));
}

/** Returns seed 004 `compute_weights(agent_stats, min_weight)` as `{agent: weight, 4 dp}`, verbatim. */
export function pnlWeightsSeed(args: Readonly<Record<string, unknown>>): unknown {
  const agentStats = asPyDict(pyGet(args, 'agent_stats', {}), 'agent_stats');
  const entries = pyItems(agentStats).map(([name, a]) => [name, asPyDict(a, 'agent stats')] as const);
  // no agent: min_weight is never compared, so never checked (Python returns {} for min_weight None)
  if (entries.length === 0) return {};
  const minWeight = pyNumber(pyGet(args, 'min_weight', 0.02), 'min_weight');

  let totalAlpha = 0;
  for (const [name, a] of entries) totalAlpha += alphaOf(a, name);
  const weights = new Map<string, number>();
  for (const [name, a] of entries) {
    const alpha = alphaOf(a, name);
    const w = isPyTruthy(totalAlpha) ? alpha / totalAlpha : 0;
    // seed quirk (004): the floor comes before renormalizing (Q004-1), rounding twice (Q004-2)
    weights.set(name, pyMax(minWeight, pyRound(w, 4)));
  }
  let s = 0;
  for (const v of weights.values()) s += v;
  const out = new Map<string, number>();
  for (const [name, v] of weights) {
    if (s === 0) throw new SeedRaise('ZeroDivisionError', 'float division by zero'); // Q004-5
    out.set(name, pyRound(v / s, 4));
  }
  return Object.fromEntries(out);
}

function pnlWeightsSeedArray(pnlSumBps: Float64Array, eligible: Uint8Array, minWeight: number): Float64Array {
  const n = pnlSumBps.length;
  let totalAlpha = 0;
  for (let i = 0; i < n; i++) if ((eligible[i] ?? 0) !== 0) totalAlpha += pyMax(0, pnlSumBps[i] ?? 0);
  const weights = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    if ((eligible[i] ?? 0) === 0) continue;
    const w = totalAlpha !== 0 ? pyMax(0, pnlSumBps[i] ?? 0) / totalAlpha : 0;
    weights[i] = pyMax(minWeight, pyRound(w, 4));
    s += weights[i] ?? 0;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if ((eligible[i] ?? 0) === 0) continue;
    if (s === 0) throw new SeedRaise('ZeroDivisionError', 'float division by zero'); // Q004-5
    out[i] = pyRound((weights[i] ?? 0) / s, 4);
  }
  return out;
}

/**
 * Returns agent weights (fractions of capital, by agent id; 1 - sum is cash); ineligible agents
 * are left out as if absent from agent_stats. w_i = max(0, pnl_i) / sum max(0, pnl) (seed 004).
 * seed: floor max(min_weight, round(w, 4)), renormalize, round(., 4) again.
 * default: winners (pnl > 0) only; x_i = max(min_weight, lambda * pnl_i) summing to 1 (exact,
 * boundedFill); if winners * min_weight > 1 an equal split; no winner: all zeros (all cash).
 */
export function pnlWeights(
  pnlSumBps: Float64Array,
  eligible: Uint8Array,
  minWeight: number,
  mode: 'seed' | 'default',
): Float64Array {
  if (mode === 'seed') return pnlWeightsSeedArray(pnlSumBps, eligible, minWeight);
  const n = pnlSumBps.length;
  const winners: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = pnlSumBps[i] ?? 0;
    if ((eligible[i] ?? 0) !== 0 && p > 0 && Number.isFinite(p)) winners.push(i);
  }
  const out = new Float64Array(n);
  if (winners.length === 0) return out;
  const w = Float64Array.from(winners, (i) => pnlSumBps[i] ?? 0);
  const filled = boundedFill(w, Math.max(0, minWeight), 1, 1);
  winners.forEach((i, k) => {
    out[i] = filled === null ? 1 / winners.length : (filled[k] ?? 0);
  });
  return out;
}
