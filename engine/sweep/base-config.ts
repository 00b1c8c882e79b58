import { stableStringify } from '../core/stable-json.js';
import { settingAt, type ParamValue } from '../scenario/param-spec.js';
import type { Scenario } from '../scenario/scenario.js';
import type { SweepConfig } from './build-configurations.js';
import { sweepConfigId } from './config-id.js';

/** The base scenario's own configuration in a sweep: its id when the space holds its settings, else why not. */
export type BaseConfig = { readonly id: string; readonly absent: null } | { readonly id: null; readonly absent: string };

function valueText(v: ParamValue | null): string {
  return typeof v === 'string' ? v : stableStringify(v);
}

/** Orders values: numbers first by value, then the rest by their text (a total order). */
function ascending(a: ParamValue | null, b: ParamValue | null): number {
  const an = typeof a === 'number';
  const bn = typeof b === 'number';
  if (an && bn) return (a as number) - (b as number);
  if (an !== bn) return an ? -1 : 1;
  const x = valueText(a);
  const y = valueText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Returns the base scenario's own configuration among `configs` (every configuration of the
 * sweep): the one whose resolved settings are the base's (one id: ids hash the resolved
 * settings), or, when none is, which swept paths never take the base's value (resolved values,
 * as results.csv prints them), or that only their combination is missing (a list, a random search).
 */
export function findBaseConfig(base: Scenario, paths: readonly string[], configs: readonly SweepConfig[]): BaseConfig {
  const id = sweepConfigId(base);
  if (configs.some((c) => c.id === id)) return { id, absent: null };
  const missing: string[] = [];
  for (const p of paths) {
    const own = stableStringify(settingAt(base.settings, p));
    if (configs.some((c) => stableStringify(c.params[p] ?? null) === own)) continue;
    // the sweep's values in ascending order (numbers by value, others as text): configs are in id order, which says nothing
    const distinct = [...new Map(configs.map((c) => [stableStringify(c.params[p] ?? null), c.params[p] ?? null])).values()];
    const values = distinct.sort(ascending).map(valueText);
    missing.push(`${p}: the base has ${valueText(settingAt(base.settings, p))}, the sweep ${values.slice(0, 8).join(', ')}${values.length > 8 ? ', ...' : ''}`);
  }
  const absent = missing.length > 0 ? `no configuration with the base's own settings (${missing.join('; ')})` : "no configuration with the base's own settings: each swept path takes the base's value in some configuration, but none takes them all";
  return { id: null, absent };
}
