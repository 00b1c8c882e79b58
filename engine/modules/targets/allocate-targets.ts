/**
 * Per-symbol portfolio targets from agent findings (seed 000 `CapitalAllocator.allocate`) on
 * typed arrays, in seed mode (the 000 algorithm) or default mode (Q000-1..7 corrected).
 */
import { assert } from '../../core/errors.js';
import { targetInputViolations } from './target-input-violations.js';
import { progressiveFill } from './progressive-fill.js';

/** Active findings at one cycle; agent ids index `agentWeight`, symbol ids index the symbol table. */
export interface TargetFindings {
  readonly n: number;
  readonly agentId: Int32Array;
  readonly symbolId: Int32Array;
  /** Finding confidence, a fraction in [0, 1]. */
  readonly confidence: Float64Array;
  /** Severity multiplier (dimensionless, see severityMultiplier). */
  readonly severityMult: Float64Array;
}

/** Caps of the target step, all fractions of portfolio value in [0, 1]. */
export interface TargetParams {
  readonly maxAgentWeight: number;
  readonly maxSymbolWeight: number;
  readonly cashBuffer: number;
}

/** Targets as fractions of portfolio value (multiply by the portfolio value for money). */
export interface TargetAllocation {
  /** Fraction of portfolio value per symbol id. */
  readonly symbolWeight: Float64Array;
  /** Fraction of portfolio value held as cash; sum(symbolWeight) + cash = 1. */
  readonly cash: number;
  /** Fraction of portfolio value attributable to each agent id (pro rata within each symbol). */
  readonly agentShare: Float64Array;
  /** True when a symbol cap (seed and default) or an agent cap (default) bound. */
  readonly capped: boolean;
  /** Seed 000 `agent_contributions`: raw weight x confidence x severity units per agent id, pre-cap. */
  readonly agentRawContribution: Float64Array;
}

/**
 * Returns symbol targets, cash and agent shares as fractions of portfolio value.
 * seed: capital_f = min(w_a, max_agent_weight) * c_f * sev_f; x_s = min(raw_s / sum raw, cap_s);
 * cash = max(buffer, 1 - sum x); x_s *= (1 - cash) / max(sum x, 1e-9) (seed 000 allocate).
 * default: progressive filling (progressiveFill) under both caps within 1 - cash_buffer.
 */
export function allocateTargets(
  findings: TargetFindings,
  agentWeight: Float64Array,
  nSymbols: number,
  params: TargetParams,
  mode: 'seed' | 'default',
): TargetAllocation {
  if (mode === 'seed') return allocateTargetsSeed(findings, agentWeight, nSymbols, params);
  const violations = targetInputViolations(findings, agentWeight, nSymbols, params);
  assert(violations.length === 0, `allocateTargets: ${violations[0]?.field ?? ''} ${violations[0]?.expected ?? ''}`);
  const raw = new Float64Array(agentWeight.length);
  for (let f = 0; f < findings.n; f++) {
    const a = findings.agentId[f] ?? 0;
    raw[a] = (raw[a] ?? 0) + (agentWeight[a] ?? 0) * (findings.confidence[f] ?? 0) * (findings.severityMult[f] ?? 0);
  }
  const fill = progressiveFill(findings, agentWeight, nSymbols, params);
  let invested = 0;
  for (let s = 0; s < nSymbols; s++) invested += fill.symbolWeight[s] ?? 0;
  return {
    symbolWeight: fill.symbolWeight,
    cash: Math.max(0, 1 - invested),
    agentShare: fill.agentShare,
    capped: fill.capped,
    agentRawContribution: raw,
  };
}

function allocateTargetsSeed(
  findings: TargetFindings,
  agentWeight: Float64Array,
  nSymbols: number,
  params: TargetParams,
): TargetAllocation {
  const sc = newSeedTargetsScratch(agentWeight.length, nSymbols);
  allocateTargetsSeedInto(findings, agentWeight, nSymbols, params, sc);
  return { symbolWeight: sc.symbolWeight, cash: sc.cash, agentShare: sc.agentShare, capped: sc.capped, agentRawContribution: sc.rawAgent };
}

