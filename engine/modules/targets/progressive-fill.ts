/**
 * Default-mode target allocation under a symbol cap AND an agent cap (fixes Q000-2, Q000-7):
 * progressive filling, the two-constraint generalisation of water-filling.
 */
import { assert } from '../../core/errors.js';
import type { TargetFindings, TargetParams } from './allocate-targets.js';

/** Capital per symbol and per agent (fractions of portfolio value) and whether a cap bound. */
export interface ProgressiveFillResult {
  readonly symbolWeight: Float64Array;
  readonly agentShare: Float64Array;
  readonly capped: boolean;
}

/** Pairs whose raw capital is below this fraction of the largest pair's get nothing (dimensionless). */
export const RAW_NEGLIGIBLE = 1e-200;

/**
 * Buffers of progressiveFillInto, reused call after call: the per-finding and per-pair arrays
 * grow by doubling, the counting sorts' tallies are sized once. Typed arrays in a data-only
 * class, so a run snapshot holds them.
 * A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session).
 */
export class ProgressiveFillScratch {
  readonly nAgents: number;
  readonly nSymbols: number;
  /** The findings that carry capital (buildEntries): agent, symbol, w_a * c_f * sev_f. */
  inAgent: Int32Array;
  inSymbol: Int32Array;
  inValue: Float64Array;
  /** Their indices ordered by agent, then by (symbol, agent) (two stable counting sorts). */
  byAgent: Int32Array;
  bySymbol: Int32Array;
  /** The counting sorts' tallies, per agent and per symbol (+1: bucket starts). */
  readonly agentTally: Int32Array;
  readonly symbolTally: Int32Array;
  /** Pairs, id-sorted by (symbol, agent): the entries of this call (the first `pairs`). */
  pairs: number;
  agent: Int32Array;
  symbol: Int32Array;
  raw: Float64Array;
  value: Float64Array;
  frozen: Uint8Array;
  members: Int32Array;
  /** Per group (symbols, then agents). */
  readonly cap: Float64Array;
  readonly frozenCap: Float64Array;
  readonly liveRaw: Float64Array;
  readonly liveCount: Int32Array;
  readonly start: Int32Array;
  readonly fillPos: Int32Array;
  readonly dirty: Uint8Array;
  readonly hit: Int32Array;
  /** The result of the last call. */
  readonly symbolWeight: Float64Array;
  readonly agentShare: Float64Array;

  constructor(nAgents: number, nSymbols: number) {
    const nG = nSymbols + nAgents;
    this.nAgents = nAgents;
    this.nSymbols = nSymbols;
    this.inAgent = new Int32Array(64);
    this.inSymbol = new Int32Array(64);
    this.inValue = new Float64Array(64);
    this.byAgent = new Int32Array(64);
    this.bySymbol = new Int32Array(64);
    this.agentTally = new Int32Array(nAgents + 1);
    this.symbolTally = new Int32Array(nSymbols + 1);
    this.pairs = 0;
    this.agent = new Int32Array(64);
    this.symbol = new Int32Array(64);
    this.raw = new Float64Array(64);
    this.value = new Float64Array(64);
    this.frozen = new Uint8Array(64);
    this.members = new Int32Array(128);
    this.cap = new Float64Array(nG);
    this.frozenCap = new Float64Array(nG);
    this.liveRaw = new Float64Array(nG);
    this.liveCount = new Int32Array(nG);
    this.start = new Int32Array(nG + 1);
    this.fillPos = new Int32Array(nG);
    this.dirty = new Uint8Array(nG);
    this.hit = new Int32Array(nG);
    this.symbolWeight = new Float64Array(nSymbols);
    this.agentShare = new Float64Array(nAgents);
  }
}

/** Returns empty scratch for nAgents x nSymbols. */
export function newProgressiveFillScratch(nAgents: number, nSymbols: number): ProgressiveFillScratch {
  return new ProgressiveFillScratch(nAgents, nSymbols);
}

/** Makes room for n findings (pairs <= findings). */
export function reserve(s: ProgressiveFillScratch, n: number): void {
  if (s.inAgent.length >= n) return;
  let cap = s.inAgent.length;
  while (cap < n) cap *= 2;
  s.inAgent = new Int32Array(cap);
  s.inSymbol = new Int32Array(cap);
  s.inValue = new Float64Array(cap);
  s.byAgent = new Int32Array(cap);
  s.bySymbol = new Int32Array(cap);
  s.agent = new Int32Array(cap);
  s.symbol = new Int32Array(cap);
  s.raw = new Float64Array(cap);
  s.value = new Float64Array(cap);
  s.frozen = new Uint8Array(cap);
  s.members = new Int32Array(2 * cap);
}

