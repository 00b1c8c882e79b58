/**
 * Confidence decay: per-agent multipliers in [floor, ceil] from reconciled abs_error_bps,
 * loss-amplified (seed 003 `update_confidence_multipliers`).
 *
 * Per row, oldest -> newest within the agent's last 250 rows (age 0 = newest):
 *   pen = (x / (x + LOSS_K_BPS)) * PENALTY_CAP * exp(-ln2 / max(HALF_LIFE_SIGNALS, 1) * age),
 *   x = max(0, abs_error_bps); pen *= LOSS_AMPLIFIER when realized < 0; m *= (1 - pen);
 * then m *= 1 + STABILITY_BOOST after >= STABILITY_MIN_GOOD good rows and no bad row;
 * m = clamp(m, FLOOR, CEIL).
 *
 * Three forms: `updateConfidenceSeed` (JSON, bit-for-bit the seed, quirks Q003-1..8 kept),
 * `updateConfidenceSeedArrays` (same semantics over typed arrays), and
 * `confidenceMultipliers` (bt's default: recomputed from 1.0, invalid rows excluded); the
 * engine's per-tick forms of the last two, in place and without allocation, are in
 * update-confidence-in-place.ts and equal these bit for bit.
 */
import { assert, SeedRaise } from '../../core/errors.js';
import { pyRound } from '../../core/py-round.js';
import {
  newDict,
  pyDict,
  pyDictKey,
  pyFloat,
  pyGet,
  pyInt,
  pyList,
  pyMax2,
  pyMin2,
  pyTruthy,
} from '../../core/python/py-builtins.js';

/** Tunables of the decay (seed 003 constants, camelCased) plus the row window. */
export interface DecayParams {
  /** Only outcomes of this horizon count (hours; rows compare int(horizon)). */
  readonly horizonHours: number;
  /** Half-life of a row's weight, in rows of the same agent. */
  readonly halfLifeSignals: number;
  /** abs error (bps) at which the penalty is half of penaltyCap. */
  readonly lossKBps: number;
  /** Lower bound of a multiplier. */
  readonly floor: number;
  /** Upper bound of a multiplier. */
  readonly ceil: number;
  /** Largest penalty of one row, a fraction in [0, 1). */
  readonly penaltyCap: number;
  /** Penalty factor for a row with realized pnl < 0. */
  readonly lossAmplifier: number;
  /** Multiplicative boost (fraction) for a stable agent. */
  readonly stabilityBoost: number;
  /** abs error (bps) at or below which a profitable row is "good"; twice it makes a losing row "bad". */
  readonly stabilityGoodErrBps: number;
  /** Good rows needed for the boost. */
  readonly stabilityMinGood: number;
  /** Seed: the last limitRows matching rows of the file (0 = all, Q003-4). Default: per agent, >= 1. */
  readonly limitRows: number;
}

/** The seed's constants (003 tunables; limit_rows default 8000). */
export const SEED_DECAY_PARAMS: DecayParams = {
  horizonHours: 24,
  halfLifeSignals: 80,
  lossKBps: 50.0,
  floor: 0.5,
  ceil: 1.1,
  penaltyCap: 0.08,
  lossAmplifier: 1.3,
  stabilityBoost: 0.02,
  stabilityGoodErrBps: 30.0,
  stabilityMinGood: 10,
  limitRows: 8000,
};

/** Rows an agent's multiplier reads (seed 003: `tail = rows[-250:]`). */
export const SEED_TAIL_SIGNALS = 250;

/**
 * Returns the decayed and clamped multiplier of one agent, before rounding.
 * `abs`/`real` are the tail rows (oldest first), t of them from index `from` (the whole arrays
 * by default); `valid[i] === 0` marks a row the seed
 * skips but which still occupies an age slot (Q003-7); `n` is the agent's row count.
 */
