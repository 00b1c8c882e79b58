import { parseDocument } from 'yaml';

/**
 * Returns the scenario YAML `text` with each value set at its dotted path (missing mappings are
 * created, comments kept): a sweep's overrides and loadScenario's `set` both edit the text, so
 * validation sees the configuration as if a user had written it and its messages name the path.
 * Throws the yaml library's error for a path through a value that is not a mapping.
 */
export function setYamlPaths(text: string, values: readonly (readonly [string, unknown])[]): string {
  const doc = parseDocument(text);
  for (const [path, value] of values) doc.setIn(path.split('.'), doc.createNode(value));
  return doc.toString({ lineWidth: 0 });
}
