/**
 * The default and seed decays (engine/modules/decay/update-confidence.ts) as the engine runs
 * them every tick: in place, over the kernel's own rings, with scratch sized once. The same
 * per-row expressions as the references (decayAgent, boostAndClamp), so the same doubles
 * (test/engine/modules/decay/update-confidence-in-place.test.ts).
 */
import { assert } from '../../core/errors.js';
import { pyRound } from '../../core/py-round.js';
import { pyMax2, pyMin2 } from '../../core/python/py-builtins.js';
import { boostAndClamp, decayAgent, SEED_TAIL_SIGNALS, type DecayParams, type OutcomeRows } from './update-confidence.js';

/** Flags of a cached decay row (cacheDecayRows): a loss, a "good" row, a "bad" row (seed 003's stability counts). */
const LOSS = 1;
const GOOD = 2;
const BAD = 4;

/**
 * Caches the age-free part of each outcome record c in from .. count - 1 of an agent's ring
 * (record c at (rowBase + (c & mask)) * 2 of `ring`: realized pnl at +0, pnl error at +1, whose
 * magnitude is the abs error, as engine/modules/stats/outcome-window.ts keeps them): base = (x / (x + LOSS_K_BPS)) * PENALTY_CAP
 * with x = max(0, abs error), the first factors of seed 003's penalty in its own order, and the
 * row's flags, at (rowBase + (c & mask)) of `base` and `flags`. A record is cached once.
 * Returns the last record whose factor 1 - pen could leave [0, 1] at some age weight in [0, 1]
 * (-1: none): what lets confidenceMultiplierInRing stop at the floor (see there);
 * `lossFactor` = lossFactors(params).
 */
export function cacheDecayRows(ring: Float64Array, mask: number, rowBase: number, from: number, count: number, params: DecayParams, lossFactor: Float64Array, base: Float64Array, flags: Uint8Array): number {
  const goodErr = params.stabilityGoodErrBps;
  let lastOutOfUnit = -1;
  for (let c = from; c < count; c++) {
    const slot = rowBase + (c & mask);
    const realized = ring[slot * 2] as number;
    const absErr = Math.abs(ring[slot * 2 + 1] as number);
    const x = pyMax2(0.0, absErr);
    const b = (x / (x + params.lossKBps)) * params.penaltyCap;
    base[slot] = b;
    // Number(condition) compiles to a set-on-compare: a pnl's sign is a coin flip, and the
    // ternaries this replaces were branches the CPU mispredicted on every other record.
    const loss = Number(realized < 0);
    const f = loss | ((Number(realized > 0) & Number(absErr <= goodErr)) << 1) | ((loss & Number(absErr >= goodErr * 2)) << 2);
    flags[slot] = f;
    // pen = (b * w) * lf with w in [0, 1] stays in [0, 1] when b >= 0 and b * lf is in [0, 1]
    // (rounding is monotone); NaN fails the test.
    const bl = b * (lossFactor[f] as number);
    if (!(b >= 0 && bl >= 0 && bl <= 1)) lastOutOfUnit = c;
  }
  return lastOutOfUnit;
}

/**
 * Returns the loss factor of each row flag combination (index: the flags cacheDecayRows
 * writes): LOSS_AMPLIFIER when the LOSS bit is set, else 1. x * 1 is x exactly, so
 * `pen * lossFactor[flags]` is the seed's `if realized < 0: pen *= LOSS_AMPLIFIER`, same doubles,
 * without a branch the CPU mispredicts on every other row.
 */
export function lossFactors(params: DecayParams): Float64Array {
  const f = new Float64Array((LOSS | GOOD | BAD) + 1);
  for (let flags = 0; flags < f.length; flags++) f[flags] = (flags & LOSS) !== 0 ? params.lossAmplifier : 1;
  return f;
}

/**
 * Returns true when confidenceMultiplierInRing may stop at the floor with these parameters:
 * every age weight is in [0, 1] and the boost factor 1 + stabilityBoost is >= 0 (see there).
 */
export function floorStopHolds(params: DecayParams, ageWeight: Float64Array): boolean {
  for (let i = 0; i < ageWeight.length; i++) if (!((ageWeight[i] as number) >= 0 && (ageWeight[i] as number) <= 1)) return false;
  return 1.0 + params.stabilityBoost >= 0;
}

