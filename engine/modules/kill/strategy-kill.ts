/**
 * Strategy-class kill list (seed 004 strategy_kill_list.yaml + "If a strategy breaches
 * thresholds -> RETIRE ALL AGENTS IN CLASS"), under the contract's reading:
 * status DISABLED -> KILL; else drawdown < max_drawdown_bps or hit_rate < min_hit_rate
 * (both strict, each only when set) -> RETIRE; else ACTIVE. Reasons list every rule that
 * holds, in the order status_disabled, max_drawdown_breach, min_hit_rate_breach.
 */
import { assert, SeedRaise } from '../../core/errors.js';
import type { KillList, KillListEntry } from '../../../datasets/schemas/columns.js';
import { comparePyStrings, newDict, pyDict, pyGet, pyGetItem, pyList, pyTypeName } from '../../core/python/py-builtins.js';
import { addClassOutcome, classHitRates, createClassPnlState } from './strategy-attribution.js';

/** How the kill list is read: the seed's exact reading, or bt's default (see docs/modules/kill.md). */
export type KillMode = 'seed' | 'default';

/** A class's decision. */
export type ClassDecision = 'KILL' | 'RETIRE' | 'ACTIVE';

/** Statuses a kill list may give (bt's default mode matches them case-insensitively). */
export const KILL_LIST_STATUSES = ['ACTIVE', 'DISABLED'] as const;

/** Returns true when `status` is a known kill-list status (case-insensitive); parsers reject the others. */
export function isKillListStatus(status: string): boolean {
  const s = status.toUpperCase();
  return KILL_LIST_STATUSES.some((k) => k === s);
}

/** The per-class statistics the kill list reads, indexed by class id. */
export interface KillInputs {
  readonly nEvents: Int32Array;
  /** Worst drawdown from a running peak starting at 0, bps (<= 0). */
  readonly maxDrawdownBps: Float64Array;
  /** Fraction of events with pnl > 0; NaN = no events (the hit-rate rule does not fire). */
  readonly hitRate: Float64Array;
}

function isDisabled(entry: KillListEntry, mode: KillMode): boolean {
  const status = entry.status;
  if (status === undefined) return false;
  if (mode === 'seed') return status === 'DISABLED'; // exact, case-sensitive; unknown = ACTIVE
  assert(isKillListStatus(status), `kill-list status '${status}' was validated at parse time`);
  return status.toUpperCase() === 'DISABLED';
}

/**
 * Returns each class's decision and reasons. `classNames[c]` names class id c; classes
 * absent from the kill list are ACTIVE. Mode 'default' matches status case-insensitively
 * and requires statuses validated with `isKillListStatus`.
 */
export function evaluateKillList(
  classStats: KillInputs,
  classNames: readonly string[],
  killList: KillList,
  mode: KillMode,
): { decision: ClassDecision[]; reasons: string[][] } {
  const decision: ClassDecision[] = [];
  const reasons: string[][] = [];
  for (let c = 0; c < classNames.length; c++) {
    const name = classNames[c] as string;
    const entry = Object.prototype.hasOwnProperty.call(killList, name) ? killList[name] : undefined;
    const why: string[] = [];
    if (entry !== undefined) {
      if (isDisabled(entry, mode)) why.push('status_disabled');
      const dd = classStats.maxDrawdownBps[c] as number;
      if (entry.maxDrawdownBps !== undefined && dd < entry.maxDrawdownBps) why.push('max_drawdown_breach');
      const hit = classStats.hitRate[c] as number; // NaN (no events) never breaches
      if (entry.minHitRate !== undefined && hit < entry.minHitRate) why.push('min_hit_rate_breach');
    }
    decision.push(why[0] === 'status_disabled' ? 'KILL' : why.length > 0 ? 'RETIRE' : 'ACTIVE');
    reasons.push(why);
  }
  return { decision, reasons };
}

/**
 * Returns evaluateKillList's decision for one class, without building reasons or arrays: what
 * the engine evaluates per class per tick (reasons only when a decision fires).
 */
export function classDecisionAt(maxDrawdownBps: number, hitRate: number, name: string, killList: KillList, mode: KillMode): ClassDecision {
  const entry = Object.prototype.hasOwnProperty.call(killList, name) ? killList[name] : undefined;
  if (entry === undefined) return 'ACTIVE';
  const status = entry.status;
  if (status !== undefined && (mode === 'seed' ? status === 'DISABLED' : upperEquals(status, 'DISABLED'))) return 'KILL';
  if (entry.maxDrawdownBps !== undefined && maxDrawdownBps < entry.maxDrawdownBps) return 'RETIRE';
  if (entry.minHitRate !== undefined && hitRate < entry.minHitRate) return 'RETIRE';
  return 'ACTIVE';
}

/** Returns s.toUpperCase() === upper (ASCII letters, as the validated statuses are) without a new string. */
function upperEquals(s: string, upper: string): boolean {
  if (s.length !== upper.length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122 ? c - 32 : c) !== upper.charCodeAt(i)) return false;
  }
  return true;
}

