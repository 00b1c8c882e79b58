import { isMap, isScalar, parseDocument } from 'yaml';
import { leaveParamsWithTheirVariant } from '../../scenario/variant-params.js';

/**
 * Returns the scenario YAML text with allocator.variant set to `variant`, comments and the other
 * keys kept. allocator.params are the scenario's own variant's: kept when `variant` is that one,
 * so its run is `bt run`'s, and removed otherwise (another variant has other parameters, and runs
 * on its own defaults: scenario/variant-params.ts). Pure: the caller parses the result with
 * parseScenario, which reports any error with its line.
 */
export function variantScenarioText(text: string, variant: string): string {
  const doc = parseDocument(text);
  leaveParamsWithTheirVariant(doc, variant);
  doc.setIn(['allocator', 'variant'], variant);
  return doc.toString();
}

/** Returns the allocator.params keys the scenario text writes, sorted (defaults bt fills in are not the user's). */
export function writtenParamKeys(text: string): string[] {
  const params: unknown = parseDocument(text).getIn(['allocator', 'params']);
  return isMap(params) ? params.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key)).sort() : [];
}

/**
 * Returns the note bt compare prints when the scenario sets allocator.params and other variants
 * run: which keys are whose, and that the others run on their own defaults; null otherwise.
 */
export function variantParamsNote(ownVariant: string, paramKeys: readonly string[], variants: readonly string[]): string | null {
  const others = variants.filter((v) => v !== ownVariant);
  if (paramKeys.length === 0 || others.length === 0) return null;
  return `allocator.params (${paramKeys.join(', ')}) are ${ownVariant}'s, the scenario's variant${variants.includes(ownVariant) ? ', and its run uses them' : ''}; ${others.join(', ')} ${others.length === 1 ? 'runs' : 'run'} on ${others.length === 1 ? 'its' : 'their'} own defaults`;
}