/**
 * Returns one agent's default-mode multiplier (as confidenceMultipliers) from its cached rows
 * (cacheDecayRows): its outcomes are records count - n .. count - 1 (n = the last limitRows
 * outcomes the caller keeps). pen = base * w(age), x LOSS_AMPLIFIER on a loss: the same doubles
 * as seed 003's expression. No copy, no division, no branch per row, no allocation;
 * `ageWeight` = ageWeights(params), `lossFactor` = lossFactors(params).
 *
 * Stopping at the floor, exactly: when every factor 1 - pen of the tail is in [0, 1] (records
 * from `inUnitFrom` on, cacheDecayRows; weights and boost by floorStopHolds), the running
 * product never grows (rounding is monotone), so once it and its boosted value are below the
 * floor, whatever rows remain, boostAndClamp returns the floor itself. The product runs oldest
 * first, so on an agent with large errors it gets there after a third of the rows or so.
 * `inUnitFrom` = Infinity never stops (the reference's full loop).
 *
 * Proving the floor from the newest rows: with those factors in [0, 1], the running product
 * is at most the product (the same expressions, in the same order) of any of its rows taken
 * alone: by induction, a row of the subsequence multiplies two numbers in that order by the
 * same factor (rounding is monotone), a row outside it multiplies only the running product by
 * a factor <= 1. So when the newest `newest` rows' own product and its boosted value are below
 * the floor, the result is the floor, exactly. The newest rows weigh the most (age weight near
 * 1): on an agent at the floor two dozen of them prove it where the oldest-first product
 * needs three times as many. `newest` = 0 does not try (the caller's hint: an agent that was
 * not at the floor would pay them for nothing).
 */
export function confidenceMultiplierInRing(base: Float64Array, flags: Uint8Array, mask: number, rowBase: number, count: number, n: number, params: DecayParams, ageWeight: Float64Array, lossFactor: Float64Array, inUnitFrom = Number.POSITIVE_INFINITY, newest = 0): number {
  if (n === 0) return pyMax2(params.floor, pyMin2(params.ceil, 1.0));
  const t = Math.min(n, SEED_TAIL_SIGNALS);
  const floor = params.floor;
  const boost = 1.0 + params.stabilityBoost; // boostAndClamp's factor, the same double
  const mayStop = inUnitFrom <= count - t;
  if (mayStop && newest > 0 && newest < t && floorProvedByNewest(base, flags, mask, rowBase, count, newest, params, ageWeight, lossFactor)) return floor;
  let m = 1.0;
  let good = 0;
  let bad = 0;
  for (let c = count - t; c < count; c++) {
    const slot = rowBase + (c & mask);
    const f = flags[slot] as number;
    const pen = (base[slot] as number) * (ageWeight[count - 1 - c] as number) * (lossFactor[f] as number);
    m *= 1.0 - pen;
    if (m < floor && mayStop && m * boost < floor) return floor;
    good += (f & GOOD) >> 1;
    bad += (f & BAD) >> 2;
  }
  return boostAndClamp(m, good, bad, params);
}

/**
 * Returns true when the newest `newest` cached records' own product (records count - newest ..
 * count - 1, their age weights, oldest first: confidenceMultiplierInRing's expressions) and its
 * boosted value are below the floor: then, every factor of the tail being in [0, 1] (the
 * caller's to know: floorStopHolds and no record out of unit since count - min(n, 250)), the
 * multiplier is the floor exactly (see confidenceMultiplierInRing). Reads only those records.
 */
export function floorProvedByNewest(base: Float64Array, flags: Uint8Array, mask: number, rowBase: number, count: number, newest: number, params: DecayParams, ageWeight: Float64Array, lossFactor: Float64Array): boolean {
  let p = 1.0;
  for (let c = count - newest; c < count; c++) {
    const slot = rowBase + (c & mask);
    p *= 1.0 - (base[slot] as number) * (ageWeight[count - 1 - c] as number) * (lossFactor[flags[slot] as number] as number);
  }
  return p < params.floor && p * (1.0 + params.stabilityBoost) < params.floor;
}