/**
 * Aggregates findings into id-sorted (symbol, agent) pairs, raw = sum of w_a * c_f * sev_f
 * (summed in finding order), scaled to max 1; returns the number of pairs.
 * A finding whose w_a * c_f * sev_f is 0 (an agent without capital) is left out, exactly: a sum
 * that starts at +0 is never -0, and x + 0 = x for every other x, so the other sums are the
 * same, and a pair of only such findings sums to +0, which is dropped below and never raises
 * the largest (a NaN stays in: it voids them all, as before).
 * The rest are ordered by two stable counting sorts, by agent and then by symbol: the order
 * of (symbol, agent, finding), so each pair's findings come together, in finding order, and
 * the pairs in id order. O(findings + agents + symbols), no table of every (symbol, agent).
 */
function buildEntries(findings: TargetFindings, agentWeight: Float64Array, s: ProgressiveFillScratch): number {
  const { inAgent, inSymbol, inValue } = s;
  const fAgent = findings.agentId;
  const fSymbol = findings.symbolId;
  const fConfidence = findings.confidence;
  const fSeverity = findings.severityMult;
  const nF = findings.n;
  let m = 0;
  for (let f = 0; f < nF; f++) {
    const a = fAgent[f] as number;
    const v = (agentWeight[a] ?? 0) * (fConfidence[f] as number) * (fSeverity[f] as number);
    // Branchless: always write, keep (advance) only what carries capital.
    inAgent[m] = a;
    inSymbol[m] = fSymbol[f] as number;
    inValue[m] = v;
    m += v !== 0 ? 1 : 0;
  }
  countingSortIndices(inAgent, m, s.agentTally, s.byAgent);
  countingSortOf(inSymbol, s.byAgent, m, s.symbolTally, s.bySymbol);
  // Sum each pair's run in order; raw sums land in s.raw, one per pair.
  const order = s.bySymbol;
  const pairAgent = s.agent;
  const pairSymbol = s.symbol;
  const pairRaw = s.raw;
  let e = 0;
  let top = 0;
  for (let j = 0; j < m; ) {
    const i0 = order[j] as number;
    const a = inAgent[i0] as number;
    const sy = inSymbol[i0] as number;
    let r = 0 + (inValue[i0] as number);
    j++;
    for (; j < m; j++) {
      const i = order[j] as number;
      if (inAgent[i] !== a || inSymbol[i] !== sy) break;
      r += inValue[i] as number;
    }
    pairAgent[e] = a;
    pairSymbol[e] = sy;
    pairRaw[e] = r;
    top = Math.max(top, r);
    e++;
  }
  // The allocation is invariant to scaling raw, so divide by the largest (levels stay finite
  // for tiny inputs); pairs below RAW_NEGLIGIBLE of the largest are dropped as zero.
  let kept = 0;
  for (let j = 0; j < e; j++) {
    const r = pairRaw[j] as number;
    if (!(top > 0 && r / top > RAW_NEGLIGIBLE)) continue;
    pairAgent[kept] = pairAgent[j] as number;
    pairSymbol[kept] = pairSymbol[j] as number;
    pairRaw[kept] = r / top;
    kept++;
  }
  return kept;
}

/**
 * Stable counting sort of the indices 0 .. n - 1 by key[i] (0 .. tally.length - 2) into `out`:
 * equal keys keep their order.
 */
function countingSortIndices(key: Int32Array, n: number, tally: Int32Array, out: Int32Array): void {
  tallyStarts(key, n, tally);
  for (let i = 0; i < n; i++) {
    const k = key[i] as number;
    const p = tally[k] as number;
    out[p] = i;
    tally[k] = p + 1;
  }
}

/** countingSortIndices of the indices from[0 .. n) by key[from[j]]: equal keys keep their order in `from`. */
function countingSortOf(key: Int32Array, from: Int32Array, n: number, tally: Int32Array, out: Int32Array): void {
  tallyStarts(key, n, tally);
  for (let j = 0; j < n; j++) {
    const i = from[j] as number;
    const k = key[i] as number;
    const p = tally[k] as number;
    out[p] = i;
    tally[k] = p + 1;
  }
}

/** Sets tally[k] to where key k's first index goes: the count of keys[0 .. n) below k (the counting sorts' start offsets). */
function tallyStarts(key: Int32Array, n: number, tally: Int32Array): void {
  tally.fill(0);
  for (let i = 0; i < n; i++) tally[(key[i] as number) + 1] = (tally[(key[i] as number) + 1] as number) + 1;
  for (let b = 1; b < tally.length; b++) tally[b] = (tally[b] as number) + (tally[b - 1] as number);
}

