import { Scalar, stringify } from 'yaml';
import { stableStringify } from '../core/stable-json.js';
import { formatUtc } from './format-utc.js';
import type { GovernanceInput } from './governance-input.js';
import { equityAt, type AgentEntry, type ClassEntry, type GovernanceState } from './governance-state.js';
import { prBody } from './pr-body.js';

/** The files of the live system's pull request, by their path in the live repository (seeds 000, 002, 004). */
export const GOVERNANCE_FILES = [
  'agents/manifest.yaml',
  'allocation/weights.json',
  'meta_supervisor/kill_list.yaml',
  'runtime/capital_governor_allocations.json',
  'runtime/allocations_override.json',
  'portfolio_targets.json',
  'PR.md',
] as const;

/** A governance JSON file's text (keys sorted, 2-space indent). */
export const json = (v: unknown): string => `${stableStringify(v, 2)}\n`;
/** A governance YAML file's text (no line folding). */
export const yaml = (v: unknown): string => stringify(v, { lineWidth: 0 });

/** A time as a double-quoted YAML string: unquoted, YAML 1.1 readers (PyYAML, the live system) would load a datetime. */
function quotedTime(tsMs: number): Scalar {
  const s = new Scalar(formatUtc(tsMs));
  s.type = 'QUOTE_DOUBLE';
  return s;
}

/** Returns an agent's entry in agents/manifest.yaml (a class decision's figures are the class's: named so, not taken for the agent's own). */
export function manifestEntry(a: AgentEntry): Record<string, unknown> {
  return { status: a.status, class: a.strategy, since: quotedTime(a.sinceMs), reason: a.reason, [a.classStats === true ? 'class_stats' : 'stats']: a.stats === null ? null : { ...a.stats } };
}

function manifestYaml(st: GovernanceState): string {
  const agents: Record<string, unknown> = {};
  for (const a of st.agents) agents[a.name] = manifestEntry(a);
  return yaml({ agents });
}

/** Returns meta_supervisor/kill_list.yaml's entries by class, sorted, for the classes of the roster `classes` and of the kill list given. */
export function killListEntries(input: GovernanceInput, classes: readonly ClassEntry[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const names = [...new Set([...classes.map((c) => c.name), ...Object.keys(input.killList ?? {})])].sort();
  for (const name of names) {
    const given = input.killList?.[name];
    const cls = classes.find((c) => c.name === name);
    // seed 004 layout: status (ACTIVE / DISABLED), reason, then the thresholds as given.
    const out1: Record<string, unknown> = {};
    // A class the file already DISABLED keeps its entry as given: the run's reason (status_disabled)
    // would overwrite the desk's own ('structural alpha decay'), a change the live system never makes.
    const alreadyDisabled = given?.status?.toUpperCase() === 'DISABLED';
    const decided = cls !== undefined && cls.status !== 'ACTIVE' && !alreadyDisabled;
    out1['status'] = decided ? 'DISABLED' : (given?.status ?? 'ACTIVE');
    const reason = decided ? cls.reason : given?.reason;
    if (reason !== undefined && reason !== null) out1['reason'] = reason;
    if (given?.maxDrawdownBps !== undefined) out1['max_drawdown_bps'] = given.maxDrawdownBps;
    if (given?.minHitRate !== undefined) out1['min_hit_rate'] = given.minHitRate;
    out[name] = out1;
  }
  return out;
}

/** The fields of seed 002's allocation file beside its allocations, as the reallocation at `reallocatedMs` saved them. */
export function governorAllocationsHead(input: GovernanceInput, reallocatedMs: number): Record<string, string | number> {
  return { source: 'capital_governor', timestamp: formatUtc(reallocatedMs), min_allocation: input.minAllocation, max_allocation: input.maxAllocation };
}

/**
 * Returns seed 002's allocation file (capital_governor_allocations.json, also written as
 * allocations_override.json) as the last reallocation saved it (`reallocatedMs`): its allocations and time.
 */
function governorAllocations(input: GovernanceInput, st: GovernanceState, reallocatedMs: number): string {
  return json({ allocations: st.allocations, ...governorAllocationsHead(input, reallocatedMs) });
}

/** The fields of seed 000's portfolio_targets.json but agent_contributions */
export interface PortfolioTargetsHead {
  readonly timestamp: string;
  readonly portfolio_value: number;
  readonly targets: Readonly<Record<string, number>>;
  readonly cash: number;
}

/**
 * Returns seed 000's portfolio_targets.json but its agent_contributions, as of the last target
 * change (`targetsTsMs`, else `atMs`): targets (`held`: non-zero weights by symbol) and cash in money at that time's equity.
 */
export function portfolioTargetsHead(input: GovernanceInput, held: Readonly<Record<string, number>>, targetsTsMs: number | null, atMs: number): PortfolioTargetsHead {
  const at = targetsTsMs ?? atMs;
  const value = equityAt(input.equity, at, input.initialEquity);
  const targets: Record<string, number> = {};
  let used = 0;
  for (const s of Object.keys(held).sort()) {
    const w = held[s] as number;
    targets[s] = w * value;
    used += w;
  }
  return { timestamp: formatUtc(at, 'python'), portfolio_value: value, targets, cash: Math.max(0, 1 - used) * value };
}

/** Returns seed 000's portfolio_targets.json as of the last target change: targets and cash in money at that time's equity. */
function portfolioTargets(input: GovernanceInput, st: GovernanceState): string {
  // bt records agent weights, not seed 000's per-finding capital sums: the contributions are those weights.
  const contributions: Record<string, number> = {};
  for (const a of Object.keys(st.weights).sort()) if ((st.weights[a] as number) !== 0) contributions[a] = st.weights[a] as number;
  return json({ ...portfolioTargetsHead(input, st.targets, st.targetsTsMs, st.atMs), agent_contributions: contributions });
}

/**
 * Returns the text of each governance file (GOVERNANCE_FILES) for the state `st`; `sinceMs`
 * is the start of the window whose decisions PR.md lists (exclusive; -Infinity for all). Seed
 * 002's two allocation files only once the governor has reallocated: before, the live system has
 * saved none (a file of zeros stamped with the state's time would claim a save that never happened).
 */
export function governanceFiles(input: GovernanceInput, st: GovernanceState, sinceMs: number): Partial<Record<(typeof GOVERNANCE_FILES)[number], string>> {
  const allocations = st.targetsTsMs === null ? null : governorAllocations(input, st, st.targetsTsMs);
  return {
    'agents/manifest.yaml': manifestYaml(st),
    'allocation/weights.json': json(st.weights),
    'meta_supervisor/kill_list.yaml': yaml(killListEntries(input, st.classes)),
    ...(allocations !== null ? { 'runtime/capital_governor_allocations.json': allocations, 'runtime/allocations_override.json': allocations } : {}),
    'portfolio_targets.json': portfolioTargets(input, st),
    'PR.md': prBody(input, st.atMs, sinceMs),
  };
}
