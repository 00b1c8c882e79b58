import { configId } from '../core/hash.js';
import { isPlainObject, type ParamObject, type ParamValue } from '../scenario/param-spec.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * Returns a configuration's id: 12 hex of sha256 of the stable JSON of its resolved settings
 * (defaults filled, durations in ms), so two spellings of one configuration share an id.
 */
export function sweepConfigId(scenario: Scenario): string {
  return configId(scenario.settings);
}

/** Returns the resolved value at a dotted path of a settings tree, or null when absent. */
export function settingAt(settings: ParamObject, path: string): ParamValue | null {
  let node: ParamValue = settings;
  for (const key of path.split('.')) {
    if (!isPlainObject(node) || !Object.hasOwn(node, key)) return null;
    node = (node as ParamObject)[key] as ParamValue;
  }
  return node;
}