/**
 * Returns true when, with these parameters, a record's factor stays in [0, 1] at every age
 * weight in [0, 1] exactly when its error is not infinite, so that lastInfiniteError finds what
 * cacheDecayRows' test would: the loss constant is finite and > 0, the penalty cap finite and
 * >= 0, and cap x each loss factor in [0, 1]. Then x = max(0, |e|) is finite or +Infinity
 * (a NaN error counts as 0), x / (x + K) is in [0, 1] for a finite x (NaN for an infinite one),
 * and rounding is monotone: base <= cap, base x factor <= cap x factor <= 1.
 */
export function unitByErrorHolds(params: DecayParams, lossFactor: Float64Array): boolean {
  const k = params.lossKBps;
  const cap = params.penaltyCap;
  if (!(Number.isFinite(k) && k > 0 && Number.isFinite(cap) && cap >= 0)) return false;
  for (let f = 0; f < lossFactor.length; f++) {
    const lf = lossFactor[f] as number;
    if (!(lf >= 0 && cap * lf <= 1)) return false;
  }
  return true;
}

/** Returns the last record in from .. count - 1 of an agent's ring (as cacheDecayRows reads it) whose error is infinite (-1: none). */
export function lastInfiniteError(ring: Float64Array, mask: number, rowBase: number, from: number, count: number): number {
  let last = -1;
  for (let c = from; c < count; c++) {
    if (Math.abs(ring[(rowBase + (c & mask)) * 2 + 1] as number) === Number.POSITIVE_INFINITY) last = c;
  }
  return last;
}

/** Scratch of updateConfidenceSeedInPlace, sized once for nAgents (SEED_TAIL_SIGNALS rows each). A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class SeedDecayScratch {
  readonly count: Int32Array;
  readonly tailAbs: Float64Array;
  readonly tailReal: Float64Array;

  constructor(nAgents: number) {
    this.count = new Int32Array(nAgents);
    this.tailAbs = new Float64Array(nAgents * SEED_TAIL_SIGNALS);
    this.tailReal = new Float64Array(nAgents * SEED_TAIL_SIGNALS);
  }
}

/** Returns the scratch updateConfidenceSeedInPlace needs for nAgents agents. */
export function newSeedDecayScratch(nAgents: number): SeedDecayScratch {
  return new SeedDecayScratch(nAgents);
}

/**
 * updateConfidenceSeedArrays without allocating: `rows` are the rows start .. start + n - 1 of
 * a ring of `cap` rows (row j at j % cap), which holds at most limitRows rows (so they are all
 * kept); `m` holds the previous multipliers (NaN = absent) and receives the result in place.
 * Each agent's last SEED_TAIL_SIGNALS rows are gathered newest first into its scratch block.
 */
export function updateConfidenceSeedInPlace(rows: OutcomeRows, start: number, cap: number, m: Float64Array, params: DecayParams, ageWeight: Float64Array, sc: SeedDecayScratch): void {
  assert(rows.n <= cap && (params.limitRows === 0 || rows.n <= params.limitRows), 'the ring holds only kept rows');
  const T = SEED_TAIL_SIGNALS;
  const cnt = sc.count;
  cnt.fill(0);
  for (let j = start + rows.n - 1; j >= start; j--) {
    const i = j % cap;
    const h = rows.horizonHours[i] as number;
    if ((h === h ? Math.trunc(h) : 0) !== params.horizonHours) continue;
    const a = rows.agentId[i] as number;
    const c = (cnt[a] as number) + 1;
    cnt[a] = c;
    if (c > T) continue;
    const ae = rows.absErrorBps[i] as number;
    const re = rows.realizedPnlBps[i] as number;
    sc.tailAbs[a * T + T - c] = ae === ae ? ae : 0.0; // `x or 0.0`: null -> 0 (Q003-3)
    sc.tailReal[a * T + T - c] = re === re ? re : 0.0;
  }
  for (let a = 0; a < m.length; a++) {
    const c = cnt[a] as number;
    if (c === 0) continue;
    const t = Math.min(c, T);
    const p0 = m[a] as number;
    m[a] = pyRound(decayAgent(p0 === p0 ? p0 : 1.0, c, sc.tailAbs, sc.tailReal, null, params, ageWeight, a * T + T - t, t), 4);
  }
}
