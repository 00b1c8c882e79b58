import { parseDocument } from 'yaml';
import type { Overrides } from './space.js';

/**
 * Returns the scenario YAML `baseText` with each override set at its dotted path (missing
 * mappings are created, comments kept), ready for parseScenario: validation then sees the
 * configuration exactly as if a user had written it, so its messages name the path.
 */
export function applyOverrides(baseText: string, overrides: Overrides): string {
  const doc = parseDocument(baseText);
  for (const [path, value] of overrides) doc.setIn(path.split('.'), doc.createNode(value));
  return doc.toString({ lineWidth: 0 });
}
