// The progressive filling of main at 6ce20a9, kept verbatim (but for this line and the import path) as the
// reference progressiveFillInto must equal bit for bit: test/engine/modules/targets/progressive-fill.test.ts.
/**
 * Default-mode target allocation under a symbol cap AND an agent cap (fixes Q000-2, Q000-7):
 * progressive filling, the two-constraint generalisation of water-filling.
 */
import type { TargetFindings, TargetParams } from '../../engine/modules/targets/allocate-targets.js';

/** Capital per symbol and per agent (fractions of portfolio value) and whether a cap bound. */
export interface ProgressiveFillResult {
  readonly symbolWeight: Float64Array;
  readonly agentShare: Float64Array;
  readonly capped: boolean;
}

/** Pairs whose raw capital is below this fraction of the largest pair's get nothing (dimensionless). */
const RAW_NEGLIGIBLE = 1e-200;

interface Entries {
  readonly agent: Int32Array;
  readonly symbol: Int32Array;
  readonly raw: Float64Array;
}

/**
 * Aggregates findings into id-sorted (symbol, agent) pairs, raw = sum of w_a * c_f * sev_f
 * (summed in finding order), scaled to max 1. Pairs are keyed symbol * nAgents + agent in a
 * dense scratch table and the touched keys sorted natively: no comparator callbacks, as this
 * runs every tick over every live finding.
 */
