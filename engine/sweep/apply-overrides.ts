import { setYamlPaths } from '../scenario/set-yaml-paths.js';
import { picksOtherVariant, withoutOtherVariantParams } from '../scenario/variant-params.js';
import type { Overrides } from './space.js';

/**
 * Returns the scenario YAML `baseText` with each override set at its dotted path (missing
 * mappings are created, comments kept; an override of allocator.variant to another variant drops
 * the base's allocator.params first: scenario/variant-params.ts), ready for parseScenario: validation then sees the
 * configuration exactly as if a user had written it, so its messages name the path.
 */
export function applyOverrides(baseText: string, overrides: Overrides): string {
  // a configuration of another variant does not inherit the base variant's allocator.params
  return setYamlPaths(withoutOtherVariantParams(baseText, overrides), overrides);
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Returns true when `value` (a YAML document as plain data) is a tree: no object reached twice.
 * A YAML alias makes a shared object, which an override through it would change in two places
 * where applyOverrides refuses the path; such a base takes the text path.
 */
export function isPlainTree(value: unknown, seen: Set<object> = new Set()): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).every((v) => isPlainTree(v, seen));
}

/**
 * Returns a copy of `baseValue` (the base scenario as plain data, a tree) with each override
 * set at its dotted path, missing mappings created: the value parseScenario reads from
 * applyOverrides' text, without writing and re-reading YAML. Returns null where the text path
 * must decide (a path through something other than a mapping, where setting it fails).
 */
export function overriddenValue(baseValue: unknown, overrides: Overrides): unknown {
  const root: unknown = structuredClone(baseValue);
  // as applyOverrides: the base variant's allocator.params stay with it
  const allocator = isMapping(root) ? root['allocator'] : undefined;
  if (isMapping(allocator) && picksOtherVariant(allocator['variant'], overrides)) delete allocator['params'];
  for (const [path, value] of overrides) {
    const keys = path.split('.');
    let node: unknown = root;
    for (let i = 0; i < keys.length - 1; i++) {
      if (!isMapping(node)) return null;
      const key = keys[i] as string;
      if (!Object.hasOwn(node, key)) node[key] = {};
      node = node[key];
    }
    if (!isMapping(node)) return null;
    node[keys[keys.length - 1] as string] = structuredClone(value);
  }
  return root;
}
