/**
 * Seed 000 `CapitalAllocator.allocate`, line for line on the parity contract's JSON args
 * (shared/parity/CONTRACT.md, fn `capital_allocate`; timestamp dropped). Money out.
 */
import { SeedRaise } from '../../core/errors.js';
import { pyDictKey, pyFloat } from '../../core/python/py-builtins.js';
import { SEED_SEVERITY_MULTIPLIER } from './severity-multiplier.js';
import {
  asPyDict,
  isPyTruthy,
  pyGet,
  pyMax,
  pyMin,
  pyNumber,
  type PyDict,
} from '../../core/python/py-dict.js';

export { allocateTargets } from './allocate-targets.js';
export type { TargetAllocation, TargetFindings, TargetParams } from './allocate-targets.js';

// seed 000 _severity_multiplier: {...}.get(severity, 1.0): null, unknown or 'HIGH' -> 1.0 (Q000-4)
function severityMultiplierSeed(severity: unknown): number {
  if (Array.isArray(severity) || (typeof severity === 'object' && severity !== null)) {
    throw new SeedRaise('TypeError', 'unhashable type in severity');
  }
  if (typeof severity !== 'string') return 1.0;
  return Object.prototype.hasOwnProperty.call(SEED_SEVERITY_MULTIPLIER, severity)
    ? (SEED_SEVERITY_MULTIPLIER[severity] ?? 1.0)
    : 1.0;
}

function argNumber(args: PyDict, key: string, dflt: number): number {
  return pyNumber(pyGet(args, key, dflt), key);
}

/** Adds `x` to a Python defaultdict(float) entry, keeping first-insertion order. */
function addTo(m: Map<string, number>, key: string, x: number): void {
  m.set(key, (m.get(key) ?? 0.0) + x);
}

/** Returns Python `sum(values)`: left to right from 0 (parity note 6). */
function pySum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/**
 * Returns seed 000 `CapitalAllocator.allocate(findings, portfolio_value)` as
 * `{portfolio_value, targets: {symbol: money}, cash: money, agent_contributions: {agent: raw}}`;
 * raises SeedRaise where the seed's Python raises (Q000-5: `confidence: null`).
 */
export function capitalAllocateSeed(args: Readonly<Record<string, unknown>>): unknown {
  const schedule = asPyDict(pyGet(args, 'schedule', {}), 'schedule');
  const findingsArg = pyGet(args, 'findings', []);
  if (!Array.isArray(findingsArg)) throw new SeedRaise('TypeError', 'findings is not iterable');
  const findings: readonly unknown[] = findingsArg;
  // The tunables are read where the seed first uses them, so an unused one never raises.

  const rawAllocations = new Map<string, number>();
  const agentContributions = new Map<string, number>();

  // 1. Agent -> signal -> raw capital
  for (const fv of findings) {
    const f = asPyDict(fv, 'finding');
    const agent = pyGet(f, 'agent');
    const symbol = pyGet(f, 'symbol');
    const severity = pyGet(f, 'severity', 'low');
    // float() runs before the agent/symbol check: null raises even on a skipped finding (Q000-5)
    const confidence = pyFloat(pyGet(f, 'confidence', 0.5));

    if (!isPyTruthy(agent) || !isPyTruthy(symbol)) continue;

    const cfg = pyGet(schedule, agent);
    if (!isPyTruthy(cfg)) continue;
    if (!isPyTruthy(pyGet(asPyDict(cfg, 'schedule entry'), 'enabled', false))) continue;

    const agentWeight = pyMin(
      pyNumber(pyGet(asPyDict(cfg, 'schedule entry'), 'weight', 0), 'weight'),
      argNumber(args, 'max_agent_weight', 0.25),
    );
    const severityMult = severityMultiplierSeed(severity);

    const capital = agentWeight * confidence * severityMult;

    // a list or dict symbol is unhashable: raw_allocations[symbol] raises TypeError
    addTo(rawAllocations, pyDictKey(symbol), capital);
    addTo(agentContributions, String(agent), capital);
  }

  // 2. Normalize + enforce symbol caps
  const totalRisk = pySum(rawAllocations.values());
  if (totalRisk === 0) {
    // seed quirk (000 _empty_portfolio): ignores portfolio_value (Q000-1)
    return { portfolio_value: 1.0, targets: {}, cash: 1.0, agent_contributions: {} };
  }

  const maxSymbolWeight = argNumber(args, 'max_symbol_weight', 0.2);
  const normalized = new Map<string, number>();
  for (const [symbol, w] of rawAllocations) {
    const norm = w / totalRisk;
    normalized.set(symbol, pyMin(norm, maxSymbolWeight));
  }

  // 3. Cash buffer
  const used = pySum(normalized.values());
  const cash = pyMax(argNumber(args, 'cash_buffer', 0.1), 1.0 - used);

  // 4. Final scaling: x *= scale * portfolio_value is x * (scale * pv) (parity note 7)
  const scale = (1.0 - cash) / pyMax(pySum(normalized.values()), 1e-9);
  // portfolio_value is returned as given: a bool stays a bool (True * x is x in the arithmetic)
  const portfolioValueArg = pyGet(args, 'portfolio_value', 1.0);
  const portfolioValue = pyNumber(portfolioValueArg, 'portfolio_value');
  const factor = scale * portfolioValue;
  const targets = Object.fromEntries([...normalized].map(([symbol, w]) => [symbol, w * factor]));

  return {
    portfolio_value: portfolioValueArg,
    targets,
    cash: cash * portfolioValue,
    agent_contributions: Object.fromEntries(agentContributions),
  };
}