export function decayAgent(
  m0: number,
  n: number,
  abs: ArrayLike<number>,
  real: ArrayLike<number>,
  valid: Uint8Array | null,
  p: DecayParams,
  ageWeight: Float64Array = ageWeights(p),
  from = 0,
  t = abs.length,
): number {
  let m = m0;
  let good = 0;
  let bad = 0;
  for (let i = 0; i < t; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const absErr = abs[from + i] as number;
    const realized = real[from + i] as number;
    const globalIdx = n - t + i;
    const age = n - 1 - globalIdx;
    m *= rowFactor(absErr, realized, ageWeight[age] as number, p); // ages in the tail run 0 .. t - 1 < SEED_TAIL_SIGNALS
    if (realized > 0 && absErr <= p.stabilityGoodErrBps) good += 1;
    if (realized < 0 && absErr >= p.stabilityGoodErrBps * 2) bad += 1;
  }
  return boostAndClamp(m, good, bad, p);
}

/** Returns 1 - pen of one row of age weight w (seed 003's expressions: the same doubles everywhere). */
function rowFactor(absErr: number, realized: number, w: number, p: DecayParams): number {
  const x = pyMax2(0.0, absErr);
  let pen = (x / (x + p.lossKBps)) * p.penaltyCap * w;
  if (realized < 0) pen *= p.lossAmplifier;
  return 1.0 - pen;
}

/** Returns m0 with the stability boost when earned, clamped to [floor, ceil] (seed 003's last steps). */
export function boostAndClamp(m0: number, good: number, bad: number, p: DecayParams): number {
  const m = good >= p.stabilityMinGood && bad === 0 ? m0 * (1.0 + p.stabilityBoost) : m0;
  return pyMax2(p.floor, pyMin2(p.ceil, m));
}

/**
 * Returns w(age) = exp(-lam * max(age, 0)) for ages 0 .. SEED_TAIL_SIGNALS - 1, with
 * lam = log(2) / max(HALF_LIFE_SIGNALS, 1) (seed 003, same expressions, so the same doubles):
 * computed once per call instead of once per row.
 */
export function ageWeights(p: DecayParams): Float64Array {
  const lam = Math.log(2.0) / pyMax2(p.halfLifeSignals, 1);
  const w = new Float64Array(SEED_TAIL_SIGNALS);
  for (let age = 0; age < SEED_TAIL_SIGNALS; age++) w[age] = Math.exp(-lam * pyMax2(age, 0));
  return w;
}

/** Returns the start index of Python's `xs[-k:]` for a list of length `len`. */
function pyTailStart(len: number, k: number): number {
  let s = -k;
  if (s < 0) s += len;
  return Math.min(Math.max(s, 0), len);
}

function numberArg(args: Readonly<Record<string, unknown>>, key: string, dflt: number): number {
  const v = pyGet(args, key, dflt);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number') throw new SeedRaise('TypeError', `${key} must be a number, not ${JSON.stringify(v)}`);
  return v;
}

/** Returns DecayParams from the seed's argument names (missing ones take the seed's defaults). */
export function decayParamsFromSeedArgs(args: Readonly<Record<string, unknown>>): DecayParams {
  const d = SEED_DECAY_PARAMS;
  const limitRows = numberArg(args, 'limit_rows', d.limitRows);
  // Python slices need an int: 8000.5 raises; JSON cannot tell 8000 from 8000.0.
  if (!Number.isInteger(limitRows)) {
    throw new SeedRaise('TypeError', 'slice indices must be integers or None or have an __index__ method');
  }
  return {
    horizonHours: numberArg(args, 'HORIZON_HOURS', d.horizonHours),
    halfLifeSignals: numberArg(args, 'HALF_LIFE_SIGNALS', d.halfLifeSignals),
    lossKBps: numberArg(args, 'LOSS_K_BPS', d.lossKBps),
    floor: numberArg(args, 'FLOOR', d.floor),
    ceil: numberArg(args, 'CEIL', d.ceil),
    penaltyCap: numberArg(args, 'PENALTY_CAP', d.penaltyCap),
    lossAmplifier: numberArg(args, 'LOSS_AMPLIFIER', d.lossAmplifier),
    stabilityBoost: numberArg(args, 'STABILITY_BOOST', d.stabilityBoost),
    stabilityGoodErrBps: numberArg(args, 'STABILITY_GOOD_ERR_BPS', d.stabilityGoodErrBps),
    stabilityMinGood: numberArg(args, 'STABILITY_MIN_GOOD', d.stabilityMinGood),
    limitRows,
  };
}

