import { createFastRng } from './fast-rng.js';
import { SEVERITIES, type FindingsColumns } from '../schemas/columns.js';
import { icAt, isInBurst, SKILL_MODEL, type AgentSpec } from './agent-roster.js';
import type { FutureReturns } from './future-returns.js';
import type { PriceGrid } from './price-grid.js';
import { createNormalSampler, type Sampler } from './random-variates.js';
import { confidenceOf, severityCodeOf } from './signal-map.js';
import type { Rng } from '../../engine/core/rng.js';

/** Everything the findings depend on; the roster is sorted by name (agent id = index). */
export interface FindingsInput {
  readonly grid: PriceGrid;
  readonly future: FutureReturns;
  readonly roster: readonly AgentSpec[];
  /** Strategy dictionary, sorted. */
  readonly classes: readonly string[];
  /** Mean findings per agent per bar, >= 0: floor(rate) each bar plus one with probability frac(rate). */
  readonly perAgentPerBar: number;
  readonly horizonHours: number;
  /** Origin of the IC decay and the break time, epoch ms UTC. */
  readonly startMs: number;
  readonly breakMs: number;
  readonly seed: number;
}

interface Batch {
  tsMs: Float64Array;
  agent: Int32Array;
  symbol: Int32Array;
  severity: Int32Array;
  confidence: Float64Array;
  direction: Int8Array;
  strategy: Int32Array;
}

function newBatch(cap: number): Batch {
  return {
    tsMs: new Float64Array(cap), agent: new Int32Array(cap), symbol: new Int32Array(cap),
    severity: new Int32Array(cap), confidence: new Float64Array(cap), direction: new Int8Array(cap),
    strategy: new Int32Array(cap),
  };
}

function toColumns(b: Batch, n: number, input: FindingsInput): FindingsColumns {
  return {
    length: n,
    tsMs: b.tsMs.subarray(0, n),
    agent: { dictionary: input.roster.map((a) => a.name), codes: b.agent.subarray(0, n) },
    symbol: { dictionary: input.grid.symbols, codes: b.symbol.subarray(0, n) },
    severity: { dictionary: SEVERITIES, codes: b.severity.subarray(0, n) },
    confidence: b.confidence.subarray(0, n),
    direction: b.direction.subarray(0, n),
    horizonHours: new Float64Array(n).fill(input.horizonHours),
    strategy: { dictionary: input.classes, codes: b.strategy.subarray(0, n) },
  };
}

/** Draws `count` distinct entries of valid[0..nValid) into picks, ascending. */
function pickSymbols(rng: Rng, valid: Int32Array, nValid: number, count: number, picks: Int32Array): number {
  const k = Math.min(count, nValid);
  for (let p = 0; p < k; p++) {
    let s = 0;
    let dup = true;
    while (dup) {
      s = valid[Math.floor(rng() * nValid)] ?? 0;
      dup = false;
      for (let q = 0; q < p; q++) if (picks[q] === s) dup = true;
    }
    let q = p; // insertion keeps picks ascending: ties at one ts order by symbol id
    while (q > 0 && (picks[q - 1] ?? 0) > s) {
      picks[q] = picks[q - 1] ?? 0;
      q--;
    }
    picks[q] = s;
  }
  return k;
}

/** Per-run state of the findings loop: one stream and normal sampler per agent. */
interface EmitState {
  readonly input: FindingsInput;
  readonly whole: number;
  readonly frac: number;
  readonly rngs: readonly Rng[];
  readonly normals: readonly Sampler[];
  readonly classId: Int32Array;
  readonly valid: Int32Array;
  readonly picks: Int32Array;
}

