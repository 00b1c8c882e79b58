/**
 * Capital Governor allocation (seed 002, "Dynamic Allocation Algorithm"): proportional to
 * agent scores within [min_alloc, max_alloc], scaled by the regime risk multiplier.
 * Seed mode follows the parity contract's reading of the prose; default mode is exact.
 */
import { assert, SeedRaise } from '../../core/errors.js';
import { boundedFill } from '../allocator/bounded-fill.js';
import { asPyDict, pyGet, pyItems, pyMax, pyMin, pyNumber } from '../../core/python/py-dict.js';

/** Bounds (fractions of capital per agent) and the regime multiplier (dimensionless, in [0, 1]). */
export interface GovernorParams {
  readonly minAlloc: number;
  readonly maxAlloc: number;
  readonly riskMultiplier: number;
}

/** Agent allocations (fractions of capital, 1 - sum is cash) and whether the bounds could be met. */
export interface GovernorAllocation {
  readonly weights: Float64Array;
  readonly feasible: boolean;
  /** Why the bounds could not be met and what was done instead; null when feasible. */
  readonly note: string | null;
}

/** Returns the infeasibility note for n agents under the bounds, or null when n*min <= 1 <= n*max. */
function infeasibility(n: number, p: GovernorParams): string | null {
  if (n === 0) return null;
  if (n * p.maxAlloc < 1) {
    return `${n} agents x max_alloc ${p.maxAlloc} = ${n * p.maxAlloc} < 1: every agent at max_alloc, the rest held as cash`;
  }
  if (n * p.minAlloc > 1) {
    return `${n} agents x min_alloc ${p.minAlloc} = ${n * p.minAlloc} > 1: equal split 1/${n}`;
  }
  return null;
}

/** The contract's reading of seed 002 on one ordered list of scores (Python float semantics). */
function seedReading(scores: readonly number[], lo: number, hi: number, rm: number): number[] {
  const s = scores.map((v) => pyMax(0.0, v));
  const n = s.length;
  let tot = 0;
  for (const v of s) tot += v;
  const al = tot <= 0 ? s.map(() => 1.0 / n) : s.map((v) => v / tot);
  const clamped = al.map((v) => pyMin(pyMax(v, lo), hi));
  let t = 0;
  for (const v of clamped) t += v;
  // Python's v / t raises on a zero sum (max_alloc 0): raise, not NaN (which no JSON output can hold)
  if (t === 0 && n > 0) throw new SeedRaise('ZeroDivisionError', 'float division by zero');
  // bitwise as the contract's generator: v / t * rm
  return clamped.map((v) => (v / t) * rm);
}

/**
 * Returns seed 002 allocations `{agent: allocation}` under the contract's reading: negative
 * scores -> 0; no positive score -> equal split; s_i / sum s; clamp to [min_alloc, max_alloc];
 * renormalize once; x risk_multiplier (Q002-1: may violate the bounds).
 */
export function governorAllocateSeed(args: Readonly<Record<string, unknown>>): unknown {
  const scores = asPyDict(pyGet(args, 'scores', {}), 'scores');
  const items = pyItems(scores);
  // no agent: the bounds and the multiplier are never used, so never checked (as in Python)
  if (items.length === 0) return {};
  const lo = pyNumber(pyGet(args, 'min_alloc', 0.05), 'min_alloc');
  const hi = pyNumber(pyGet(args, 'max_alloc', 0.4), 'max_alloc');
  const rm = pyNumber(pyGet(args, 'risk_multiplier', 1.0), 'risk_multiplier');
  const values = items.map(([name, v]) => {
    if (typeof v !== 'number' && typeof v !== 'boolean') {
      throw new SeedRaise('TypeError', `score of ${name} is not a number`);
    }
    return pyNumber(v, name);
  });
  const out = seedReading(values, lo, hi, rm);
  return Object.fromEntries(items.map(([name], i) => [name, out[i] ?? 0]));
}

/**
 * Returns allocations by agent index (fractions of capital). Both modes treat negative or NaN
 * scores as 0 and multiply by riskMultiplier last (the bounds apply before the regime scaling).
 * seed: the contract's reading (see governorAllocateSeed). default: x_i = clamp(lambda s_i,
 * min, max) with sum 1, exact (boundedFill); all-zero scores -> 1/n; infeasible bounds ->
 * n*max < 1: all at max, rest cash; n*min > 1: 1/n each; reported via feasible/note.
 */
export function governorAllocate(
  scores: Float64Array,
  params: GovernorParams,
  mode: 'seed' | 'default',
): GovernorAllocation {
  const n = scores.length;
  const clean = Float64Array.from(scores, (v) => (v > 0 ? v : 0));
  const note = infeasibility(n, params);
  if (mode === 'seed') {
    const w = seedReading(Array.from(clean), params.minAlloc, params.maxAlloc, params.riskMultiplier);
    return { weights: Float64Array.from(w), feasible: note === null, note };
  }
  assert(params.minAlloc >= 0 && params.minAlloc <= params.maxAlloc, 'governorAllocate: need 0 <= minAlloc <= maxAlloc');
  let base: Float64Array;
  if (n === 0) base = new Float64Array(0);
  else if (n * params.maxAlloc < 1) base = new Float64Array(n).fill(params.maxAlloc);
  else if (n * params.minAlloc > 1 || clean.every((v) => v === 0)) base = new Float64Array(n).fill(1 / n);
  else base = boundedFill(clean, params.minAlloc, params.maxAlloc, 1) ?? new Float64Array(n).fill(1 / n);
  const weights = base.map((v) => v * params.riskMultiplier);
  return { weights, feasible: note === null, note };
}