/** Returns the level t at which a group with frozen capital f and live raw u reaches cap (Infinity if nothing is live). */
function levelAt(cap: number, f: number, u: number, liveCount: number): number {
  return liveCount > 0 && u > 0 ? (cap - f) / u : Infinity;
}

/**
 * Returns the progressive-filling allocation: every live (agent, symbol) pair holds raw * t for
 * one common level t, raised from 0; when a symbol reaches max_symbol_weight or an agent
 * reaches max_agent_weight, its pairs freeze at their current value; filling stops when the
 * invested total reaches 1 - cash_buffer or every pair is frozen. So nothing exceeds a cap,
 * unconstrained pairs stay proportional to raw, and cash exceeds the buffer only when every
 * pair sits in a capped symbol or a capped agent.
 *
 * Event-driven: each group (symbol or agent) keeps its frozen capital, live raw and live pair
 * count; a round finds the lowest group level (levels never decrease), freezes that group's
 * live pairs and updates only the groups those pairs belong to. At most #symbols + #agents + 1
 * rounds of O(#symbols + #agents), plus O(#pairs) in all: it runs every tick.
 */
export function progressiveFill(
  findings: TargetFindings,
  agentWeight: Float64Array,
  nSymbols: number,
  params: TargetParams,
): ProgressiveFillResult {
  const r = progressiveFillInto(findings, agentWeight, nSymbols, params, newProgressiveFillScratch(agentWeight.length, nSymbols));
  return { symbolWeight: r.symbolWeight.slice(), agentShare: r.agentShare.slice(), capped: r.capped };
}

/**
 * progressiveFill into reused scratch (made by newProgressiveFillScratch for these agent and
 * symbol counts): the returned arrays are the scratch's, valid until its next call.
 */
export function progressiveFillInto(
  findings: TargetFindings,
  agentWeight: Float64Array,
  nSymbols: number,
  params: TargetParams,
  s: ProgressiveFillScratch,
): ProgressiveFillResult {
  assert(s.nAgents === agentWeight.length && s.nSymbols === nSymbols, 'scratch made for these agents and symbols');
  reserve(s, findings.n);
  s.pairs = buildEntries(findings, agentWeight, s);
  return fillPairs(s, params);
}

/**
 * The filling of progressiveFillInto over the pairs already in the scratch (`pairs`, `agent`,
 * `symbol`, `raw`: what buildEntries left, or a staged sweep's taped pairs,
 * engine/run/staged/pairs-tape.ts): the pairs depend only on the live findings and the agent
 * weights, the filling on the targets settings too.
 */
