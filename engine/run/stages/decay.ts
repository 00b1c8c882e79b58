import { ageWeights, confidenceMultipliers, SEED_TAIL_SIGNALS, updateConfidenceSeedArrays, type DecayParams } from '../../modules/decay/update-confidence.js';
import { cacheDecayRows, confidenceMultiplierInRing, floorProvedByNewest, floorStopHolds, lastInfiniteError, lossFactors, newSeedDecayScratch, unitByErrorHolds, updateConfidenceSeedInPlace, type SeedDecayScratch } from '../../modules/decay/update-confidence-in-place.js';
import { applyPendingOutcomes, countWindowRows, RECORD } from '../../modules/stats/outcome-window.js';
import { appendEvent } from '../../events/log.js';
import type { RunConfig } from '../config.js';
import type { RunData } from '../run-data.js';
import type { RunState } from '../state.js';

/*
 * Stage 3a, confidence decay. Its state besides st.multipliers: each agent's outcome count
 * when its multiplier was last computed (default mode) and scratch sized once.
 */

/** The decay stage's buffers, sized once per run (typed arrays in a data-only class: a snapshot holds them; a class, not a literal: see RunState). */
export class DecayScratch {
  /** ageWeights(cfg.decay): the same doubles the reference computes per call. */
  readonly ageWeight: Float64Array;
  /** lossFactors(cfg.decay): a row's loss factor by its cached flags. */
  readonly lossFactor: Float64Array;
  /** Seed mode: the multipliers before this tick (for the change log) and the per-agent tails. */
  readonly prev: Float64Array;
  readonly seed: SeedDecayScratch;
  /** Default mode: each outcome record's cached decay row (cacheDecayRows), laid out as the outcome rings; sized at first use. */
  rowBase: Float64Array;
  rowFlags: Uint8Array;
  /** Per agent: records cached so far (every record before it; a floor proof may have cached newer ones too). */
  readonly rowsCached: Float64Array;
  /** Per agent: 1 + the last record seen whose decay factor could leave [0, 1] (cacheDecayRows, or lastInfiniteError when the errors tell); 0: none. */
  readonly inUnitFrom: Float64Array;
  /** floorStopHolds(cfg.decay, ageWeight): the multiplier may stop at the floor. */
  readonly floorStop: boolean;
  /** cfg.decay with the horizon truncated: every reconciled row carries the run's horizon, the seed filters on its own constant. */
  readonly seedParams: DecayParams;

  constructor(data: RunData, cfg: RunConfig) {
    const seedMode = cfg.mode === 'seed' && cfg.decay.enabled;
    const nA = data.agents.length;
    const ageWeight = ageWeights(cfg.decay);
    this.ageWeight = ageWeight;
    this.lossFactor = lossFactors(cfg.decay);
    this.prev = new Float64Array(seedMode ? nA : 0);
    this.seed = newSeedDecayScratch(seedMode ? nA : 0);
    this.rowBase = new Float64Array(0);
    this.rowFlags = new Uint8Array(0);
    this.rowsCached = new Float64Array(nA);
    this.inUnitFrom = new Float64Array(nA);
    this.floorStop = floorStopHolds(cfg.decay, ageWeight);
    this.seedParams = { ...cfg.decay, horizonHours: Math.trunc(cfg.decay.horizonHours) };
  }
}

/** Returns the decay stage's scratch for this run. */
export function newDecayScratch(data: RunData, cfg: RunConfig): DecayScratch {
  return new DecayScratch(data, cfg);
}

/**
 * Sets this tick's multipliers in place and logs each joined agent's change
 * (multiplier_updated, in agent order). Returns how many multipliers changed.
 * seed: seed 003 as the live system runs it every cycle: the last limit_rows reconciled rows
 * of the whole log, compounding on the previous multipliers (Q003-1 double counting included).
 * default: recomputed from 1.0 over each agent's recent outcomes (idempotent), only for the
 * agents with a new outcome since their last computation (exact: the same rows give the same value).
 */
export function updateMultipliers(st: RunState, data: RunData, cfg: RunConfig, t: number): number {
  return cfg.mode === 'seed' ? updateSeed(st, data, t) : updateDefault(st, data, cfg, t);
}

/** Newest rows whose own product may prove a floored agent's multiplier (floorProvedByNewest): on M 24 do for all but a few. */
const NEWEST_ROWS = 24;

