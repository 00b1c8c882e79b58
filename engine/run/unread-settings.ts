import type { AllocatorPlugin } from '../modules/allocator/plugin.js';
import type { FieldSpec, ObjectSpec, ParamObject, ParamValue } from '../scenario/param-spec.js';
import { SCENARIO_SPEC } from '../scenario/schema.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * Returns one note per group of settings this run does not read although they are set away from
 * their defaults: a key of a step the scenario switched off (decay.enabled, promotion.enabled,
 * kill.enabled, governor.guardian.enabled, kill.class_kill or no kill list), of a model it does not
 * use (reconcile.ridge without expected_model ridge, costs.impact_window without impact), or of an
 * input its allocator variant does not read (AllocatorPlugin.reads: decay.* outside
 * risk-penalized, cvar.* outside risk-penalized or with cvar_penalty_k 0, the time windows of
 * stats.* outside capital-governor). Each such key is accepted (one scenario serves every variant,
 * as bt compare --all-variants runs it), but a sweep over it would look flat for no visible reason.
 * A key left at its default is not listed: it changes nothing whatever it is read by. Pure; the
 * order is fixed (the spec's key order), so the notes are part of the run's bytes.
 */
export function unreadSettingsNotes(sc: Scenario, plugin: AllocatorPlugin): string[] {
  const s = sc.settings as Readonly<Record<string, ParamValue>>;
  const notes: string[] = [];
  const say = (keys: readonly string[], why: string, effect = 'change nothing in this run'): void => {
    if (keys.length === 0) return;
    const one = keys.length === 1;
    notes.push(`${why}: ${keys.join(', ')} (set away from ${one ? 'its default' : 'their defaults'}) ${one ? effect.replace(/^change /, 'changes ') : effect}`);
  };
  const variant = `allocator.variant ${sc.allocator.variant}`;
  const reads = plugin.reads?.(sc.allocator.params) ?? { confidence: true, strategyCvar: true, windowStats: true };

  const decayAll = changed(s, 'decay');
  const decayTunables = decayAll.filter((k) => k !== 'decay.enabled');
  if (!reads.confidence) say(decayAll, `${variant} does not weigh agents by the confidence multiplier`, "change no weight or target, only the confidence multipliers recorded (agent_weights.arrow's confidence_multiplier, the governance files)");
  else if (!sc.decay.enabled) say(decayTunables, 'decay.enabled is false');

  // with its params: risk-penalized with cvar_penalty_k 0 reads no CVaR either
  if (!reads.strategyCvar) say(changed(s, 'cvar'), `${variant} does not read the strategy-class CVaR with these allocator.params`);
  if (!reads.windowStats) say(changed(s, 'stats', ['window_days', 'pnl_window_days']), `${variant} does not read pnl_7d, sharpe_30d, winrate_30d or max_dd_30d (capital-governor's inputs)`);

  if (sc.reconcile.expectedModel !== 'ridge' && sc.reconcile.ridge !== undefined) say(present(s, 'reconcile', 'ridge'), `reconcile.expected_model is ${sc.reconcile.expectedModel}, not ridge`);

  if (!sc.promotion.enabled) say(changed(s, 'promotion').filter((k) => k !== 'promotion.enabled'), 'promotion.enabled is false');
  // kill.retire_min_outcomes also gates promotions (no agent is decided on fewer outcomes)
  const killOff = ['kill_error_rate', 'retire_pnl_sum_bps', 'retire_drawdown_bps', 'class_kill', 'class_min_outcomes', ...(sc.promotion.enabled ? [] : ['retire_min_outcomes'])];
  if (!sc.kill.enabled) say(changed(s, 'kill', killOff), 'kill.enabled is false');
  else if (!sc.kill.classKill) say(changed(s, 'kill', ['class_min_outcomes']), 'kill.class_kill is false');
  else if (sc.data.killList === undefined) say(changed(s, 'kill', ['class_min_outcomes']), 'the scenario has no data.kill_list');

  if (!sc.governor.guardian.enabled) say(changed(s, 'governor.guardian', ['pause_drawdown', 'resume_drawdown']), 'governor.guardian.enabled is false');

  const c = sc.costs;
  const impact = (c.impactK ?? 0) > 0 || Object.values(c.symbols ?? {}).some((o) => (o.impactK ?? 0) > 0);
  if (!impact && c.impactWindow !== undefined) say(['costs.impact_window'], 'no costs.impact_k above 0 (here or in costs.symbols)');
  return notes;
}

/** The dotted keys of section `path` whose value differs from the spec's default (all its scalar keys, or only `only`), in spec order. */
function changed(settings: Readonly<Record<string, ParamValue>>, path: string, only?: readonly string[]): string[] {
  const [head, ...rest] = path.split('.');
  let spec: ObjectSpec = SCENARIO_SPEC;
  let value: ParamValue | undefined = head === undefined ? undefined : settings[head];
  let field: FieldSpec | undefined = head === undefined ? undefined : spec[head];
  for (const k of rest) {
    if (field?.kind !== 'object' || typeof value !== 'object') return [];
    spec = field.fields;
    field = spec[k];
    value = (value as ParamObject)[k];
  }
  if (field?.kind !== 'object' || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [key, f] of Object.entries(field.fields)) {
    if (only !== undefined && !only.includes(key)) continue;
    if (f.kind !== 'number' && f.kind !== 'boolean') continue;
    const v = (value as ParamObject)[key];
    if (v !== undefined && v !== f.default) out.push(`${path}.${key}`);
  }
  return out;
}

/** The dotted keys present under settings[section][key] (an optional mapping without defaults). */
function present(settings: Readonly<Record<string, ParamValue>>, section: string, key: string): string[] {
  const sec = settings[section];
  const m = typeof sec === 'object' ? (sec as ParamObject)[key] : undefined;
  return typeof m === 'object' ? Object.keys(m).map((k) => `${section}.${key}.${k}`) : [];
}