/** Returns the sorted union of the agent ids of KILL/RETIRE classes. */
export function retiredAgents(decision: readonly ClassDecision[], agentsByClass: readonly Int32Array[]): Int32Array {
  const set = new Set<number>();
  decision.forEach((d, c) => {
    if (d !== 'ACTIVE') for (const a of agentsByClass[c] ?? []) set.add(a);
  });
  return Int32Array.from(set).sort((x, y) => x - y);
}

/** Returns a JSON number as Python arithmetic sees it (a bool is 0 or 1), else null. */
function pyNumeric(v: unknown): number | null {
  return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : null;
}

/**
 * Returns a threshold of the entry (undefined when absent). Python compares `value < threshold`
 * and raises on a non-number there; the hit-rate rule compares only when the class has events.
 */
function seedThreshold(entry: Readonly<Record<string, unknown>>, key: string, compared: boolean): number | undefined {
  if (!Object.prototype.hasOwnProperty.call(entry, key)) return undefined;
  const v = pyNumeric(entry[key]);
  if (v !== null) return v;
  if (!compared) return undefined;
  throw new SeedRaise('TypeError', `'<' not supported between instances of 'float' and '${pyTypeName(entry[key])}' (${key})`);
}

/** Returns the kill-list entry of the seed's YAML keys (a non-string status is an unknown status = ACTIVE). */
function seedEntry(raw: unknown, name: string, nEvents: number): KillListEntry {
  const e = pyDict(raw, `kill_list['${name}']`);
  const status = pyGet(e, 'status', undefined);
  const dd = seedThreshold(e, 'max_drawdown_bps', true);
  const hit = seedThreshold(e, 'min_hit_rate', nEvents > 0);
  return {
    ...(typeof status === 'string' ? { status } : {}),
    ...(dd !== undefined ? { maxDrawdownBps: dd } : {}),
    ...(hit !== undefined ? { minHitRate: hit } : {}),
  };
}

/**
 * Returns the contract's strategy_kill on JSON args (`events_by_strategy`, `kill_list`):
 * {"strategies": {s: {decision, reasons, n_events, pnl_sum_bps, max_drawdown_bps, hit_rate,
 * agents}}, "retired_agents": [...]}; classes in event order, then kill-list-only ones.
 */
export function strategyKillSeed(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const byStrategy = pyDict(pyGetItem(args, 'events_by_strategy'), 'events_by_strategy');
  const killRaw = pyDict(pyGet(args, 'kill_list', {}) ?? {}, 'kill_list');
  const names = Object.keys(byStrategy);
  for (const k of Object.keys(killRaw)) if (!Object.prototype.hasOwnProperty.call(byStrategy, k)) names.push(k);

  const state = createClassPnlState(names.length);
  const agents: string[][] = [];
  names.forEach((name, c) => {
    const set = new Set<string>();
    const events = Object.prototype.hasOwnProperty.call(byStrategy, name) ? pyList(byStrategy[name], name) : [];
    for (const raw of events) {
      const e = pyDict(raw, 'event');
      const pnl = pyGetItem(e, 'pnl_bps');
      const agent = pyGetItem(e, 'agent');
      const pnlBps = pyNumeric(pnl); // True + 1 == 2 in Python
      if (pnlBps === null) throw new SeedRaise('TypeError', `pnl_bps must be a number, not '${pyTypeName(pnl)}'`);
      if (typeof agent !== 'string') throw new SeedRaise('TypeError', `agent must be a str, not '${pyTypeName(agent)}'`);
      addClassOutcome(state, c, pnlBps);
      set.add(agent);
    }
    agents.push([...set].sort(comparePyStrings)); // Python sorted(): by code point
  });

  const killList = newDict<KillListEntry>();
  names.forEach((k, c) => {
    if (Object.prototype.hasOwnProperty.call(killRaw, k)) killList[k] = seedEntry(killRaw[k], k, state.n[c] as number);
  });
  const hitRate = classHitRates(state);
  const stats = { nEvents: state.n, maxDrawdownBps: state.maxDrawdownBps, hitRate };
  const { decision, reasons } = evaluateKillList(stats, names, killList, 'seed');

  const strategies = newDict<unknown>();
  const retired = new Set<string>();
  names.forEach((name, c) => {
    const h = hitRate[c] as number;
    strategies[name] = {
      decision: decision[c],
      reasons: reasons[c],
      n_events: state.n[c],
      pnl_sum_bps: state.sumBps[c],
      max_drawdown_bps: state.maxDrawdownBps[c],
      hit_rate: h === h ? h : null,
      agents: agents[c],
    };
    if (decision[c] !== 'ACTIVE') for (const a of agents[c] ?? []) retired.add(a);
  });
  return { strategies, retired_agents: [...retired].sort(comparePyStrings) };
}
