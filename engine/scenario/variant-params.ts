import { parseDocument, type Document } from 'yaml';

/**
 * A scenario's allocator.params are its allocator.variant's: another variant has other
 * parameters. Settings that pick another variant (a sweep's overrides, loadScenario's `set`,
 * `bt compare SCENARIO --variant`) therefore run it on its own defaults, plus whatever
 * allocator.params they set themselves; without this, the base's params would be refused as
 * unknown keys of the new variant.
 */

/** Returns true when `values` set allocator.variant to a variant other than `baseVariant`. */
export function picksOtherVariant(baseVariant: unknown, values: readonly (readonly [string, unknown])[]): boolean {
  const set = values.find(([path]) => path === 'allocator.variant');
  return set !== undefined && set[1] !== baseVariant;
}

/** Removes allocator.params from the scenario document when `variant` is not the one it names (they stay with their variant); returns whether it did. */
export function leaveParamsWithTheirVariant(doc: Document, variant: unknown): boolean {
  if (doc.getIn(['allocator', 'variant']) === variant || !doc.hasIn(['allocator', 'params'])) return false;
  doc.deleteIn(['allocator', 'params']);
  return true;
}

/** Returns the scenario YAML `text` without allocator.params when `values` pick another variant (else `text` itself). */
export function withoutOtherVariantParams(text: string, values: readonly (readonly [string, unknown])[]): string {
  const set = values.find(([path]) => path === 'allocator.variant');
  if (set === undefined) return text;
  const doc = parseDocument(text);
  return leaveParamsWithTheirVariant(doc, set[1]) ? doc.toString({ lineWidth: 0 }) : text;
}
