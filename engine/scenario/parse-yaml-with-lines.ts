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