/**
 * Returns seed 003 `update_confidence_multipliers` on JSON args: `rows` (file order),
 * `prev_multipliers`, the tunables by their seed names and `limit_rows` -> {agent: m, 4 dp}
 * (previous map + updated agents, in Python dict order). Raises SeedRaise where the seed raises.
 */
export function updateConfidenceSeed(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const allRows = pyList(pyGet(args, 'rows', []), 'rows');
  const prevRaw = pyGet(args, 'prev_multipliers', null);
  // seed: prev.get("multipliers", {}) or {}
  const prev = pyTruthy(prevRaw) ? pyDict(prevRaw, 'prev_multipliers') : newDict<unknown>();

  // seed: recon = [r for r in recon if int(r.get("horizon_hours", 0)) == HORIZON_HOURS]; an int
  // never equals a str, None or list there (no raise): such a HORIZON_HOURS matches no row
  const horizon = pyGet(args, 'HORIZON_HOURS', SEED_DECAY_PARAMS.horizonHours);
  const horizonHours = typeof horizon === 'number' || typeof horizon === 'boolean' ? Number(horizon) : Number.NaN;
  const recon: Readonly<Record<string, unknown>>[] = [];
  for (const raw of allRows) {
    const r = pyDict(raw, 'row');
    if (pyInt(pyGet(r, 'horizon_hours', 0)) === horizonHours) recon.push(r);
  }
  const out = newDict<unknown>();
  for (const k of Object.keys(prev)) out[k] = prev[k];
  // seed returns the previous state untouched (Q003-6), before it uses any other tunable
  if (recon.length === 0) return out;
  const p = decayParamsFromSeedArgs({ ...args, HORIZON_HOURS: horizonHours });

  const kept = recon.slice(pyTailStart(recon.length, p.limitRows)); // recon[-limit_rows:] (Q003-4)
  const byAgent = new Map<string, Readonly<Record<string, unknown>>[]>();
  for (const r of kept) {
    const a = pyGet(r, 'agent', null);
    const key = pyTruthy(a) ? pyDictKey(a) : 'unknown'; // r.get("agent") or "unknown" (Q003-8)
    const list = byAgent.get(key);
    if (list === undefined) byAgent.set(key, [r]);
    else list.push(r);
  }

  for (const [agent, rows] of byAgent) {
    const m0 = pyFloat(pyGet(prev, agent, 1.0));
    const tail = rows.slice(pyTailStart(rows.length, SEED_TAIL_SIGNALS));
    const abs = new Float64Array(tail.length);
    const real = new Float64Array(tail.length);
    const valid = new Uint8Array(tail.length);
    tail.forEach((r, i) => {
      try {
        // seed: float(r.get("abs_error_bps", 0.0) or 0.0); a null error reads as 0 (Q003-3)
        const ae = pyGet(r, 'abs_error_bps', 0.0);
        abs[i] = pyFloat(pyTruthy(ae) ? ae : 0.0);
        const re = pyGet(r, 'realized_pnl_bps', 0.0);
        real[i] = pyFloat(pyTruthy(re) ? re : 0.0);
        valid[i] = 1;
      } catch (err) {
        // seed: `except Exception: continue` -- the row keeps its age slot (Q003-7)
        if (!(err instanceof SeedRaise)) throw err;
      }
      // seed _sigmoid_penalty: x / (x + LOSS_K_BPS) raises where the sum is 0 (LOSS_K_BPS <= 0)
      if (valid[i] === 1 && pyMax2(0.0, abs[i] as number) + p.lossKBps === 0) {
        throw new SeedRaise('ZeroDivisionError', 'float division by zero');
      }
    });
    out[agent] = pyRound(decayAgent(m0, rows.length, abs, real, valid, p), 4);
  }
  return out;
}

/** Reconciled rows in file (time) order, as typed arrays; NaN marks a null value. */
export interface OutcomeRows {
  readonly n: number;
  /** Agent id (rows without an agent carry the id of an agent named 'unknown', as the seed pools them). */
  readonly agentId: Int32Array;
  /** Horizon in hours; NaN = missing (reads as 0, like the seed's `.get("horizon_hours", 0)`). */
  readonly horizonHours: Float64Array;
  readonly absErrorBps: Float64Array;
  readonly realizedPnlBps: Float64Array;
}