function buildEntries(findings: TargetFindings, agentWeight: Float64Array): Entries {
  const nA = agentWeight.length;
  let nS = 0;
  for (let f = 0; f < findings.n; f++) nS = Math.max(nS, (findings.symbolId[f] as number) + 1);
  const cells = new Float64Array(nA * nS);
  const seen = new Uint8Array(nA * nS);
  const touched = new Int32Array(findings.n);
  let k = 0;
  for (let f = 0; f < findings.n; f++) {
    const a = findings.agentId[f] as number;
    const key = (findings.symbolId[f] as number) * nA + a;
    cells[key] = (cells[key] as number) + (agentWeight[a] ?? 0) * (findings.confidence[f] as number) * (findings.severityMult[f] as number);
    if (seen[key] === 0) {
      seen[key] = 1;
      touched[k++] = key;
    }
  }
  const keys = touched.subarray(0, k).sort();
  // The allocation is invariant to scaling raw, so divide by the largest (levels stay finite
  // for tiny inputs); pairs below RAW_NEGLIGIBLE of the largest are dropped as zero.
  let top = 0;
  for (let j = 0; j < k; j++) top = Math.max(top, cells[keys[j] as number] as number);
  let m = 0;
  for (let j = 0; j < k; j++) if (top > 0 && (cells[keys[j] as number] as number) / top > RAW_NEGLIGIBLE) m++;
  const agent = new Int32Array(m);
  const symbol = new Int32Array(m);
  const raw = new Float64Array(m);
  let e = 0;
  for (let j = 0; j < k; j++) {
    const key = keys[j] as number;
    const r = cells[key] as number;
    if (!(top > 0 && r / top > RAW_NEGLIGIBLE)) continue;
    agent[e] = key % nA;
    symbol[e] = (key - (key % nA)) / nA;
    raw[e] = r / top;
    e++;
  }
  return { agent, symbol, raw };
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
export function progressiveFillReference(
  findings: TargetFindings,
  agentWeight: Float64Array,
  nSymbols: number,
  params: TargetParams,
): ProgressiveFillResult {
  const nAgents = agentWeight.length;
  const e = buildEntries(findings, agentWeight);
  const nE = e.raw.length;
  const nG = nSymbols + nAgents; // groups: symbols, then agents
  const cap = new Float64Array(nG);
  cap.fill(params.maxSymbolWeight, 0, nSymbols);
  cap.fill(params.maxAgentWeight, nSymbols, nG);
  const frozenCap = new Float64Array(nG);
  const liveRaw = new Float64Array(nG);
  const liveCount = new Int32Array(nG);
  // Pairs of each group, CSR (entries are already sorted by symbol, then agent).
  const start = new Int32Array(nG + 1);
  for (let i = 0; i < nE; i++) {
    const s = e.symbol[i] as number;
    const g2 = nSymbols + (e.agent[i] as number);
    start[s + 1] = (start[s + 1] as number) + 1;
    start[g2 + 1] = (start[g2 + 1] as number) + 1;
  }
  for (let g = 0; g < nG; g++) start[g + 1] = (start[g + 1] as number) + (start[g] as number);
  const members = new Int32Array(2 * nE);
  const fillPos = start.slice(0, nG);
  let uTot = 0;
  for (let i = 0; i < nE; i++) {
    const s = e.symbol[i] as number;
    const g2 = nSymbols + (e.agent[i] as number);
    const r = e.raw[i] as number;
    const ps = fillPos[s] as number;
    const pa = fillPos[g2] as number;
    members[ps] = i;
    members[pa] = i;
    fillPos[s] = ps + 1;
    fillPos[g2] = pa + 1;
    liveRaw[s] = (liveRaw[s] as number) + r;
    liveRaw[g2] = (liveRaw[g2] as number) + r;
    liveCount[s] = (liveCount[s] as number) + 1;
    liveCount[g2] = (liveCount[g2] as number) + 1;
    uTot += r;
  }
  const value = new Float64Array(nE);
  const frozen = new Uint8Array(nE);
  const dirty = new Uint8Array(nG);
  let live = nE;
  let capped = false;
  const total = 1 - params.cashBuffer;
  const freeze = (i: number, t: number): void => {
    value[i] = (e.raw[i] as number) * Math.max(0, t);
    frozen[i] = 1;
    live -= 1;
    dirty[e.symbol[i] as number] = 1;
    dirty[nSymbols + (e.agent[i] as number)] = 1;
  };
  // A touched group's sums are recomputed from its members (in member order), never updated
  // by subtraction: u - raw cancels badly when raws span hundreds of orders of magnitude.
  const resum = (g: number): void => {
    let f = 0;
    let u = 0;
    let n = 0;
    for (let m = start[g] as number; m < (start[g + 1] as number); m++) {
      const i = members[m] as number;
      if (frozen[i] === 1) f += value[i] as number;
      else {
        u += e.raw[i] as number;
        n++;
      }
    }
    frozenCap[g] = f;
    liveRaw[g] = u;
    liveCount[g] = n;
    dirty[g] = 0;
  };
  while (live > 0) {
    let fTot = 0;
    for (let s = 0; s < nSymbols; s++) fTot += frozenCap[s] as number;
    uTot = 0;
    for (let s = 0; s < nSymbols; s++) uTot += liveRaw[s] as number;
    const tTotal = levelAt(total, fTot, uTot, live);
    let t = tTotal;
    for (let g = 0; g < nG; g++) t = Math.min(t, levelAt(cap[g] as number, frozenCap[g] as number, liveRaw[g] as number, liveCount[g] as number));
    if (tTotal <= t) {
      // The invested total reaches 1 - cash_buffer: every live pair freezes at t.
      for (let i = 0; i < nE; i++) if (frozen[i] === 0) freeze(i, t);
      break;
    }
    // Freeze every group at its cap at t (levels are read before this round's updates).
    const hit: number[] = [];
    for (let g = 0; g < nG; g++) {
      if (levelAt(cap[g] as number, frozenCap[g] as number, liveRaw[g] as number, liveCount[g] as number) <= t) hit.push(g);
    }
    for (const g of hit) {
      for (let m = start[g] as number; m < (start[g + 1] as number); m++) {
        const i = members[m] as number;
        if (frozen[i] === 0) freeze(i, t);
      }
    }
    for (let g = 0; g < nG; g++) if (dirty[g] === 1) resum(g);
    capped = true;
  }
  const symbolWeight = new Float64Array(nSymbols);
  const agentShare = new Float64Array(nAgents);
  for (let i = 0; i < nE; i++) {
    const s = e.symbol[i] as number;
    const a = e.agent[i] as number;
    symbolWeight[s] = (symbolWeight[s] as number) + (value[i] as number);
    agentShare[a] = (agentShare[a] as number) + (value[i] as number);
  }
  // A frozen group's pairs sum to its cap only up to rounding (0.20000000000000007 under 0.2):
  // the caps are promises, so clamp the sums to them.
  for (let s = 0; s < nSymbols; s++) symbolWeight[s] = Math.min(symbolWeight[s] as number, params.maxSymbolWeight);
  for (let a = 0; a < nAgents; a++) agentShare[a] = Math.min(agentShare[a] as number, params.maxAgentWeight);
  return { symbolWeight, agentShare, capped };
}
