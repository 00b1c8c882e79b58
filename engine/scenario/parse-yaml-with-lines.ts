import { isCollection, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { BtInputError, type InputErrorDetail } from '../core/errors.js';
import { joinPath } from './validation-context.js';
import { yamlIndentMessage } from './yaml-indent-message.js';

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

/** The YAML 1.2 core schema's tags: an explicit one of these keeps a value plain data (`!!str 0.3` is the text '0.3'). */
const CORE_TAGS: ReadonlySet<string> = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Returns a tag as written in YAML (`!!set` for tag:yaml.org,2002:set). */
function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/**
 * Returns a violation for each node that would not become plain data: a tag outside the core
 * schema (`!!set`, `!!omap`, `!!timestamp`, `!!binary`, `!custom`: the yaml library builds a Set,
 * Map, Date or Buffer from them, which read as an empty section or "a mapping"), a YAML 1.1
 * timestamp (`%YAML 1.1`), and a mapping key that is itself a list or mapping.
 */
function nonPlainNodes(doc: Document, text: string, file: string, lc: LineCounter): InputErrorDetail[] {
  const out: InputErrorDetail[] = [];
  const lineAt = (offset: number): number => lc.linePos(offset).line;
  visit(doc, {
    Pair(_key, pair) {
      if (isCollection(pair.key)) {
        out.push({ file, line: lineAt(pair.key.range?.[0] ?? 0), message: 'malformed YAML: a mapping key must be a name, found a list or mapping' });
      }
    },
    Node(_key, node, path) {
      if (isPair(node)) return;
      const at = node.range?.[0] ?? 0;
      // a block collection starts at its first item, the line below its tag: name the key's line
      const holder = path[path.length - 1];
      const tagAt = isCollection(node) && isPair(holder) && holder.value === node && isNode(holder.key) ? (holder.key.range?.[0] ?? at) : at;
      if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
        out.push({ file, line: lineAt(tagAt), message: `malformed YAML: the tag '${shortTag(node.tag)}' is not supported; bt reads plain values (mappings, lists, text, numbers, true/false, null): remove the tag` });
      } else if (isScalar(node) && node.value !== null && !['string', 'number', 'boolean'].includes(typeof node.value)) {
        const source = text.slice(at, node.range?.[1] ?? at);
        out.push({ file, line: lineAt(at), message: `malformed YAML: '${source}' is read as a YAML 1.1 ${node.value instanceof Date ? 'timestamp' : 'value'}, not as text; quote it` });
      }
    },
  });
  return out;
}

/**
 * Returns the first line of a `yaml` error message, without its "at line L, column C" suffix. A
 * document nested thousands of levels deep overflows the parser's stack, which the library
 * reports as V8's "Maximum call stack size exceeded": say what in the file caused it.
 */
function shortYamlMessage(message: string): string {
  if (message.includes('Maximum call stack size exceeded')) return 'the document nests lists or mappings too deeply to read (a scenario needs a few levels; this one nests thousands)';
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Returns the YAML 1.2 (core schema) document in `text` as plain data with key lines, or
 * throws a BtInputError naming each syntax error (duplicate keys included) with its line, and
 * then each node that would not be plain data (tags outside the core schema, YAML 1.1
 * timestamps, collection keys) with its line.
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
      // the parser's own words advise calling one of its functions
      if (e.code === 'MULTIPLE_DOCS') return { file, line, message: "malformed YAML: a second YAML document starts here ('---'): a scenario or sweep file holds one document; remove this line and what follows it, or merge them into the first" };
      return { file, line, message: `malformed YAML: ${yamlIndentMessage(e.code) ?? shortYamlMessage(e.message)}` };
    });
    // a stack overflow can surface at more than one level of the parser, and an over-indented
    // line as two codes with one plain message: the same line twice
    const seen = new Set<string>();
    const distinct = details.filter((d) => {
      const key = `${d.line}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    throw new BtInputError(distinct.slice(0, 20), Math.max(0, distinct.length - 20));
  }
  // a tag the schema cannot resolve (`!!float 1`, `!!int 3.7`) or an unknown directive is only a
  // warning to the yaml library, which then keeps the text: refuse it, as the tags above
  const nodes = nonPlainNodes(doc, text, file, lc);
  const warnings = doc.warnings.map((w): InputErrorDetail => {
    const line = w.linePos?.[0].line ?? lc.linePos(w.pos[0]).line;
    const tag = /^Unresolved tag: (\S+)/.exec(w.message)?.[1];
    const message = tag !== undefined ? `the tag '${shortTag(tag)}' does not fit its value: remove the tag` : shortYamlMessage(w.message);
    return { file, line, message: `malformed YAML: ${message}` };
  });
  const unplain = [...nodes, ...warnings.filter((w) => !nodes.some((n) => n.line === w.line))].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || ((a.message ?? '') < (b.message ?? '') ? -1 : (a.message ?? '') > (b.message ?? '') ? 1 : 0),
  );
  if (unplain.length > 0) throw new BtInputError(unplain.slice(0, 20), Math.max(0, unplain.length - 20));
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
