import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import { fieldSpecAt, settingAt, type ParamObject } from '../scenario/param-spec.js';
import { SCENARIO_SPEC } from '../scenario/schema.js';
import type { Scenario } from '../scenario/scenario.js';

/** A group of settings a run does not read, and why: `keys` are every such key (dotted), whatever its value. */
export interface UnreadSettings {
  readonly why: string;
  readonly keys: readonly string[];
  /** What changing them does instead of nothing (decay.* under a variant that records the multipliers only). */
  readonly effect?: string;
  /** False: not noted by bt run (a key every scenario sets, read by nothing by design: seed), only by bt sweep when swept. */
  readonly noteInRun?: boolean;
}

const DECAY_RECORDED_ONLY = "change no weight or target, only the confidence multipliers recorded (agent_weights.arrow's confidence_multiplier, the governance files)";

/**
 * Returns the groups of settings this run never reads: the keys of a step the scenario switched
 * off (decay.enabled, promotion.enabled, kill.enabled, governor.guardian.enabled, kill.class_kill or
 * no kill list), of a model it does not use (reconcile.ridge without expected_model ridge,
 * costs.impact_window without impact), or of an input its allocator variant does not read
 * (AllocatorPlugin.reads: decay.* outside risk-penalized, cvar.* outside risk-penalized or with
 * cvar_penalty_k 0, the time windows of stats.* outside capital-governor). Each such key is accepted
 * (one scenario serves every variant, as bt compare --all-variants runs it), but a sweep over it
 * would look flat for no visible reason. Pure; fixed order (the spec's).
 */
export function unreadSettings(sc: Scenario, plugin: AllocatorPlugin): UnreadSettings[] {
  // a run draws no random numbers: seed only labels it (manifest.json, config id); every shipped
  // scenario sets one, so only a sweep over it is noted
  const out: UnreadSettings[] = [{ why: 'a run draws no random numbers in this version: seed only labels it (manifest.json)', keys: ['seed'], noteInRun: false }];
  const add = (why: string, keys: readonly string[], effect?: string): void => {
    if (keys.length > 0) out.push(effect === undefined ? { why, keys } : { why, keys, effect });
  };
  const variant = `allocator.variant ${sc.allocator.variant}`;
  const reads = plugin.reads?.(sc.allocator.params) ?? { confidence: true, strategyCvar: true, windowStats: true };

  const decay = keysOf('decay');
  if (!reads.confidence) add(`${variant} does not weigh agents by the confidence multiplier`, decay, DECAY_RECORDED_ONLY);
  else if (!sc.decay.enabled) add('decay.enabled is false', decay.filter((k) => k !== 'decay.enabled'));
  // with its params: risk-penalized with cvar_penalty_k 0 reads no CVaR either
  if (!reads.strategyCvar) add(`${variant} does not read the strategy-class CVaR with these allocator.params`, keysOf('cvar'));
  if (!reads.windowStats) add(`${variant} does not read pnl_7d, sharpe_30d, winrate_30d or max_dd_30d (capital-governor's inputs)`, ['stats.window_days', 'stats.pnl_window_days']);
  if (sc.reconcile.expectedModel !== 'ridge') add(`reconcile.expected_model is ${sc.reconcile.expectedModel}, not ridge`, keysOf('reconcile.ridge'));
  if (!sc.promotion.enabled) add('promotion.enabled is false', keysOf('promotion').filter((k) => k !== 'promotion.enabled'));
  // kill.retire_min_outcomes also gates promotions (no agent is decided on fewer outcomes)
  const killOff = ['kill_error_rate', 'retire_pnl_sum_bps', 'retire_drawdown_bps', 'class_kill', 'class_min_outcomes', ...(sc.promotion.enabled ? [] : ['retire_min_outcomes'])];
  if (!sc.kill.enabled) add('kill.enabled is false', keysOf('kill').filter((k) => killOff.includes(k.slice('kill.'.length))));
  else if (!sc.kill.classKill) add('kill.class_kill is false', ['kill.class_min_outcomes']);
  else if (sc.data.killList === undefined) add('the scenario has no data.kill_list', ['kill.class_min_outcomes']);
  if (!sc.governor.guardian.enabled) add('governor.guardian.enabled is false', ['governor.guardian.pause_drawdown', 'governor.guardian.resume_drawdown']);
  const c = sc.costs;
  const impact = (c.impactK ?? 0) > 0 || Object.values(c.symbols ?? {}).some((o) => (o.impactK ?? 0) > 0);
  if (!impact) add('no costs.impact_k above 0 (here or in costs.symbols)', ['costs.impact_window']);
  return out;
}

/**
 * Returns one note per group of unreadSettings whose keys are set away from their defaults (a key
 * at its default changes nothing whatever reads it): bt run prints them and metrics.json ends with them.
 */
export function unreadSettingsNotes(sc: Scenario, plugin: AllocatorPlugin): string[] {
  const notes: string[] = [];
  for (const g of unreadSettings(sc, plugin)) {
    if (g.noteInRun === false) continue;
    const keys = g.keys.filter((k) => differsFromDefault(sc.settings, k));
    if (keys.length === 0) continue;
    const one = keys.length === 1;
    const effect = g.effect ?? 'change nothing in this run';
    notes.push(`${g.why}: ${keys.join(', ')} (set away from ${one ? 'its default' : 'their defaults'}) ${one ? effect.replace(/^change /, 'changes ') : effect}`);
  }
  return notes;
}

/** The dotted scalar keys of the spec's object at `path` ('decay', 'reconcile.ridge'), in spec order. */
function keysOf(path: string): string[] {
  const field = fieldSpecAt(SCENARIO_SPEC, path);
  if (field?.kind !== 'object') return [];
  return Object.entries(field.fields).filter(([, f]) => f.kind === 'number' || f.kind === 'boolean').map(([k]) => `${path}.${k}`);
}

/** True when the setting at dotted `key` is present and differs from its spec default (an optional one without a default: present). */
function differsFromDefault(settings: ParamObject, key: string): boolean {
  const v = settingAt(settings, key);
  const f = fieldSpecAt(SCENARIO_SPEC, key);
  if (v === null || f === undefined) return false;
  return !('default' in f) || v !== f.default;
}