/** Appends the findings of one bar to `b` from row n; returns the new row count. */
function emitBar(st: EmitState, bar: number, b: Batch, n: number): number {
  const { grid, future, roster } = st.input;
  const nSym = grid.symbols.length;
  const { valid, picks } = st;
  let nValid = 0;
  for (let s = 0; s < nSym; s++) if (!Number.isNaN(future.ret[bar * nSym + s] ?? Number.NaN)) valid[nValid++] = s;
  if (nValid === 0) return n;
  const t = grid.tsMs[bar] ?? 0;
  for (let a = 0; a < roster.length; a++) {
    const agent = roster[a];
    const rng = st.rngs[a];
    const normal = st.normals[a];
    if (agent === undefined || rng === undefined || normal === undefined) continue;
    const count = st.whole + (st.frac > 0 && rng() < st.frac ? 1 : 0);
    if (count === 0) continue;
    const k = pickSymbols(rng, valid, nValid, count, picks);
    const ic = icAt(agent, t, st.input.startMs, st.input.breakMs);
    const noiseScale = Math.sqrt(1 - ic * ic);
    const scale = agent.bursts.length > 0 && isInBurst(agent, t) ? SKILL_MODEL.burstSignalScale : 1;
    const cls = st.classId[a] ?? -1;
    for (let p = 0; p < k; p++) {
      const s = picks[p] ?? 0;
      const rms = future.rms[s] ?? 0;
      const z = rms > 0 ? (future.ret[bar * nSym + s] ?? 0) / rms : 0;
      const signal = scale * (ic * z + noiseScale * normal());
      b.tsMs[n] = t;
      b.agent[n] = a;
      b.symbol[n] = s;
      b.severity[n] = severityCodeOf(signal);
      b.confidence[n] = confidenceOf(signal);
      b.direction[n] = signal >= 0 ? 1 : -1;
      b.strategy[n] = cls;
      n++;
    }
  }
  return n;
}

function createEmitState(input: FindingsInput): EmitState {
  const whole = Math.floor(input.perAgentPerBar);
  const rngs: Rng[] = input.roster.map((a) => createFastRng(input.seed, `findings:${a.name}`));
  return {
    input, whole, frac: input.perAgentPerBar - whole, rngs, normals: rngs.map((r) => createNormalSampler(r)),
    classId: Int32Array.from(input.roster, (a) => input.classes.indexOf(a.strategy)),
    valid: new Int32Array(input.grid.symbols.length),
    picks: new Int32Array(Math.min(input.grid.symbols.length, whole + 1)),
  };
}

function grow(b: Batch, n: number, cap: number): Batch {
  const g = newBatch(cap);
  g.tsMs.set(b.tsMs.subarray(0, n));
  g.agent.set(b.agent.subarray(0, n));
  g.symbol.set(b.symbol.subarray(0, n));
  g.severity.set(b.severity.subarray(0, n));
  g.confidence.set(b.confidence.subarray(0, n));
  g.direction.set(b.direction.subarray(0, n));
  g.strategy.set(b.strategy.subarray(0, n));
  return g;
}

/**
 * Returns the findings sorted by ts, then agent id, then symbol id. Each finding reads the
 * future: signal = IC z + sqrt(1 - IC^2) eps with z = ret / rms (FutureReturns) and eps
 * standard normal (stream findings:<agent>); direction = sign(signal),
 * confidence = erf(|signal| / sqrt 2), severity by |signal|. Buffers are sized for the
 * expected count (+2%) and grow only if the draws exceed it, so memory stays ~1x the output.
 */
export function generateFindings(input: FindingsInput): FindingsColumns {
  const st = createEmitState(input);
  const nBars = input.grid.tsMs.length;
  const maxPerBar = input.roster.length * (st.whole + 1);
  let cap = Math.ceil(nBars * input.roster.length * input.perAgentPerBar * 1.02) + maxPerBar;
  let batch = newBatch(cap);
  let n = 0;
  for (let bar = 0; bar < nBars; bar++) {
    if (n + maxPerBar > cap) {
      cap = Math.ceil(cap * 1.25) + maxPerBar;
      batch = grow(batch, n, cap);
    }
    n = emitBar(st, bar, batch, n);
  }
  return toColumns(batch, n, input);
}
