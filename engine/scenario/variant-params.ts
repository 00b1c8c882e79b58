import { parseDocument } from 'yaml';

/**
 * A scenario's allocator.params are its allocator.variant's: another variant has other
 * parameters. Settings that pick another variant (a sweep's overrides, loadScenario's `set`)
 * therefore run it on its own defaults, plus whatever allocator.params they set themselves, as
 * `bt compare SCENARIO --variant` does; without this, the base's params would be refused as
 * unknown keys of the new variant.
 */

/** Returns true when `values` set allocator.variant to a variant other than `baseVariant`. */
export function picksOtherVariant(baseVariant: unknown, values: readonly (readonly [string, unknown])[]): boolean {
  const set = values.find(([path]) => path === 'allocator.variant');
  return set !== undefined && set[1] !== baseVariant;
}

/** Returns the scenario YAML `text` without allocator.params when `values` pick another variant (else `text` itself). */
export function withoutOtherVariantParams(text: string, values: readonly (readonly [string, unknown])[]): string {
  const doc = parseDocument(text);
  if (!picksOtherVariant(doc.getIn(['allocator', 'variant']), values) || !doc.hasIn(['allocator', 'params'])) return text;
  doc.deleteIn(['allocator', 'params']);
  return doc.toString({ lineWidth: 0 });
}