function updateDefault(st: RunState, data: RunData, cfg: RunConfig, t: number): number {
  const o = st.outcomes;
  applyPendingOutcomes(o); // advanceTime did (a no-op then): the rings and counts read below
  const seen = st.decaySeenCount;
  const sc = st.scratch.decay;
  if (sc.rowBase.length !== o.ring.length / RECORD) {
    sc.rowBase = new Float64Array(o.ring.length / RECORD);
    sc.rowFlags = new Uint8Array(o.ring.length / RECORD);
  }
  const limit = Math.min(o.lookback, cfg.decay.limitRows);
  const mask = o.ringCap - 1;
  const floor = cfg.decay.floor;
  // When the errors alone tell which records leave [0, 1], a record is cached only when a
  // product reads it: a floored agent's newest rows, or all of its tail when they prove nothing.
  const lazy = sc.floorStop && unitByErrorHolds(cfg.decay, sc.lossFactor);
  let changed = 0;
  for (let a = 0; a < data.agents.length; a++) {
    const count = o.ringCount[a] as number;
    const scanned = seen[a] as number;
    if (count === scanned && st.decayComputed) continue;
    seen[a] = count;
    const rowBase = a * o.ringCap;
    const n = Math.min(limit, count);
    const tail = Math.min(n, SEED_TAIL_SIGNALS);
    let m = floor;
    let proved = false;
    if (lazy) {
      // seen[a] was this agent's count at its last computation: the records since are new.
      const out = lastInfiniteError(o.ring, mask, rowBase, Math.max(scanned, count - o.ringCap), count);
      if (out >= 0) sc.inUnitFrom[a] = out + 1;
      // An agent left at the floor most likely stays there: its newest rows alone may prove it.
      if (st.multipliers[a] === floor && NEWEST_ROWS < tail && (sc.inUnitFrom[a] as number) <= count - tail) {
        cacheDecayRows(o.ring, mask, rowBase, Math.max(count - NEWEST_ROWS, sc.rowsCached[a] as number, count - o.ringCap), count, cfg.decay, sc.lossFactor, sc.rowBase, sc.rowFlags);
        proved = floorProvedByNewest(sc.rowBase, sc.rowFlags, mask, rowBase, count, NEWEST_ROWS, cfg.decay, sc.ageWeight, sc.lossFactor);
      }
    }
    if (!proved) {
      // Records from rowsCached on are not cached, but for the newest rows a proof may have
      // cached (the same values again); none before it was overwritten since (a ring slot is
      // reused only ringCap records later).
      const out = cacheDecayRows(o.ring, mask, rowBase, Math.max(sc.rowsCached[a] as number, count - o.ringCap), count, cfg.decay, sc.lossFactor, sc.rowBase, sc.rowFlags);
      if (out >= 0) sc.inUnitFrom[a] = Math.max(sc.inUnitFrom[a] as number, out + 1);
      sc.rowsCached[a] = count;
      const inUnitFrom = sc.floorStop ? (sc.inUnitFrom[a] as number) : Number.POSITIVE_INFINITY;
      const newest = !lazy && st.multipliers[a] === floor ? NEWEST_ROWS : 0;
      m = confidenceMultiplierInRing(sc.rowBase, sc.rowFlags, mask, rowBase, count, n, cfg.decay, sc.ageWeight, sc.lossFactor, inUnitFrom, newest);
    }
    if (m !== st.multipliers[a]) changed += logChange(st, data, a, m, t);
  }
  st.decayComputed = true;
  return changed;
}

function updateSeed(st: RunState, data: RunData, t: number): number {
  const sc = st.scratch.decay;
  const r = st.seedRows;
  const cap = r.agentId.length;
  const n = Math.min(r.head, cap);
  const m = st.multipliers;
  sc.prev.set(m);
  const rows = { n, agentId: r.agentId, horizonHours: r.horizonHours, absErrorBps: r.absErr, realizedPnlBps: r.realized };
  updateConfidenceSeedInPlace(rows, r.head - n, cap, m, sc.seedParams, sc.ageWeight, sc.seed);
  let changed = 0;
  for (let a = 0; a < m.length; a++) {
    const v = Number.isNaN(m[a] as number) ? 1 : (m[a] as number);
    m[a] = sc.prev[a] as number;
    if (v !== m[a]) changed += logChange(st, data, a, v, t);
  }
  return changed;
}

/** Sets agent a's multiplier to m and logs it when the agent has joined; returns 1 (one change). */
function logChange(st: RunState, data: RunData, a: number, m: number, t: number): number {
  st.multipliers[a] = m;
  if (st.agentJoined[a] === 1) appendEvent(st.log, 'multiplier_updated', t, a, -1, data.agentStrategy[a] as number, m);
  return 1;
}

/**
 * Returns the confidence multipliers at this tick, recomputed from scratch with fresh arrays:
 * the reference updateMultipliers must equal (test/engine/run/stages/decay.test.ts).
 */
export function computeMultipliers(st: RunState, data: RunData, cfg: RunConfig): Float64Array {
  const params: DecayParams = cfg.decay;
  if (cfg.mode === 'seed') {
    const r = st.seedRows;
    const cap = r.agentId.length;
    const n = Math.min(r.head, cap);
    const start = r.head - n;
    const agentId = new Int32Array(n);
    const horizonHours = new Float64Array(n);
    const absErrorBps = new Float64Array(n);
    const realizedPnlBps = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const k = (start + j) % cap;
      agentId[j] = r.agentId[k] as number;
      horizonHours[j] = r.horizonHours[k] as number;
      absErrorBps[j] = r.absErr[k] as number;
      realizedPnlBps[j] = r.realized[k] as number;
    }
    const seedParams = { ...params, horizonHours: Math.trunc(params.horizonHours) };
    const next = updateConfidenceSeedArrays({ n, agentId, horizonHours, absErrorBps, realizedPnlBps }, st.multipliers, seedParams);
    for (let a = 0; a < next.length; a++) if (Number.isNaN(next[a] as number)) next[a] = 1;
    return next;
  }
  const nA = data.agents.length;
  const rows = countWindowRows(st.outcomes);
  return confidenceMultipliers({ nAgents: nA, offsets: rows.offsets, absErrorBps: rows.absErrBps, realizedPnlBps: rows.pnlBps }, params);
}
