/**
 * Default-mode target allocation under a symbol cap AND an agent cap (fixes Q000-2, Q000-7):
 * progressive filling, the two-constraint generalisation of water-filling.
 */
import type { TargetFindings, TargetParams } from './allocate-targets.js';

/** Capital per symbol and per agent (fractions of portfolio value) and whether a cap bound. */
export interface ProgressiveFillResult {
  readonly symbolWeight: Float64Array;
  readonly agentShare: Float64Array;
  readonly capped: boolean;
}

/** Pairs whose raw capital is below this fraction of the largest pair's get nothing (dimensionless). */
export const RAW_NEGLIGIBLE = 1e-200;

interface Entries {
  readonly agent: Int32Array;
  readonly symbol: Int32Array;
  readonly raw: Float64Array;
}

/** Aggregates findings into id-sorted (symbol, agent) pairs, raw = sum of w_a * c_f * sev_f, scaled to max 1. */
function buildEntries(findings: TargetFindings, agentWeight: Float64Array): Entries {
  const idx = Array.from({ length: findings.n }, (_, f) => f);
  const sym = (f: number): number => findings.symbolId[f] ?? 0;
  const ag = (f: number): number => findings.agentId[f] ?? 0;
  idx.sort((x, y) => sym(x) - sym(y) || ag(x) - ag(y) || x - y);
  const agent: number[] = [];
  const symbol: number[] = [];
  const raw: number[] = [];
  for (const f of idx) {
    const a = ag(f);
    const r = (agentWeight[a] ?? 0) * (findings.confidence[f] ?? 0) * (findings.severityMult[f] ?? 0);
    const last = raw.length - 1;
    if (last >= 0 && agent[last] === a && symbol[last] === sym(f)) raw[last] = (raw[last] ?? 0) + r;
    else {
      agent.push(a);
      symbol.push(sym(f));
      raw.push(r);
    }
  }
  // The allocation is invariant to scaling raw, so divide by the largest (levels stay finite
  // for tiny inputs); pairs below RAW_NEGLIGIBLE of the largest are dropped as zero.
  const top = raw.reduce((m, r) => (r > m ? r : m), 0);
  const keep = raw.map((r, e) => (top > 0 && r / top > RAW_NEGLIGIBLE ? e : -1)).filter((e) => e >= 0);
  return {
    agent: Int32Array.from(keep, (e) => agent[e] ?? 0),
    symbol: Int32Array.from(keep, (e) => symbol[e] ?? 0),
    raw: Float64Array.from(keep, (e) => (raw[e] ?? 0) / top),
  };
}

interface GroupSums {
  readonly fs: Float64Array; // frozen capital per symbol
  readonly us: Float64Array; // live raw per symbol
  readonly fa: Float64Array; // frozen capital per agent
  readonly ua: Float64Array; // live raw per agent
  readonly fTot: number;
  readonly uTot: number;
}

/** Returns frozen capital and live raw per symbol, per agent and in total, summed in entry order. */
function groupSums(e: Entries, frozen: Uint8Array, value: Float64Array, nSymbols: number, nAgents: number): GroupSums {
  const fs = new Float64Array(nSymbols);
  const us = new Float64Array(nSymbols);
  const fa = new Float64Array(nAgents);
  const ua = new Float64Array(nAgents);
  let fTot = 0;
  let uTot = 0;
  for (let i = 0; i < e.raw.length; i++) {
    const s = e.symbol[i] ?? 0;
    const a = e.agent[i] ?? 0;
    if (frozen[i] === 1) {
      fs[s] = (fs[s] ?? 0) + (value[i] ?? 0);
      fa[a] = (fa[a] ?? 0) + (value[i] ?? 0);
      fTot += value[i] ?? 0;
    } else {
      us[s] = (us[s] ?? 0) + (e.raw[i] ?? 0);
      ua[a] = (ua[a] ?? 0) + (e.raw[i] ?? 0);
      uTot += e.raw[i] ?? 0;
    }
  }
  return { fs, us, fa, ua, fTot, uTot };
}

/** Returns the level t at which a group with frozen capital f and live raw u reaches cap (Infinity if nothing is live). */
function levelAt(cap: number, f: number, u: number): number {
  return u > 0 ? (cap - f) / u : Infinity;
}

/**
 * Returns the progressive-filling allocation: every live (agent, symbol) pair holds raw * t for
 * one common level t, raised from 0; when a symbol reaches max_symbol_weight or an agent
 * reaches max_agent_weight, its pairs freeze at their current value; filling stops when the
 * invested total reaches 1 - cash_buffer or every pair is frozen. So nothing exceeds a cap,
 * unconstrained pairs stay proportional to raw, and cash exceeds the buffer only when every
 * pair sits in a capped symbol or a capped agent. At most #symbols + #agents + 1 rounds.
 */
export function progressiveFill(
  findings: TargetFindings,
  agentWeight: Float64Array,
  nSymbols: number,
  params: TargetParams,
): ProgressiveFillResult {
  const nAgents = agentWeight.length;
  const e = buildEntries(findings, agentWeight);
  const nE = e.raw.length;
  const value = new Float64Array(nE);
  const frozen = new Uint8Array(nE);
  const symLevel = (g: GroupSums, s: number): number => levelAt(params.maxSymbolWeight, g.fs[s] ?? 0, g.us[s] ?? 0);
  const agLevel = (g: GroupSums, a: number): number => levelAt(params.maxAgentWeight, g.fa[a] ?? 0, g.ua[a] ?? 0);
  let capped = false;
  let live = nE;
  while (live > 0) {
    const g = groupSums(e, frozen, value, nSymbols, nAgents);
    const tTotal = levelAt(1 - params.cashBuffer, g.fTot, g.uTot);
    let t = tTotal;
    for (let s = 0; s < nSymbols; s++) t = Math.min(t, symLevel(g, s));
    for (let a = 0; a < nAgents; a++) t = Math.min(t, agLevel(g, a));
    // freeze every pair whose symbol or agent reaches its cap at t (all of them if the total does)
    for (let i = 0; i < nE; i++) {
      if (frozen[i] === 1) continue;
      const hit = symLevel(g, e.symbol[i] ?? 0) <= t || agLevel(g, e.agent[i] ?? 0) <= t;
      if (hit || tTotal <= t) {
        capped ||= hit;
        value[i] = (e.raw[i] ?? 0) * Math.max(0, t);
        frozen[i] = 1;
        live -= 1;
      }
    }
  }
  const symbolWeight = new Float64Array(nSymbols);
  const agentShare = new Float64Array(nAgents);
  for (let i = 0; i < nE; i++) {
    symbolWeight[e.symbol[i] ?? 0] = (symbolWeight[e.symbol[i] ?? 0] ?? 0) + (value[i] ?? 0);
    agentShare[e.agent[i] ?? 0] = (agentShare[e.agent[i] ?? 0] ?? 0) + (value[i] ?? 0);
  }
  return { symbolWeight, agentShare, capped };
}