/** Buffers of allocateTargetsSeedInto, reused call after call; its results are the fields below `capital`. A class, not a literal, so its field types hold from run to run (bench/RESULTS.md, twentieth session). */
export class SeedTargetsScratch {
  /** Per finding (grown by doubling). */
  capital: Float64Array;
  readonly rawSymbol: Float64Array;
  readonly rawAgent: Float64Array;
  readonly symbolWeight: Float64Array;
  readonly agentShare: Float64Array;
  cash: number;
  capped: boolean;

  constructor(nAgents: number, nSymbols: number) {
    this.capital = new Float64Array(64);
    this.rawSymbol = new Float64Array(nSymbols);
    this.rawAgent = new Float64Array(nAgents);
    this.symbolWeight = new Float64Array(nSymbols);
    this.agentShare = new Float64Array(nAgents);
    this.cash = 1;
    this.capped = false;
  }
}

/** Returns empty scratch for nAgents agents and nSymbols symbols. */
export function newSeedTargetsScratch(nAgents: number, nSymbols: number): SeedTargetsScratch {
  return new SeedTargetsScratch(nAgents, nSymbols);
}

/** The seed-mode allocation (allocateTargets, mode 'seed') into reused scratch: nothing allocated once the scratch has grown. */
export function allocateTargetsSeedInto(
  findings: TargetFindings,
  agentWeight: Float64Array,
  nSymbols: number,
  params: TargetParams,
  sc: SeedTargetsScratch,
): void {
  if (sc.capital.length < findings.n) {
    let cap = sc.capital.length;
    while (cap < findings.n) cap *= 2;
    sc.capital = new Float64Array(cap);
  }
  const { capital, rawSymbol, rawAgent, symbolWeight, agentShare } = sc;
  rawSymbol.fill(0);
  rawAgent.fill(0);
  symbolWeight.fill(0);
  agentShare.fill(0);
  for (let f = 0; f < findings.n; f++) {
    const a = findings.agentId[f] ?? 0;
    const s = findings.symbolId[f] ?? 0;
    const w = agentWeight[a] ?? 0;
    // seed quirk (000 allocate): the agent cap clips the schedule weight per finding (Q000-7)
    const agentW = params.maxAgentWeight < w ? params.maxAgentWeight : w;
    const c = agentW * (findings.confidence[f] ?? 0) * (findings.severityMult[f] ?? 0);
    capital[f] = c;
    rawSymbol[s] = (rawSymbol[s] ?? 0) + c;
    rawAgent[a] = (rawAgent[a] ?? 0) + c;
  }
  let totalRisk = 0;
  for (let s = 0; s < nSymbols; s++) totalRisk += rawSymbol[s] ?? 0;
  sc.cash = 1;
  sc.capped = false;
  if (totalRisk === 0) return;
  let used = 0;
  let capped = false;
  for (let s = 0; s < nSymbols; s++) {
    const norm = (rawSymbol[s] ?? 0) / totalRisk;
    // seed quirk (000 allocate): the capped-off part becomes cash, never redistributed (Q000-2)
    if (params.maxSymbolWeight < norm) capped = true;
    symbolWeight[s] = params.maxSymbolWeight < norm ? params.maxSymbolWeight : norm;
    used += symbolWeight[s] ?? 0;
  }
  const cash = 1.0 - used > params.cashBuffer ? 1.0 - used : params.cashBuffer;
  const scale = (1.0 - cash) / (used > 1e-9 ? used : 1e-9);
  for (let s = 0; s < nSymbols; s++) symbolWeight[s] = (symbolWeight[s] ?? 0) * scale;
  for (let f = 0; f < findings.n; f++) {
    const s = findings.symbolId[f] ?? 0;
    const a = findings.agentId[f] ?? 0;
    const r = rawSymbol[s] ?? 0;
    if (r !== 0) agentShare[a] = (agentShare[a] ?? 0) + ((symbolWeight[s] ?? 0) * (capital[f] ?? 0)) / r;
  }
  sc.cash = cash;
  sc.capped = capped;
}
