import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { BtInputError, type InputErrorDetail } from '../core/errors.js';
import { joinPath } from './validation-context.js';

/** A YAML document as plain data plus the 1-based line of each mapping key, by dotted path. */
export interface YamlWithLines {
  readonly value: unknown;
  readonly keyLines: ReadonlyMap<string, number>;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function collectKeyLines(node: unknown, path: string, lc: LineCounter, out: Map<string, number>): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const p = joinPath(path, keyText(pair.key));
      const range = isNode(pair.key) ? pair.key.range : undefined;
      if (range !== undefined && range !== null) out.set(p, lc.linePos(range[0]).line);
      collectKeyLines(pair.value, p, lc, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectKeyLines(item, joinPath(path, String(i)), lc, out));
  }
  // an alias (isAlias) shares its anchor's nodes: its keys fall back to the alias' own key line
}

/** Returns the line of the first key spelled `key` in the mapping that holds a key starting at offset `at` (the duplicate), or null. */
function firstLineOfKey(node: unknown, key: string, at: number, lc: LineCounter): number | null {
  if (isMap(node)) {
    if (node.items.some((pair) => isNode(pair.key) && pair.key.range?.[0] === at)) {
      const first = node.items.find((pair) => keyText(pair.key) === key);
      const range = first !== undefined && isNode(first.key) ? first.key.range : undefined;
      return range !== undefined && range !== null ? lc.linePos(range[0]).line : null;
    }
    for (const pair of node.items) {
      const inner = firstLineOfKey(pair.value, key, at, lc);
      if (inner !== null) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = firstLineOfKey(item, key, at, lc);
      if (inner !== null) return inner;
    }
  }
  return null;
}

/** Returns the first line of a `yaml` error message, without its "at line L, column C" suffix. */
function shortYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Returns the YAML 1.2 (core schema) document in `text` as plain data with key lines, or
 * throws a BtInputError naming each syntax error (duplicate keys included) with its line.
 */
export function parseYamlWithLines(text: string, file: string): YamlWithLines {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const details: InputErrorDetail[] = doc.errors.map((e) => {
      const line = e.linePos?.[0].line ?? lc.linePos(e.pos[0]).line;
      if (e.code === 'DUPLICATE_KEY') {
        // name the key: "Map keys must be unique" alone leaves the reader to find which
        const rest = text.slice(e.pos[0]);
        const key = rest.slice(0, Math.max(0, rest.search(/:|\n|$/))).trim();
        const first = firstLineOfKey(doc.contents, key, e.pos[0], lc);
        return { file, line, message: `malformed YAML: the key '${key}' appears twice in one mapping${first !== null && first !== line ? ` (first at line ${first})` : ''}` };
      }
      return { file, line, message: `malformed YAML: ${shortYamlMessage(e.message)}` };
    });
    throw new BtInputError(details.slice(0, 20), Math.max(0, details.length - 20));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // toJS fails only on alias bombs and similar; report it as bad input, not a crash
    const message = err instanceof Error ? err.message : String(err);
    throw new BtInputError({ file, message: `malformed YAML: ${shortYamlMessage(message)}` });
  }
  const keyLines = new Map<string, number>();
  collectKeyLines(doc.contents, '', lc, keyLines);
  return { value, keyLines };
}
