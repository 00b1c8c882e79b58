import { parseDocument } from 'yaml';

/**
 * Returns the scenario YAML text with allocator.variant set to `variant` and allocator.params
 * removed (each variant runs on its own defaults), comments and the other keys kept. Pure:
 * the caller parses the result with parseScenario, which reports any error with its line.
 */
export function variantScenarioText(text: string, variant: string): string {
  const doc = parseDocument(text);
  doc.setIn(['allocator', 'variant'], variant);
  doc.deleteIn(['allocator', 'params']);
  return doc.toString();
}