export function fillPairs(s: ProgressiveFillScratch, params: TargetParams): ProgressiveFillResult {
  const nAgents = s.nAgents;
  const nSymbols = s.nSymbols;
  const nE = s.pairs;
  const nG = nSymbols + nAgents; // groups: symbols, then agents
  const { cap, frozenCap, liveRaw, liveCount, value, frozen } = s;
  const pairSymbol = s.symbol;
  const pairAgent = s.agent;
  const pairRaw = s.raw;
  cap.fill(params.maxSymbolWeight, 0, nSymbols);
  cap.fill(params.maxAgentWeight, nSymbols, nG);
  frozenCap.fill(0);
  liveRaw.fill(0);
  liveCount.fill(0);
  // Each group's live raw (summed in pair order, as resum does) and live pairs.
  for (let i = 0; i < nE; i++) {
    const sy = pairSymbol[i] as number;
    const g2 = nSymbols + (pairAgent[i] as number);
    const r = pairRaw[i] as number;
    liveRaw[sy] = (liveRaw[sy] as number) + r;
    liveRaw[g2] = (liveRaw[g2] as number) + r;
    liveCount[sy] = (liveCount[sy] as number) + 1;
    liveCount[g2] = (liveCount[g2] as number) + 1;
    value[i] = 0;
    frozen[i] = 0;
  }
  // The groups' member lists are needed only once a group reaches its cap before the total
  // does: on dense data the first round usually ends the filling, so they are built then.
  let grouped = false;
  let live = nE;
  let capped = false;
  const total = 1 - params.cashBuffer;
  while (live > 0) {
    let fTot = 0;
    for (let g = 0; g < nSymbols; g++) fTot += frozenCap[g] as number;
    let uTot = 0;
    for (let g = 0; g < nSymbols; g++) uTot += liveRaw[g] as number;
    const tTotal = levelAt(total, fTot, uTot, live);
    let t = tTotal;
    for (let g = 0; g < nG; g++) t = Math.min(t, levelAt(cap[g] as number, frozenCap[g] as number, liveRaw[g] as number, liveCount[g] as number));
    if (tTotal <= t) {
      // The invested total reaches 1 - cash_buffer: every live pair freezes at t (no group is summed again).
      const v = Math.max(0, t);
      for (let i = 0; i < nE; i++) {
        if (frozen[i] === 0) {
          value[i] = (pairRaw[i] as number) * v;
          frozen[i] = 1;
          live--;
        }
      }
      break;
    }
    if (!grouped) {
      groupMembers(s);
      grouped = true;
    }
    // Freeze every group at its cap at t (levels are read before this round's updates).
    let nHit = 0;
    for (let g = 0; g < nG; g++) {
      if (levelAt(cap[g] as number, frozenCap[g] as number, liveRaw[g] as number, liveCount[g] as number) <= t) s.hit[nHit++] = g;
    }
    const { start, members, dirty } = s;
    for (let h = 0; h < nHit; h++) {
      const g = s.hit[h] as number;
      for (let m = start[g] as number; m < (start[g + 1] as number); m++) {
        const i = members[m] as number;
        if (frozen[i] === 0) live -= freeze(s, nSymbols, i, t);
      }
    }
    for (let g = 0; g < nG; g++) if (dirty[g] === 1) resum(s, g);
    capped = true;
  }
  const symbolWeight = s.symbolWeight;
  const agentShare = s.agentShare;
  symbolWeight.fill(0);
  agentShare.fill(0);
  for (let i = 0; i < nE; i++) {
    const sy = pairSymbol[i] as number;
    const a = pairAgent[i] as number;
    symbolWeight[sy] = (symbolWeight[sy] as number) + (value[i] as number);
    agentShare[a] = (agentShare[a] as number) + (value[i] as number);
  }
  // A frozen group's pairs sum to its cap only up to rounding (0.20000000000000007 under 0.2):
  // the caps are promises, so clamp the sums to them.
  for (let g = 0; g < nSymbols; g++) symbolWeight[g] = Math.min(symbolWeight[g] as number, params.maxSymbolWeight);
  for (let a = 0; a < nAgents; a++) agentShare[a] = Math.min(agentShare[a] as number, params.maxAgentWeight);
  return { symbolWeight, agentShare, capped };
}

/** Lists each group's pairs, CSR in `start` / `members` (pairs are sorted by symbol, then agent, so each list is in pair order), and clears the re-sum marks. */
function groupMembers(s: ProgressiveFillScratch): void {
  const nSymbols = s.nSymbols;
  const nE = s.pairs;
  const nG = nSymbols + s.nAgents;
  const { start, members, fillPos } = s;
  start.fill(0);
  s.dirty.fill(0);
  for (let i = 0; i < nE; i++) {
    const sy = s.symbol[i] as number;
    const g2 = nSymbols + (s.agent[i] as number);
    start[sy + 1] = (start[sy + 1] as number) + 1;
    start[g2 + 1] = (start[g2 + 1] as number) + 1;
  }
  for (let g = 0; g < nG; g++) start[g + 1] = (start[g + 1] as number) + (start[g] as number);
  for (let g = 0; g < nG; g++) fillPos[g] = start[g] as number;
  for (let i = 0; i < nE; i++) {
    const sy = s.symbol[i] as number;
    const g2 = nSymbols + (s.agent[i] as number);
    const ps = fillPos[sy] as number;
    const pa = fillPos[g2] as number;
    members[ps] = i;
    members[pa] = i;
    fillPos[sy] = ps + 1;
    fillPos[g2] = pa + 1;
  }
}

/** Freezes pair i at level t and marks its two groups for a re-sum; returns 1 (one pair less live). */
function freeze(s: ProgressiveFillScratch, nSymbols: number, i: number, t: number): number {
  s.value[i] = (s.raw[i] as number) * Math.max(0, t);
  s.frozen[i] = 1;
  s.dirty[s.symbol[i] as number] = 1;
  s.dirty[nSymbols + (s.agent[i] as number)] = 1;
  return 1;
}

/**
 * Recomputes a touched group's sums from its members (in member order), never by subtraction:
 * u - raw cancels badly when raws span hundreds of orders of magnitude.
 */
function resum(s: ProgressiveFillScratch, g: number): void {
  let f = 0;
  let u = 0;
  let n = 0;
  for (let m = s.start[g] as number; m < (s.start[g + 1] as number); m++) {
    const i = s.members[m] as number;
    if (s.frozen[i] === 1) f += s.value[i] as number;
    else {
      u += s.raw[i] as number;
      n++;
    }
  }
  s.frozenCap[g] = f;
  s.liveRaw[g] = u;
  s.liveCount[g] = n;
  s.dirty[g] = 0;
}