/**
 * Returns the seed 003 update over typed arrays: `prev` and the result are indexed by agent
 * id, NaN = absent. Same semantics as `updateConfidenceSeed` (null error/pnl read as 0,
 * compounding on `prev`, unseen agents untouched, 4 dp).
 */
export function updateConfidenceSeedArrays(rows: OutcomeRows, prev: Float64Array, params: DecayParams): Float64Array {
  const out = Float64Array.from(prev);
  const nAgents = prev.length;
  const recon: number[] = [];
  for (let i = 0; i < rows.n; i++) {
    const h = rows.horizonHours[i] as number;
    assert(h === h ? Number.isFinite(h) : true, 'horizonHours is finite or NaN');
    const hi = h === h ? Math.trunc(h) : 0;
    if (hi === params.horizonHours) recon.push(i);
  }
  if (recon.length === 0) return out;
  const w = ageWeights(params);
  const kept = recon.slice(pyTailStart(recon.length, params.limitRows));
  const byAgent: number[][] = Array.from({ length: nAgents }, () => []);
  for (const i of kept) {
    const a = rows.agentId[i] as number;
    assert(a >= 0 && a < nAgents, 'agentId indexes prev');
    (byAgent[a] as number[]).push(i);
  }
  for (let a = 0; a < nAgents; a++) {
    const idx = byAgent[a] as number[];
    if (idx.length === 0) continue;
    const tail = idx.slice(pyTailStart(idx.length, SEED_TAIL_SIGNALS));
    const abs = new Float64Array(tail.length);
    const real = new Float64Array(tail.length);
    tail.forEach((row, j) => {
      const ae = rows.absErrorBps[row] as number;
      const re = rows.realizedPnlBps[row] as number;
      abs[j] = ae === ae ? ae : 0.0; // `x or 0.0`: null -> 0 (Q003-3)
      real[j] = re === re ? re : 0.0;
    });
    const p0 = prev[a] as number;
    const m0 = p0 === p0 ? p0 : 1.0;
    out[a] = pyRound(decayAgent(m0, idx.length, abs, real, null, params, w), 4);
  }
  return out;
}

/** Each agent's valid outcomes, oldest -> newest, in CSR form (offsets has nAgents + 1 entries). */
export interface AgentOutcomes {
  readonly nAgents: number;
  readonly offsets: Int32Array;
  /** Finite abs errors in bps. */
  readonly absErrorBps: Float64Array;
  /** Finite realized pnl in bps. */
  readonly realizedPnlBps: Float64Array;
}

/**
 * Returns bt's default multipliers by agent id: recomputed from 1.0 over each agent's last
 * `limitRows` valid outcomes (idempotent, fixes Q003-1), invalid rows never take an age
 * slot (the caller passes valid rows only; Q003-3/Q003-7), every multiplier clamped to
 * [floor, ceil] (Q003-6), no 4-dp rounding; agents without outcomes get clamp(1.0).
 * Same per-row formula as seed 003 (so Q003-2's calibration is kept: see docs/modules/decay.md).
 */
export function confidenceMultipliers(byAgent: AgentOutcomes, params: DecayParams): Float64Array {
  assert(Number.isInteger(params.limitRows) && params.limitRows >= 1, 'limitRows is an integer >= 1');
  assert(byAgent.offsets.length === byAgent.nAgents + 1, 'offsets has nAgents + 1 entries');
  const out = new Float64Array(byAgent.nAgents);
  const w = ageWeights(params);
  for (let a = 0; a < byAgent.nAgents; a++) {
    const end = byAgent.offsets[a + 1] as number;
    const start = Math.max(byAgent.offsets[a] as number, end - params.limitRows);
    const n = end - start;
    const tailStart = Math.max(start, end - SEED_TAIL_SIGNALS);
    const abs = byAgent.absErrorBps.subarray(tailStart, end);
    const real = byAgent.realizedPnlBps.subarray(tailStart, end);
    out[a] = n === 0 ? pyMax2(params.floor, pyMin2(params.ceil, 1.0)) : decayAgent(1.0, n, abs, real, null, params, w);
  }
  return out;
}
